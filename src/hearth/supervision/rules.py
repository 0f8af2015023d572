"""Pure decisions about supervision (R-SUP-1..3): how often, when next due, whether overdue,
and what a session must contain. Plain values in, plain values out; no database, no clock."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from hearth.supervision.codes import (
    DEFAULT_EVERY_DAYS,
    MAX_EVERY_DAYS,
    MIN_EVERY_DAYS,
    SELF_CHECK_QUESTIONS,
    SessionStatus,
    self_check_short,
)


@dataclass(frozen=True)
class SessionFact:
    """What the frequency rules need to know about one session."""

    status: str
    scheduled_for: date
    held_on: date | None = None


@dataclass(frozen=True)
class Due:
    """A worker's supervision position on ``today``."""

    every_days: int
    last_held: date | None
    next_due: date | None
    overdue: bool
    days_overdue: int
    next_planned: date | None
    cancelled: int


def every_days_for(*, worker_days: int | None, team_days: int | None,
                   default: int = DEFAULT_EVERY_DAYS) -> int:
    """R-SUP-3: a worker's own setting wins over their team's, which wins over the default."""
    if worker_days:
        return worker_days
    if team_days:
        return team_days
    return default


def last_held(sessions: Iterable[SessionFact]) -> date | None:
    """The date of the latest supervision that took place. Planned sessions have not happened
    and cancelled ones did not: neither counts (R-SUP-1)."""
    held = [s.held_on or s.scheduled_for for s in sessions if s.status == SessionStatus.HELD]
    return max(held, default=None)


def next_due(last: date | None, every_days: int) -> date | None:
    """When the next supervision is due: ``every_days`` after the last one held; None when
    none has been held (it is due now)."""
    return None if last is None else last + timedelta(days=every_days)


def supervision_due(sessions: Iterable[SessionFact], every_days: int, today: date) -> Due:
    """Where a worker stands: last held, next due, overdue (a worker never supervised is
    overdue), the next planned session still to come, and how many were cancelled."""
    facts = list(sessions)
    last = last_held(facts)
    due = next_due(last, every_days)
    overdue = due is None or today > due
    days_overdue = (today - due).days if due is not None and today > due else 0
    planned = [s.scheduled_for for s in facts
               if s.status == SessionStatus.PLANNED and s.scheduled_for >= today]
    cancelled = sum(1 for s in facts if s.status == SessionStatus.CANCELLED)
    return Due(every_days=every_days, last_held=last, next_due=due, overdue=overdue,
               days_overdue=days_overdue, next_planned=min(planned, default=None),
               cancelled=cancelled)


def frequency_problem(every_days: int | None) -> str | None:
    if every_days is None or not MIN_EVERY_DAYS <= every_days <= MAX_EVERY_DAYS:
        return (f"Enter how often supervision happens as a number of days from "
                f"{MIN_EVERY_DAYS} to {MAX_EVERY_DAYS}, for example 35 for every 5 weeks")
    return None


def self_check_field(key: str) -> str:
    return f"self_check_{key}"


def session_problems(*, status: str, session_date: date | None, today: date,
                     needs_safety_items: bool, health_and_safety: str,
                     self_check: Mapping[str, Mapping[str, str]],
                     previous_status: str | None = None) -> dict[str, str]:
    """What is wrong with a session as it would be saved, by field (empty: nothing).

    - a supervision recorded as held happened today or earlier;
    - one that was held cannot go back to planned, and a cancelled one is not changed;
    - R-SUP-2: once held, a session about a family with hostility or a worker-safety warning
      has its health-and-safety item and an answer to every seed 004 §3.2 self-check question.
      A planned session may leave them for the day.
    """
    problems: dict[str, str] = {}
    if previous_status == SessionStatus.CANCELLED:
        problems[""] = "This supervision was cancelled: it cannot be changed."
        return problems
    if status not in (SessionStatus.PLANNED, SessionStatus.HELD):
        problems["status"] = "Select whether the supervision has taken place or is planned"
        return problems
    if previous_status == SessionStatus.HELD and status == SessionStatus.PLANNED:
        problems["status"] = ("This supervision has taken place: it cannot be changed back "
                              "to planned")
    if session_date is None:
        problems["session_date"] = "Enter the date of the supervision"
    elif status == SessionStatus.HELD and session_date > today:
        problems["session_date"] = ("The date of a supervision that has taken place must be "
                                    "today or in the past")
    if status == SessionStatus.HELD and needs_safety_items:
        if not (health_and_safety or "").strip():
            problems["health_and_safety"] = (
                "Enter the health and safety item: a family discussed has hostility or a "
                "worker-safety warning")
        for key, question in SELF_CHECK_QUESTIONS:
            answer = (self_check.get(key) or {}).get("answer")
            if answer not in ("yes", "no"):
                problems[self_check_field(key)] = (
                    f"Answer the self-check question “{self_check_short(question)}” with yes "
                    "or no")
    return problems


def cancel_problem(*, status: str, reason: str) -> tuple[str, str] | None:
    """Only a planned supervision is cancelled, and always with a reason (R-SUP-1)."""
    if status == SessionStatus.CANCELLED:
        return "", "This supervision is already cancelled."
    if status == SessionStatus.HELD:
        return "", "This supervision has taken place: it cannot be cancelled."
    if not (reason or "").strip():
        return "reason", "Enter why the supervision was cancelled"
    return None


def action_problems(*, what: str, due_on: date | None, owner_ok: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not (what or "").strip():
        problems["what"] = "Enter what is to be done"
    if not owner_ok:
        problems["owner"] = "Select who will do it"
    if due_on is None:
        problems["due_on"] = "Enter the date it is due by"
    return problems
