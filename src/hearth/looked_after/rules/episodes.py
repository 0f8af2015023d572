"""The rules of a period of care's episodes and placements (R-CLA-1, R-CLA-7, R-CLA-8), as
plain functions of plain values (no database, no clock): the reason for a new episode, what a
placement must say (SSDA903's provider and URN rules), the run of episodes without gaps or
overlaps, ceasing to be looked after and the unaccompanied asylum-seeking child's mark."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hearth.looked_after.codes import (
    CategoryOfNeed,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlaceChange,
)
from hearth.looked_after.codes.episodes import NO_URN, TEMPORARY_OR_OTHER

#: An URN SSDA903 accepts when the setting has none that can be given (rule 222).
URN_NOT_KNOWN = "XXXXXXX"
#: Temporary placements (T0-T4): the child returns to the placement they left; no reason for
#: the change is recorded for them.
TEMPORARY = frozenset({"T0", "T1", "T2", "T3", "T4"})
#: The reason an episode ends when another begins the same day.
X1 = ReasonEpisodeCeased.X1.value


def reason_new_episode(*, legal_status_changed: bool, placement_changed: bool,
                       same_carer: bool) -> str:
    """RNE of an episode that follows another (R-CLA-1): L, P, T, B or U ("" when nothing
    changed, which makes no new episode)."""
    if legal_status_changed and placement_changed:
        return ReasonNewEpisode.U if same_carer else ReasonNewEpisode.B
    if placement_changed:
        return ReasonNewEpisode.T if same_carer else ReasonNewEpisode.P
    if legal_status_changed:
        return ReasonNewEpisode.L
    return ""


def code_problem(field: str, value: str, choices: type, what: str) -> dict[str, str]:
    """An empty or unknown code, named (``choices``: the code list)."""
    if not value:
        return {field: f"Select the {what}"}
    if value not in choices.values:  # type: ignore[attr-defined]
        return {field: f"The {what} {value!r} is not an SSDA903 code"}
    return {}


@dataclass(frozen=True)
class PlacementIn:
    placement_type: str
    provider: str
    urn: str
    postcode: str
    started_on: date | None


def placement_problems(p: PlacementIn, *, period_started_on: date | None,
                       today: date) -> dict[str, str]:
    """What a placement must say (R-CLA-1; SSDA903 rules 218, 222, the provider's list)."""
    problems = code_problem("placement_type", p.placement_type, PlacementType,
                            "placement type")
    kind = p.placement_type
    other = kind in TEMPORARY_OR_OTHER
    if p.provider and p.provider not in PlacementProvider.values:
        problems["provider"] = f"The placement provider {p.provider!r} is not an SSDA903 code"
    elif other and p.provider:
        problems["provider"] = (f"Leave the placement provider blank for a {kind} placement "
                                "(temporary or other placements have none)")
    elif not other and kind and not p.provider:
        problems["provider"] = "Select the placement provider"
    urn = p.urn.strip().upper()
    if kind and kind not in NO_URN and not urn:
        problems["urn"] = (f"Enter the Ofsted URN of the setting for a {kind} placement "
                           f"({URN_NOT_KNOWN} when it has none that can be given)")
    elif urn and urn != URN_NOT_KNOWN and not (urn.isalnum() and 6 <= len(urn) <= 8):
        problems["urn"] = "The URN must be 6 to 8 letters or digits, or XXXXXXX"
    if not other and kind and not p.postcode.strip():
        problems["postcode"] = "Enter the placement's postcode"
    if p.started_on is None:
        problems["started_on"] = "Enter the date the placement started"
    elif p.started_on > today:
        problems["started_on"] = "The date the placement started cannot be in the future"
    elif period_started_on is not None and p.started_on < period_started_on:
        problems["started_on"] = (f"The placement cannot start before the period of care "
                                  f"began ({period_started_on:%d/%m/%Y})")
    return problems


def start_problems(*, started_on: date | None, legal_status: str, category_of_need: str,
                   date_of_birth: date | None, today: date) -> dict[str, str]:
    """Becoming looked after (R-CLA-1): the date, the legal status and category of need."""
    problems: dict[str, str] = {}
    if started_on is None:
        problems["started_on"] = "Enter the date the child became looked after"
    elif started_on > today:
        problems["started_on"] = "The date the child became looked after cannot be in the future"
    elif date_of_birth is not None and started_on < date_of_birth:
        problems["started_on"] = "The child cannot become looked after before they were born"
    problems |= code_problem("legal_status", legal_status, LegalStatus, "legal status")
    problems |= code_problem("category_of_need", category_of_need, CategoryOfNeed,
                             "category of need")
    return problems


def change_problems(*, changed_on: date | None, open_episode_started_on: date,
                    today: date, legal_status: str, current_legal_status: str,
                    placement_changed: bool, leaving_type: str,
                    reason_changed: str) -> dict[str, str]:
    """A change of legal status or placement (R-CLA-1, R-CLA-7): on or after the open
    episode's start (no overlap), not in the future, something must change, and a move from a
    placement that is not temporary says why."""
    problems: dict[str, str] = {}
    if changed_on is None:
        problems["changed_on"] = "Enter the date of the change"
    elif changed_on > today:
        problems["changed_on"] = "The date of the change cannot be in the future"
    elif changed_on < open_episode_started_on:
        problems["changed_on"] = (f"The change cannot be before the current episode began "
                                  f"({open_episode_started_on:%d/%m/%Y}): the episodes would "
                                  "overlap")
    problems |= code_problem("legal_status", legal_status, LegalStatus, "legal status")
    if not placement_changed and legal_status == current_legal_status and not problems:
        problems["legal_status"] = ("Nothing changed: choose a new legal status or record a "
                                    "new placement")
    if placement_changed and leaving_type not in TEMPORARY:
        problems |= ({} if reason_changed else
                     {"reason_changed": "Select the reason the placement changed"})
        if reason_changed and reason_changed not in ReasonPlaceChange.values:
            problems["reason_changed"] = (f"The reason for the placement change "
                                          f"{reason_changed!r} is not an SSDA903 code")
    return problems


def cease_problems(*, ceased_on: date | None, reason: str, open_episode_started_on: date,
                   today: date) -> dict[str, str]:
    """Ceasing to be looked after (R-CLA-7): a reason code that ends the period (not X1), on
    or after the open episode's start."""
    problems: dict[str, str] = {}
    if ceased_on is None:
        problems["ceased_on"] = "Enter the date the child ceased to be looked after"
    elif ceased_on > today:
        problems["ceased_on"] = ("The date the child ceased to be looked after cannot be in "
                                 "the future")
    elif ceased_on < open_episode_started_on:
        problems["ceased_on"] = (f"The child cannot cease to be looked after before the "
                                 f"current episode began ({open_episode_started_on:%d/%m/%Y})")
    problems |= code_problem("reason_ceased", reason, ReasonEpisodeCeased,
                             "reason for ceasing to be looked after")
    if reason == X1:
        problems["reason_ceased"] = ("X1 only ends an episode that another follows: select "
                                     "why the child ceased to be looked after")
    return problems


@dataclass(frozen=True)
class Span:
    """One episode as the sequence rule sees it."""

    started_on: date
    ended_on: date | None
    reason_ceased: str = ""


def sequence_problems(episodes: Sequence[Span]) -> list[str]:
    """A period's episodes in order (R-CLA-1): each ends the day the next begins with X1 (no
    gap, no overlap); only the last may be open; an episode that ends with any other reason is
    the last. Empty when the run is whole."""
    found: list[str] = []
    ordered = sorted(episodes, key=lambda e: e.started_on)
    for n, (this, after) in enumerate(zip(ordered, ordered[1:], strict=False), start=1):
        if this.ended_on is None:
            found.append(f"Episode {n} is still open but episode {n + 1} follows it")
        elif after.started_on > this.ended_on:
            found.append(f"A gap between episode {n} (ended {this.ended_on:%d/%m/%Y}) and "
                         f"episode {n + 1} (began {after.started_on:%d/%m/%Y})")
        elif after.started_on < this.ended_on:
            found.append(f"Episode {n + 1} (began {after.started_on:%d/%m/%Y}) overlaps "
                         f"episode {n} (ended {this.ended_on:%d/%m/%Y})")
        elif this.reason_ceased != X1:
            found.append(f"Episode {n} ends with {this.reason_ceased or 'no reason'}, "
                         "but another follows it the same day: it must end with X1")
    for n, this in enumerate(ordered, start=1):
        if this.ended_on is not None and this.ended_on < this.started_on:
            found.append(f"Episode {n} ends before it begins")
    if ordered and ordered[-1].ended_on is not None and ordered[-1].reason_ceased == X1:
        found.append("The last episode ends with X1, but no episode follows it")
    return found


def uasc_problems(*, ceased_on: date | None, date_of_birth: date | None) -> dict[str, str]:
    """An unaccompanied asylum-seeking child (R-CLA-8): the date it ceased, if it has, is on
    or before the 18th birthday."""
    if ceased_on is None or date_of_birth is None:
        return {}
    try:
        eighteenth = date_of_birth.replace(year=date_of_birth.year + 18)
    except ValueError:  # born on 29 February
        eighteenth = date(date_of_birth.year + 18, 3, 1)
    if ceased_on > eighteenth:
        return {"uasc_ceased_on": (f"The date UASC status ceased must be on or before the "
                                   f"18th birthday ({eighteenth:%d/%m/%Y})")}
    return {}
