"""What the child protection API takes and gives for conferences, plans and core groups
(api/conferences.py).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema, code
from hearth.protection.codes import (
    Attendance,
    Category,
    ConferenceDecision,
    ConferenceKind,
    FamilyParticipation,
    PlanEndReason,
)

#: The longest a name, an agency or a role may be (the records' own limits) and a text (the
#: pages' limit).
NAME = 150
TEXT = 20000
#: What an invitee's attendance may be recorded as once the conference is held.
RECORDED_ATTENDANCE = [a for a in Attendance.values if a != Attendance.NOT_KNOWN]


class InviteeIn(Schema):
    name: str = Field(max_length=NAME)
    agency: str = Field(max_length=NAME)
    role: str = Field("", max_length=NAME)


class ArrangeIn(Schema):
    kind: str = code(ConferenceKind.values)
    held_on: date
    chair_id: int | None = None
    chair_name: str = Field("", max_length=NAME)
    invitees: list[InviteeIn] = []
    enquiry_id: int | None = None
    plan_id: int | None = None


class AttendanceIn(Schema):
    invitee_id: int
    attendance: str = code(RECORDED_ATTENDANCE)
    report_submitted: bool = False


class ConferenceFamilyIn(Schema):
    person_id: UUID | None = None
    name: str = Field("", max_length=NAME)
    relationship: str = Field("", max_length=100)
    participation: str = code(FamilyParticipation.values)
    excluded_from: str = Field("", max_length=200)
    exclusion_reason: str = Field("", max_length=TEXT)


class ConferenceOutcomeIn(Schema):
    held_on: date | None = None
    attendance: list[AttendanceIn] = []
    family: list[ConferenceFamilyIn] = []
    decision: str = code(ConferenceDecision.values)
    category: str = code(Category.values, "", blank=True)
    lead_social_worker_id: int | None = None
    minutes: str = Field(max_length=TEXT)
    outline_plan: str = Field("", max_length=TEXT)


class InviteeOut(Schema):
    id: int
    name: str
    agency: str
    role: str
    attendance: str = code(RECORDED_ATTENDANCE)
    report_submitted: bool


class ConferenceFamilyOut(Schema):
    person_id: UUID | None
    name: str
    relationship: str
    participation: str
    excluded_from: str
    exclusion_reason: str
    excluded_by: str


class ConferenceOut(Schema):
    id: int
    person_id: UUID
    kind: str
    kind_label: str
    held_on: date
    held: bool
    chair_name: str
    enquiry_id: int | None
    icpc_due: date | None
    plan_id: int | None
    started_plan_id: int | None
    decision: str
    category: str
    minutes: str
    outline_plan: str
    invitees: list[InviteeOut]
    family: list[ConferenceFamilyOut]
    version: int


class MemberIn(Schema):
    name: str = Field("", max_length=NAME)
    agency: str = Field("", max_length=NAME)
    role: str = Field(max_length=200)
    tasks: str = Field(max_length=TEXT)
    partner_agency_id: int | None = None
    user_id: int | None = None
    person_id: UUID | None = None


class MemberOut(Schema):
    id: int
    name: str
    agency: str
    partner_agency_id: int | None
    person_id: UUID | None
    role: str
    tasks: str
    left_on: date | None


class MeetingIn(Schema):
    held_on: date
    attendees: str = Field(max_length=TEXT)
    progress: str = Field(max_length=TEXT)
    actions: str = Field("", max_length=TEXT)
    next_meeting_on: date | None = None


class MeetingOut(Schema):
    id: int
    held_on: date
    attendees: str
    progress: str
    actions: str
    next_meeting_on: date | None
    recorded_by: str
    recorded_at: datetime


class PlanIn(Schema):
    conference_id: int
    category: str = code(Category.values)
    lead_social_worker_id: int


class PlanEndIn(Schema):
    end_on: date
    reason: str = code(PlanEndReason.values)
    notes: str = Field("", max_length=TEXT)


class PlanOut(Schema):
    id: int
    person_id: UUID
    conference_id: int
    start_on: date
    initial_category: str
    latest_category: str
    lead_social_worker: str
    first_core_group_due: date
    next_review_due: date
    end_on: date | None
    end_reason: str
    end_notes: str
    version: int
    core_group: list[MemberOut]
    meetings: list[MeetingOut]


class PlanList(Schema):
    person_id: UUID
    plans: list[PlanOut]


class CoreGroupOut(Schema):
    plan_id: int
    person_id: UUID
    members: list[MemberOut]

