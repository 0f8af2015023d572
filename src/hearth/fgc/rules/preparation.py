"""The coordinator's preparation (R-FGC-1, R-FGC-3): visits to the child and family, the
network the family invites, the venue and date, and each child's part in the conference.
Pure: no database, no clock."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hearth.fgc.codes import Attendance, NetworkKind, ReachedBy

SHORT_MAX = 300
NAME_MAX = 150
NOTES_MAX = 20_000


def _long(text: str, limit: int) -> bool:
    return len(text) > limit


def visit_problems(*, visited_on: date | None, who_seen: str, notes: str, referred_on: date,
                   today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if visited_on is None:
        problems["visited_on"] = "Enter the date of the visit"
    elif visited_on > today:
        problems["visited_on"] = "The date of the visit cannot be in the future"
    elif visited_on < referred_on:
        problems["visited_on"] = (f"The visit cannot be before the referral on "
                                  f"{referred_on:%-d %B %Y}")
    if not who_seen.strip():
        problems["who_seen"] = "Enter who you saw"
    elif _long(who_seen, SHORT_MAX):
        problems["who_seen"] = f"Keep who you saw to {SHORT_MAX} characters"
    if not notes.strip():
        problems["notes"] = "Enter what you talked about"
    elif _long(notes, NOTES_MAX):
        problems["notes"] = f"Keep the notes to {NOTES_MAX:,} characters"
    return problems


def network_problems(*, name: str, relationship: str, kind: str,
                     reached_by: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Enter the name of the person the family invites"
    elif _long(name, NAME_MAX):
        problems["name"] = f"Keep the name to {NAME_MAX} characters"
    if not relationship.strip():
        problems["relationship"] = ("Enter how they are related to the child, for example "
                                    "grandmother or family friend")
    elif _long(relationship, NAME_MAX):
        problems["relationship"] = f"Keep the relationship to {NAME_MAX} characters"
    if kind not in NetworkKind.values:
        problems["kind"] = "Select whether they are family or a friend"
    if reached_by not in ReachedBy.values:
        problems["reached_by"] = "Select how you reached them"
    return problems


@dataclass(frozen=True)
class Participation:
    """A child's part in the conference as entered (R-FGC-3); ``key`` prefixes the fields
    (``child_3`` gives ``child_3_attendance``); ``name`` is the child's first name."""

    key: str
    name: str
    attendance: str = ""
    attends_for: str = ""
    supported_by: str = ""
    wishes_and_feelings: str = ""


def participation_problems(children: Sequence[Participation]) -> dict[str, str]:
    """R-FGC-3: whether each child attends; if in part, for how much; if at all, who supports
    them; if not, their wishes and feelings (written down, or shared by a safe adult)."""
    problems: dict[str, str] = {}
    for child in children:
        k = child.key
        if child.attendance not in Attendance.values:
            problems[f"{k}_attendance"] = f"Select whether {child.name} will attend"
            continue
        if child.attendance == Attendance.PART and not child.attends_for.strip():
            problems[f"{k}_attends_for"] = (f"Say how much of the conference {child.name} "
                                            "will attend")
        if child.attendance != Attendance.NONE and not child.supported_by.strip():
            problems[f"{k}_supported_by"] = (f"Enter who will support {child.name} at the "
                                             "conference")
        if child.attendance == Attendance.NONE and not child.wishes_and_feelings.strip():
            problems[f"{k}_wishes_and_feelings"] = (
                f"Enter {child.name}'s wishes and feelings, to be shared at the conference "
                "because they will not attend")
        for part in ("attends_for", "supported_by"):
            if _long(getattr(child, part), SHORT_MAX):
                problems[f"{k}_{part}"] = f"Keep this to {SHORT_MAX} characters"
        if _long(child.wishes_and_feelings, NOTES_MAX):
            problems[f"{k}_wishes_and_feelings"] = f"Keep this to {NOTES_MAX:,} characters"
    return problems


def arrangement_problems(*, venue: str, conference_at: datetime | None,
                         referred_at: datetime) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not venue.strip():
        problems["venue"] = "Enter where the conference will be held, for example a family hub"
    elif _long(venue, SHORT_MAX):
        problems["venue"] = f"Keep the venue to {SHORT_MAX} characters"
    if conference_at is None:
        problems["conference_at"] = "Enter the date and time of the conference"
    elif conference_at < referred_at:
        problems["conference_at"] = "The conference cannot be before the referral"
    return problems
