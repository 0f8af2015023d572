"""Pure rules for allegation management meetings (R-LADO-2, R-LADO-4): who attended for which
agency, the information shared, actions each with an owner and a date, and the next meeting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hearth.lado.rules.matters import IN_FUTURE, LINE_MAX, TEXT_MAX, words


@dataclass(frozen=True)
class Attendee:
    name: str
    agency: str
    role: str = ""


@dataclass(frozen=True)
class ActionLine:
    action: str
    owner: str
    due_on: date | None = None


def _attendee_problems(attendees: Sequence[Attendee]) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not attendees:
        return {"attendees": "Enter who attended the meeting, with their agency"}
    for i, a in enumerate(attendees):
        for name, what in (("name", "name"), ("agency", "agency"), ("role", "role")):
            value = getattr(a, name).strip()
            if not value and name != "role":
                problems[f"attendees.{i}.{name}"] = f"Enter the {what} of attendee {i + 1}"
            elif len(value) > LINE_MAX:
                problems[f"attendees.{i}.{name}"] = (
                    f"The {what} of attendee {i + 1} must be {LINE_MAX} characters or fewer")
    return problems


def _action_problems(actions: Sequence[ActionLine], held_on: date | None) -> dict[str, str]:
    problems: dict[str, str] = {}
    for i, a in enumerate(actions):
        if not a.action.strip():
            problems[f"actions.{i}.action"] = f"Enter what action {i + 1} is, or clear the row"
        elif len(a.action) > TEXT_MAX:
            problems[f"actions.{i}.action"] = (
                f"Action {i + 1} must be {TEXT_MAX} characters or fewer")
        if not a.owner.strip():
            problems[f"actions.{i}.owner"] = f"Enter who owns action {i + 1}"
        elif len(a.owner) > LINE_MAX:
            problems[f"actions.{i}.owner"] = (
                f"The owner of action {i + 1} must be {LINE_MAX} characters or fewer")
        if a.due_on is None:
            problems[f"actions.{i}.due_on"] = f"Enter the date action {i + 1} is due"
        elif held_on is not None and a.due_on < held_on:
            problems[f"actions.{i}.due_on"] = (
                f"Action {i + 1} cannot be due before the meeting ({words(held_on)})")
    return problems


def meeting_problems(*, held_on: date | None, information_shared: str,
                     attendees: Sequence[Attendee], actions: Sequence[ActionLine],
                     next_meeting_on: date | None, notified_on: date,
                     today: date) -> dict[str, str]:
    """Everything wrong with a meeting's record, by field (empty: it may be recorded)."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date of the meeting"
    elif held_on > today:
        problems["held_on"] = f"The date of the meeting {IN_FUTURE}: record it once it is held"
    elif held_on < notified_on:
        problems["held_on"] = ("The meeting cannot be before the LADO was told "
                               f"({words(notified_on)})")
    shared = (information_shared or "").strip()
    if not shared:
        problems["information_shared"] = "Enter the information shared at the meeting"
    elif len(shared) > TEXT_MAX:
        problems["information_shared"] = (
            f"The information shared must be {TEXT_MAX} characters or fewer")
    problems.update(_attendee_problems(attendees))
    problems.update(_action_problems(actions, held_on))
    if next_meeting_on is not None and held_on is not None and next_meeting_on <= held_on:
        problems["next_meeting_on"] = "The next meeting must be after this one"
    return problems
