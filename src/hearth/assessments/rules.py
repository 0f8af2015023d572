"""Pure decisions about assessments: no database, no clock (``now`` is passed in)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from hearth import calendar
from hearth.access.rules import MANAGER_ROLES
from hearth.assessments.codes import AssessmentStatus, Outcome, SourceKind

#: R-REC-7: the sources an assessment is expected to draw on ("other" is never a gap).
EXPECTED_SOURCES: tuple[str, ...] = tuple(k.value for k in SourceKind if k != SourceKind.OTHER)


def source_gaps(contributed: Iterable[str]) -> list[str]:
    """R-REC-7: the expected sources that did not contribute, in the usual order."""
    have = set(contributed)
    return [kind for kind in EXPECTED_SOURCES if kind not in have]


def may_authorise(author_id: int | None, manager_id: int | None, role: str) -> bool:
    """A manager may authorise an assessment, never one they wrote themselves."""
    return role in MANAGER_ROLES and manager_id is not None and author_id != manager_id


def is_overdue(due: datetime, now: datetime, status: str) -> bool:
    """An assessment not yet authorised is overdue once its due time has passed."""
    return status != AssessmentStatus.AUTHORISED and calendar.is_overdue(due, now)


def working_days_left(due: datetime, now: datetime) -> int:
    """Working days from today to the due date: 0 on the day, negative once overdue."""
    return calendar.working_days_between(now.astimezone(calendar.LONDON).date(),
                                         due.astimezone(calendar.LONDON).date())


def describe_due(due: datetime, now: datetime, status: str) -> str:
    """'12 working days left', 'due today', 'overdue by 3 working days' or 'authorised'."""
    if status == AssessmentStatus.AUTHORISED:
        return "authorised"
    days = working_days_left(due, now)
    if is_overdue(due, now, status):
        late = max(-days, 0)
        if late == 0:
            return "overdue"
        return f"overdue by {late} working day{'s' if late != 1 else ''}"
    if days == 0:
        return "due today"
    return f"{days} working day{'s' if days != 1 else ''} left"


def missing_for_submission(summary: str, outcome: str) -> list[str]:
    """What must be filled in before a worker can submit: plain-English field names."""
    missing = []
    if not summary.strip():
        missing.append("summary")
    if outcome not in Outcome.values:
        missing.append("outcome")
    return missing
