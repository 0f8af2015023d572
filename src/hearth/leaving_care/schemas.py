"""API shapes for care leavers: no more than the care leaver's page shows. Coded answers list
their SSDA903 codes (IN_TOUCH, ACTIV, ACCOM: only the valid combinations)."""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema, code
from hearth.leaving_care.codes import ACCOMMODATION, KIT_AGES, Activity, ContactMethod, InTouch


class CareLeaverContactOut(Schema):
    contacted_on: date
    in_touch: bool
    method: str
    accommodation: str
    activity: str
    activity_reason: str
    recorded_by: str


class CareLeaverKeepingInTouchOut(Schema):
    age: int
    in_touch: str
    activity: str
    accommodation: str
    recorded_on: date


class PathwayPlanOut(Schema):
    assessed_on: date
    planned_on: date
    summary: str


class CareLeaverOut(Schema):
    person_id: UUID
    category: str = Field(description="R-CL-1: eligible, relevant, former_relevant or none, "
                                      "worked out from the date of birth and care history")
    reason: str = Field(description="Why, in words")
    personal_adviser: str | None
    support_to_25_requested_on: date | None
    pathway_plan_due: datetime | None
    plans: list[PathwayPlanOut]
    contacts: list[CareLeaverContactOut]
    keeping_in_touch: list[CareLeaverKeepingInTouchOut]
    version: int


class CareLeaverOpenIn(Schema):
    person_id: UUID
    category: str | None = code(["eligible", "relevant", "former_relevant"], None,
                                description="Optional: refused (422) if the dates say otherwise")


class CareLeaverContactIn(Schema):
    contacted_on: date
    in_touch: bool
    method: str = code(ContactMethod.values)
    accommodation: str = code(list(ACCOMMODATION))
    activity: str = code(Activity.values)
    activity_reason: str = Field("", max_length=300)
    notes: str = Field("", max_length=10000)


class CareLeaverKeepingInTouchIn(Schema):
    age: int = Field(ge=min(KIT_AGES), le=max(KIT_AGES), description="The birthday: 17 to 21")
    in_touch: str = code(InTouch.values)
    activity: str = code(Activity.values)
    accommodation: str = code(list(ACCOMMODATION))


class PersonalAdviserIn(Schema):
    adviser_id: int
