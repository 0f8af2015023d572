"""Pure decisions about child in need plans (R-CIN-1, R-CIN-2): no database, no clock
(``today`` is passed in). Problems are keyed by the field at fault, as the API names it
(``actions.0.owner``: the first action's owner); pages map them onto their own fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hearth import calendar
from hearth.cin.codes import CHOSEN_END_REASONS, EndReason, Progress

MAX_ACTIONS = 20
OWNER_MAX = 150
MAX_ATTENDEES = 40


@dataclass(frozen=True)
class ActionLine:
    """One action as entered: what, who does it, by when."""

    what: str
    owner: str
    due_on: date | None


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def on_cp_plan_refusal(name: str) -> str:
    """R-CIN-2: a child on a child protection plan is not also on a CIN plan."""
    return (f"{name} is on a child protection plan, so a child in need plan cannot be started: "
            "the child protection plan is the child's plan while it lasts")


def open_plan_refusal(name: str) -> str:
    return (f"{name} already has an open child in need plan: record a CIN meeting on it, "
            "or end it first")


def assessment_problem(*, status: str, outcome: str) -> str:
    """A CIN plan starts from an authorised assessment whose outcome is a CIN plan."""
    if status != "authorised" or outcome != "cin_plan":
        return ("A child in need plan starts from an authorised assessment whose outcome is "
                "a child in need plan")
    return ""


def action_problems(lines: Sequence[ActionLine], *, start_on: date | None,
                    required: bool = True) -> dict[str, str]:
    """Each action needs what, who and by when, not before the plan starts."""
    problems: dict[str, str] = {}
    if required and not lines:
        problems["actions"] = ("Add at least one action: what will be done, who does it and "
                               "by when")
    if len(lines) > MAX_ACTIONS:
        problems["actions"] = f"A plan has at most {MAX_ACTIONS} actions"
    for index, line in enumerate(lines):
        n = index + 1
        if not line.what.strip():
            problems[f"actions.{index}.what"] = f"Enter what action {n} is"
        if not line.owner.strip():
            problems[f"actions.{index}.owner"] = f"Enter who does action {n}"
        elif len(line.owner.strip()) > OWNER_MAX:
            problems[f"actions.{index}.owner"] = (f"Who does action {n} must be at most "
                                                  f"{OWNER_MAX} characters")
        if line.due_on is None:
            problems[f"actions.{index}.due_on"] = f"Enter the date action {n} is due by"
        elif start_on is not None and line.due_on < start_on:
            problems[f"actions.{index}.due_on"] = (f"Action {n} cannot be due before the plan "
                                                   f"starts on {_day(start_on)}")
    return problems


def start_problems(*, start_on: date | None, today: date, authorised_on: date | None,
                   needs: str, actions: Sequence[ActionLine]) -> dict[str, str]:
    """What is wrong with a new plan as entered (R-CIN-1)."""
    problems: dict[str, str] = {}
    if start_on is None:
        problems["start_on"] = "Enter the date the plan starts"
    elif start_on > today:
        problems["start_on"] = "The plan's start date cannot be in the future"
    elif authorised_on is not None and start_on < authorised_on:
        problems["start_on"] = ("The plan cannot start before the assessment was authorised "
                                f"on {_day(authorised_on)}")
    if not needs.strip():
        problems["needs"] = "Enter the child's needs the plan is to meet"
    problems.update(action_problems(actions, start_on=start_on))
    return problems


def meeting_problems(*, held_on: date | None, plan_start: date, today: date,
                     attendees: Sequence[str], progress: Sequence[tuple[int, str]],
                     next_meeting_on: date | None) -> dict[str, str]:
    """A CIN meeting: its date (not before the plan started, not in the future), who came,
    how each action is going (``progress``: (position, status) for each action), and a next
    meeting after this one."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date of the meeting"
    elif held_on < plan_start:
        problems["held_on"] = ("The meeting cannot be before the plan started on "
                               f"{_day(plan_start)}")
    elif held_on > today:
        problems["held_on"] = "The meeting's date cannot be in the future"
    if not [a for a in attendees if a.strip()]:
        problems["attendees"] = "Enter who attended the meeting"
    elif len(attendees) > MAX_ATTENDEES:
        problems["attendees"] = f"List at most {MAX_ATTENDEES} people who attended"
    for index, (position, status) in enumerate(progress):
        if status not in Progress.values:
            problems[f"progress.{index}.status"] = f"Select how action {position} is going"
    if next_meeting_on is not None and held_on is not None and next_meeting_on <= held_on:
        problems["next_meeting_on"] = "The next meeting must be after this one"
    return problems


def end_problems(*, end_on: date | None, start_on: date, today: date, reason: str,
                 chosen: bool = True) -> dict[str, str]:
    """R-CIN-2: a plan ends with a reason, not before it started and not in the future.
    ``chosen``: a worker's choice ("CP plan" is the conference's)."""
    problems: dict[str, str] = {}
    if end_on is None:
        problems["end_on"] = "Enter the date the plan ended"
    elif end_on < start_on:
        problems["end_on"] = f"The plan cannot end before it started on {_day(start_on)}"
    elif end_on > today:
        problems["end_on"] = "The plan's end date cannot be in the future"
    allowed = [c[0] for c in CHOSEN_END_REASONS] if chosen else EndReason.values
    if reason not in allowed:
        problems["end_reason"] = "Select why the plan ended"
    return problems


def next_meeting_due(*, start_on: date, last_held_on: date | None,
                     next_meeting_on: date | None, months: int) -> date:
    """R-CIN-1: the next CIN meeting is due on the date set at the last one, and at the
    latest ``months`` after the last meeting (or the plan's start)."""
    review = calendar.cin_review_due(last_held_on or start_on, months)
    return min(next_meeting_on, review) if next_meeting_on else review


def visit_due(*, start_on: date, last_seen_on: date | None, working_days: int) -> date:
    """R-CIN-1: the next statutory CIN visit, ``working_days`` after the last one since the
    plan began at which the child was seen, or after the plan began."""
    since = start_on if last_seen_on is None or last_seen_on < start_on else last_seen_on
    return calendar.cin_visit_due(since, working_days)
