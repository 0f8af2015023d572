"""API shapes for what is due (``GET /api/v1/work``, issue 15): no more than the home page
shows. (No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema


class DueItemOut(Schema):
    person_id: UUID | None = Field(description="None when it is about no one child (a "
                                                "worker's supervision)")
    person_name: str
    what: str
    kind: str = Field(description="A short code: icpc, cp_review, core_group, s47_outcome, "
                                  "assessment, follow_up, … (whatever the sources register)")
    due_on: date = Field(description="The day it is due, in London")
    due_at: datetime | None = Field(description="When it is due, where the source gives a "
                                                "time")
    state: Literal["overdue", "today", "this_week", "later"]
    overdue_by_days: int
    link: str = Field(description="The page where the work is done")
    for_user_id: int | None
    authorise: bool = Field(description="Waits for the caller's authorisation")


class WorkOut(Schema):
    today: date
    scope: str
    items: list[DueItemOut]
