"""What the child protection API takes and gives for conferences, plans and core groups
(api/conferences.py).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from hearth.core.schemas import Schema


class InviteeIn(Schema):
    name: str
    agency: str
    role: str = ""


class ArrangeIn(Schema):
    kind: str
    held_on: date
    chair_id: int | None = None
    chair_name: str = ""
    invitees: list[InviteeIn] = []
    enquiry_id: int | None = None
    plan_id: int | None = None


class AttendanceIn(Schema):
    invitee_id: int
    attendance: str
    report_submitted: bool = False


class FamilyIn(Schema):
    person_id: UUID | None = None
    name: str = ""
    relationship: str = ""
    participation: str
    excluded_from: str = ""
    exclusion_reason: str = ""


class OutcomeIn(Schema):
    held_on: date | None = None
    attendance: list[AttendanceIn] = []
    family: list[FamilyIn] = []
    decision: str
    category: str = ""
    lead_social_worker_id: int | None = None
    minutes: str
    outline_plan: str = ""


class InviteeOut(Schema):
    id: int
    name: str
    agency: str
    role: str
    attendance: str
    report_submitted: bool


class FamilyOut(Schema):
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
    family: list[FamilyOut]
    version: int


class MemberIn(Schema):
    name: str = ""
    agency: str = ""
    role: str
    tasks: str
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
    attendees: str
    progress: str
    actions: str = ""
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
    category: str
    lead_social_worker_id: int


class EndIn(Schema):
    end_on: date
    reason: str
    notes: str = ""


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

