"""What the statutory-visits API takes and gives (R-CLA-4). (No ``from __future__ import
annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema


class StatutoryVisitIn(Schema):
    """A statutory visit: seen alone, or why not (they refused, or cannot understand)."""

    starts_at: datetime
    place: str = Field(max_length=200)
    child_seen: bool
    child_seen_alone: bool
    not_seen_alone_reason: str = Field("", max_length=10_000)
    what_was_said: str = Field("", max_length=10_000)


class StatutoryVisitOut(Schema):
    id: int
    child_id: UUID
    starts_at: datetime
    place: str
    child_seen: bool
    child_seen_alone: bool
    not_seen_alone_reason: str


class VisitDueOut(Schema):
    child_id: UUID
    child: str
    placement_started_on: date
    long_term: bool
    last_visit: date | None
    due_on: date
    overdue: bool


class VisitsDueOut(Schema):
    total: int
    page: int
    items: list[VisitDueOut]
