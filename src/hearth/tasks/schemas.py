"""API shapes for tasks (issue 15). (No ``from __future__ import annotations``: django-ninja
reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema
from hearth.tasks import rules


class TaskIn(Schema):
    """Set a task: what, for whom (a user id), by when, and about which child (optional)."""

    what: str = Field(max_length=rules.WHAT_MAX)
    assigned_to_id: int
    due_on: date
    person_id: UUID | None = None


class TaskCancelIn(Schema):
    reason: str = Field(max_length=rules.REASON_MAX)


class TaskOut(Schema):
    id: int
    what: str
    person_id: UUID | None = None
    person_name: str | None = None
    assigned_to_id: int
    assigned_to: str
    set_by_id: int | None = None
    set_by: str | None = None
    hearth_made: bool
    source: str
    due_on: date
    created_at: datetime
    status: str
    closed_by_id: int | None = None
    closed_by: str | None = None
    closed_at: datetime | None = None
    cancel_reason: str
    version: int


class TaskList(Schema):
    tasks: list[TaskOut]
