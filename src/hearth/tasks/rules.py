"""Pure decisions about tasks: no database, no clock (``today`` is passed in). Issue 15:
tasks a person sets for another, and those Hearth makes itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hearth.access.codes import Role

WHAT_MAX = 500
REASON_MAX = 2000
#: How far ahead a task may be due (a date years away is a typing mistake).
LATEST_DAYS = 366
#: A visit that did not see the child: see them within this many working days.
CHILD_NOT_SEEN_WORKING_DAYS = 5

WHAT_MISSING = "Enter what the task is"
WHAT_TOO_LONG = f"What the task is must be {WHAT_MAX} characters or fewer"
DUE_MISSING = "Enter the date the task is due"
DUE_PAST = "The date the task is due must be today or in the future"
DUE_TOO_FAR = "The date the task is due must be within a year"
REASON_MISSING = "Enter why the task is cancelled"
REASON_TOO_LONG = f"Why the task is cancelled must be {REASON_MAX} characters or fewer"
NOT_OPEN = "This task is already {status}: it cannot be changed"


@dataclass(frozen=True)
class Worker:
    """What the rules need to know of a user."""

    id: int
    role: str
    team_id: int | None
    active: bool = True
    can_hold_tasks: bool = True
    name: str = ""


def task_problems(*, what: str, due_on: date | None, today: date) -> dict[str, str]:
    """What is wrong with a task as entered, by field (empty when it may be saved)."""
    problems: dict[str, str] = {}
    what = (what or "").strip()
    if not what:
        problems["what"] = WHAT_MISSING
    elif len(what) > WHAT_MAX:
        problems["what"] = WHAT_TOO_LONG
    if due_on is None:
        problems["due_on"] = DUE_MISSING
    elif due_on < today:
        problems["due_on"] = DUE_PAST
    elif (due_on - today).days > LATEST_DAYS:
        problems["due_on"] = DUE_TOO_FAR
    return problems


def manages(manager: Worker, worker: Worker) -> bool:
    """A team manager manages their team's workers; a service manager everyone's."""
    if manager.role == Role.SERVICE_MANAGER:
        return True
    return (manager.role == Role.TEAM_MANAGER and manager.team_id is not None
            and manager.team_id == worker.team_id)


def assign_problem(setter: Worker, assignee: Worker, *, about_child: bool,
                   assignee_sees_child: bool) -> str | None:
    """Whether ``setter`` may set a task for ``assignee`` (None: they may).

    About a child: anyone who may set tasks may set one for any colleague who can see the
    child; a task for someone who cannot see the child is refused, naming why. About no
    child (team admin): for oneself, or a manager for the workers they manage."""
    name = assignee.name or "That person"
    if not assignee.active or not assignee.can_hold_tasks:
        return f"{name} cannot be given tasks in Hearth: choose someone else"
    if about_child:
        if not assignee_sees_child:
            return (f"{name} cannot see this child's record, so cannot do a task about "
                    "them: choose someone who works with the child")
        return None
    if assignee.id == setter.id or manages(setter, assignee):
        return None
    return (f"Only {name}'s manager can set them a task that is not about a child: "
            "choose a child, or set the task for yourself")


def may_close(user: Worker, *, assignee: Worker, set_by_id: int | None) -> bool:
    """Who may mark a task done or cancel it: the person it is for, whoever set it, or a
    manager of the person it is for."""
    return user.id in (assignee.id, set_by_id) or manages(user, assignee)


def reason_problem(reason: str) -> str | None:
    reason = (reason or "").strip()
    if not reason:
        return REASON_MISSING
    if len(reason) > REASON_MAX:
        return REASON_TOO_LONG
    return None


def digest_text(*, overdue: int, today: int, this_week: int, link: str) -> tuple[str, str]:
    """The daily e-mail's subject and body: counts and a link only, never a child's name or
    any detail of a case (a mailbox is not a safe place for them)."""
    def count(n: int, what: str) -> str:
        return f"{n} {what}"

    parts = [count(overdue, "overdue"), count(today, "due today"),
             count(this_week, "due this week")]
    subject = "Hearth: " + ", ".join(parts[:2])
    body = ("Your work in Hearth today: " + ", ".join(parts) + ".\n\n"
            + (f"Sign in to Hearth to see it: {link}" if link else "Sign in to Hearth to see it.")
            + "\n\n"
            "This e-mail names no one: the details are in Hearth.")
    return subject, body
