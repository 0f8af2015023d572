"""Pure decisions about the chronology: no database, no clock (``today`` is passed in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hearth.chronology.codes import MANUAL_KINDS, Kind

#: R-PPL-3: three or more changes of household membership within twelve months is
#: "changing and unstable membership" (seed 002, key message 2); so is any adult seen who is
#: not known to the record. Three or more moves of address in the year is named alongside.
UNSTABLE_HOUSEHOLD_CHANGES = 3
FREQUENT_MOVES = 3
FIGURE_MONTHS = 12

HOUSEHOLD_CHANGE_KINDS = (Kind.JOINED_HOUSEHOLD, Kind.LEFT_HOUSEHOLD, Kind.FAMILY_CHANGE)
MISSED_VISIT_KINDS = (Kind.NO_ACCESS, Kind.VISIT_CANCELLED, Kind.MISSED_APPOINTMENT,
                      Kind.NO_ANSWER)

SUMMARY_MAX = 2000


@dataclass(frozen=True)
class Figures:
    """The twelve-month figures shown above the timeline (R-CHR-3)."""

    address_moves: int
    household_changes: int
    school_moves: int
    missed_visits: int
    contacts: int
    unknown_adults: int

    @classmethod
    def from_kind_counts(cls, counts: dict[str, int]) -> Figures:
        def total(kinds) -> int:
            return sum(counts.get(str(k), 0) for k in kinds)

        return cls(address_moves=total([Kind.ADDRESS_MOVE]),
                   household_changes=total(HOUSEHOLD_CHANGE_KINDS),
                   school_moves=total([Kind.SCHOOL_CHANGE]),
                   missed_visits=total(MISSED_VISIT_KINDS),
                   contacts=total([Kind.CONTACT_RECEIVED]),
                   unknown_adults=total([Kind.UNKNOWN_ADULT]))


def instability_reasons(figures: Figures) -> list[str]:
    """Why the household is flagged as changing and unstable (R-PPL-3); empty when it is not."""
    reasons = []
    if figures.household_changes >= UNSTABLE_HOUSEHOLD_CHANGES:
        reasons.append(f"The household's membership changed {figures.household_changes} times "
                       f"in the last {FIGURE_MONTHS} months.")
    if figures.unknown_adults:
        times = "once" if figures.unknown_adults == 1 else f"{figures.unknown_adults} times"
        reasons.append(f"An adult not known to us was seen {times} in the last "
                       f"{FIGURE_MONTHS} months.")
    if figures.address_moves >= FREQUENT_MOVES:
        reasons.append(f"The child has lived at {figures.address_moves} addresses in the last "
                       f"{FIGURE_MONTHS} months.")
    return reasons


def is_unstable(figures: Figures) -> bool:
    """R-PPL-3: frequent changes of membership, or an unknown adult seen. Moves of address
    alone are named but do not make the flag."""
    return (figures.household_changes >= UNSTABLE_HOUSEHOLD_CHANGES
            or figures.unknown_adults > 0)


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the last day of a shorter month)."""
    import calendar as cal

    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, cal.monthrange(year, month)[1]))


def entry_problems(*, kind: str, occurred_on: date | None, summary: str, source_agency: str,
                   today: date) -> dict[str, str]:
    """What is wrong with a hand entry, by field (empty when it may be saved)."""
    problems: dict[str, str] = {}
    if kind not in MANUAL_KINDS:
        problems["kind"] = "Select what kind of event this was"
    if occurred_on is None:
        problems["occurred_on"] = "Enter the date of the event"
    elif occurred_on > today:
        problems["occurred_on"] = "The date of the event must be today or in the past"
    if not summary.strip():
        problems["summary"] = "Enter what happened"
    elif len(summary) > SUMMARY_MAX:
        problems["summary"] = f"What happened must be {SUMMARY_MAX} characters or fewer"
    if not source_agency.strip():
        problems["source_agency"] = "Enter which agency the information came from"
    return problems
