"""Pure decisions about the chronology: no database, no clock (``today`` is passed in).

``Spec`` is one event a record contributes, before it is stored: every app's
``chronology.py`` builds them with ``on_day`` and ``shorten`` (R-CHR-1, R-CHR-2).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from hearth import calendar
from hearth.chronology.codes import LANE_OF, MANUAL_KINDS, OWN_SERVICE, Kind
from hearth.core.sensible import sensible_date

SUMMARY_LIMIT = 400


@dataclass(frozen=True)
class Spec:
    """One event a record contributes, before it is stored."""

    person_id: Any
    kind: str
    occurred_at: datetime
    summary: str
    source_agency: str = OWN_SERVICE
    source_person: str = ""
    time_known: bool = True
    recorded_by_id: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def lane(self) -> str:
        return LANE_OF[self.kind]


def on_day(day: date) -> datetime:
    """An event known only by its date: noon, London time, so it sorts within its day and
    never crosses midnight in another time zone."""
    return datetime.combine(day, time(12, 0), tzinfo=calendar.LONDON)


def shorten(text: str, limit: int = SUMMARY_LIMIT) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class Link:
    """Where the record behind an event is read: a page's URL name and the keyword the
    record's id fills (``by_person``: the person's id, for records without a page of their
    own)."""

    url_name: str
    kwarg: str
    by_person: bool = False


def name_of(user) -> str:
    """How a worker is named as the source of an event."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()

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
#: The columns' lengths: longer is refused, not cut (PostgreSQL refuses it; issue 13 item 2).
SOURCE_AGENCY_MAX = 150
SOURCE_PERSON_MAX = 200


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
                   today: date, born: date | None = None,
                   source_person: str = "") -> dict[str, str]:
    """What is wrong with a hand entry, by field (empty when it may be saved): its date from
    1900, not in the future, not before the person was born (issue 13 item 1)."""
    problems: dict[str, str] = {}
    if kind not in MANUAL_KINDS:
        problems["kind"] = "Select what kind of event this was"
    if occurred_on is None:
        problems["occurred_on"] = "Enter the date of the event"
    elif occurred_on > today:
        problems["occurred_on"] = "The date of the event must be today or in the past"
    elif problem := sensible_date(occurred_on, born=born):
        problems["occurred_on"] = f"The date of the event {problem}"
    if not summary.strip():
        problems["summary"] = "Enter what happened"
    elif len(summary) > SUMMARY_MAX:
        problems["summary"] = f"What happened must be {SUMMARY_MAX} characters or fewer"
    if not source_agency.strip():
        problems["source_agency"] = "Enter which agency the information came from"
    elif len(source_agency) > SOURCE_AGENCY_MAX:
        problems["source_agency"] = (f"The agency must be {SOURCE_AGENCY_MAX} characters "
                                     "or fewer")
    if len(source_person) > SOURCE_PERSON_MAX:
        problems["source_person"] = (f"Who it came from must be {SOURCE_PERSON_MAX} "
                                     "characters or fewer")
    return problems
