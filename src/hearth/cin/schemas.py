"""What the CIN plan API takes and gives (api.py). Codes list their values; limits are the
rules'. (No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field

from hearth.cin.codes import CHOSEN_END_REASONS, Progress
from hearth.cin.rules import MAX_ACTIONS, MAX_ATTENDEES, OWNER_MAX
from hearth.core.schemas import Schema, code

TEXT = 10000
Attendee = Annotated[str, Field(max_length=300)]


class CinActionIn(Schema):
    """Who does what by when (R-CIN-1): every part is needed (422 naming
    ``actions.<n>.<part>``)."""

    what: str = Field("", max_length=TEXT)
    owner: str = Field("", max_length=OWNER_MAX)
    due_on: date | None = None


class CinPlanIn(Schema):
    """Start the child's CIN plan from their authorised assessment whose outcome is a CIN plan
    (R-CIN-1). 409 while the child is on a child protection plan or has an open CIN plan
    (R-CIN-2)."""

    assessment_id: int
    start_on: date | None = None
    needs: str = Field(max_length=TEXT)
    actions: list[CinActionIn] = Field(max_length=MAX_ACTIONS)


class CinProgressIn(Schema):
    action_id: int
    status: str = code(Progress.values)
    note: str = Field("", max_length=TEXT)


class CinMeetingIn(Schema):
    """A CIN meeting: who came, how each of the plan's actions is going (every one), the next
    meeting, and any new actions."""

    held_on: date | None = None
    attendees: list[Attendee] = Field(max_length=MAX_ATTENDEES)
    progress: list[CinProgressIn] = Field(default_factory=list)
    notes: str = Field("", max_length=TEXT)
    next_meeting_on: date | None = None
    new_actions: list[CinActionIn] = Field(default_factory=list, max_length=MAX_ACTIONS)


class CinEndIn(Schema):
    """End the plan with its reason (R-CIN-2); "cp_plan" is written by the conference that
    starts a child protection plan."""

    end_on: date | None = None
    end_reason: str = code([c[0] for c in CHOSEN_END_REASONS])
    notes: str = Field("", max_length=TEXT)


class CinActionOut(Schema):
    id: int
    position: int
    what: str
    owner: str
    due_on: date


class CinProgressOut(Schema):
    action_id: int
    position: int
    status: str
    note: str


class CinMeetingOut(Schema):
    id: int
    held_on: date
    attendees: list[str]
    progress: list[CinProgressOut]
    notes: str
    next_meeting_on: date | None = None
    recorded_by: str
    recorded_at: datetime


class CinPlanOut(Schema):
    id: int
    person_id: UUID
    assessment_id: int
    start_on: date
    needs: str
    actions: list[CinActionOut]
    meetings: list[CinMeetingOut]
    next_meeting_due: date | None = Field(None, description="While open (R-CIN-1)")
    next_visit_due: date | None = Field(None, description="While open (R-CIN-1)")
    end_on: date | None = None
    end_reason: str
    end_notes: str
    version: int
