"""API shapes for engagement events (R-RES-1, R-RES-2): no more than the page shows.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import datetime
from uuid import UUID

from pydantic import Field

from hearth.chronology.codes import OWN_SERVICE
from hearth.core.schemas import Schema, code, codes
from hearth.engagement.codes import Behaviour, CancelledBy, EventKind, HostilityForm
from hearth.engagement.rules import ACCOUNT_MAX, AGENCY_MAX, WHO_MAX


class EngagementEventIn(Schema):
    kind: str = code(EventKind.values)
    occurred_at: datetime
    agency: str = Field(OWN_SERVICE, max_length=AGENCY_MAX)
    visit_id: int | None = None
    cancelled_by: str = code(CancelledBy.values, "", blank=True,
                             description="For a cancelled visit only")
    believed_in: bool | None = Field(None, description="When nobody answered the door only")
    form: str = code(HostilityForm.values, "", blank=True, description="For hostility only")
    behaviours: list[str] = codes(Behaviour.values, [], unique=True,
                                  description="For hostility only")
    by_person_id: UUID | None = None
    by_whom: str = Field("", max_length=WHO_MAX)
    account: str = Field("", max_length=ACCOUNT_MAX)


class EngagementEventOut(Schema):
    id: int
    person_id: UUID
    kind: str
    kind_label: str
    occurred_at: datetime
    agency: str
    visit_id: int | None
    involvement_id: int | None
    cancelled_by: str
    believed_in: bool | None
    form: str
    behaviours: list[str]
    by_person_id: UUID | None
    who: str
    account: str
    recorded_by: str
    recorded_at: datetime


class EngagementEventRecordedOut(EngagementEventOut):
    follow_up_task_id: int | None
    alert_practitioners: bool
    escalation: str


class EngagementEventList(Schema):
    person_id: UUID
    events: list[EngagementEventOut]
