"""The child protection API: conferences, plans and core groups (mounted under
/api/v1/protection by protection/api.py), with the same rules as the pages (R-CP-1..4).

A child the caller may not see is 404, and so is each of their conferences and plans; a
partner agency reads a core group only while it is a member (R-CP-3). Refused input is 422
with ``errors`` naming the field, and nothing is written (a plan without an initial
conference, a plan ending before it started, a second open plan, a review before the plan's
start, an exclusion without its reason). Changes to a conference or plan need ``If-Match``
with the ETag of your last read (428 without it, 412 when someone changed it since).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from django.http import Http404, HttpResponse
from ninja import Router, Schema, Status
from ninja.errors import HttpError

from hearth.access.models import Agency, User
from hearth.api_auth import AuthedRequest, permission, require_if_match
from hearth.api_problems import Problem, unprocessable
from hearth.people.actions import StaleEdit
from hearth.protection.actions import conferences as actions
from hearth.protection.models import Conference, CoreGroupMember, CPPlan
from hearth.protection.queries import conferences as queries

router = Router(tags=["child protection"])


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


ERRORS = {404: Problem, 422: Problem}
CHANGE_ERRORS = {404: Problem, 412: Problem, 422: Problem, 428: Problem}


def _etag(obj) -> str:
    what = "conference" if isinstance(obj, Conference) else "cp-plan"
    return f'"{what}-{obj.pk}-v{obj.version}"'


def _invalid(problems: dict[str, str]) -> Status:
    return unprocessable(problems)


def _found(get, user, key):
    try:
        return get(user, key)
    except Http404 as exc:
        raise HttpError(404, str(exc) or "Not found.") from exc


def _conference_out(c: Conference) -> dict:
    started = CPPlan.objects.filter(conference=c).values_list("pk", flat=True).first()
    return {"id": c.pk, "person_id": c.person_id, "kind": c.kind,
            "kind_label": c.get_kind_display(), "held_on": c.held_on, "held": c.held,
            "chair_name": c.chair_name, "enquiry_id": c.enquiry_id,
            "icpc_due": c.enquiry.icpc_due if c.enquiry is not None else None,
            "plan_id": c.plan_id, "started_plan_id": started, "decision": c.decision,
            "category": c.category, "minutes": c.minutes, "outline_plan": c.outline_plan,
            "invitees": [{"id": i.pk, "name": i.name, "agency": i.agency, "role": i.role,
                          "attendance": i.attendance, "report_submitted": i.report_submitted}
                         for i in c.invitees.order_by("pk")],
            "family": [{"person_id": f.person_id, "name": f.name,
                        "relationship": f.relationship, "participation": f.participation,
                        "excluded_from": f.excluded_from,
                        "exclusion_reason": f.exclusion_reason,
                        "excluded_by": f.excluded_by.display_name if f.excluded_by else ""}
                       for f in c.family.select_related("excluded_by").order_by("pk")],
            "version": c.version}


def _member_out(m: CoreGroupMember) -> dict:
    return {"id": m.pk, "name": m.name, "agency": m.agency,
            "partner_agency_id": m.partner_agency_id, "person_id": m.person_id, "role": m.role,
            "tasks": m.tasks, "left_on": m.left_on}


def _plan_out(p: CPPlan) -> dict:
    return {"id": p.pk, "person_id": p.person_id, "conference_id": p.conference_id,
            "start_on": p.start_on, "initial_category": p.initial_category,
            "latest_category": p.latest_category,
            "lead_social_worker": p.lead_social_worker.display_name,
            "first_core_group_due": p.first_core_group_due,
            "next_review_due": p.next_review_due, "end_on": p.end_on,
            "end_reason": p.end_reason, "end_notes": p.end_notes, "version": p.version,
            "core_group": [_member_out(m) for m in p.core_group.order_by("pk")],
            "meetings": [{"id": m.pk, "held_on": m.held_on, "attendees": m.attendees,
                          "progress": m.progress, "actions": m.actions,
                          "next_meeting_on": m.next_meeting_on,
                          "recorded_by": m.recorded_by.display_name,
                          "recorded_at": m.recorded_at}
                         for m in p.meetings.select_related("recorded_by").order_by("held_on",
                                                                                    "pk")]}


def _user(user_id: int | None, **filters) -> User | None:
    if user_id is None:
        return None
    return User.objects.filter(pk=user_id, **filters).first()


# --- conferences ------------------------------------------------------------------------------

@router.post("/people/{person_id}/conferences", response={201: ConferenceOut, **ERRORS},
             auth=permission("protection.record"), url_name="protection_conference_arrange")
def arrange(request: AuthedRequest, response: HttpResponse, person_id: str,
            payload: ArrangeIn):
    """Arrange an ICPC (``enquiry_id``: the child's enquiry that found one is needed), an RCPC
    (``plan_id``: the child's open plan) or a ROTH (risk outside the home) conference."""
    child = _found(queries.get_visible_person, request.auth, person_id)
    data = payload.dict()
    chair = _user(data["chair_id"])
    if data["chair_id"] is not None and chair is None:
        return _invalid({"chair_id": "Choose one of the conference chairs"})
    enquiry = (queries.get_child_enquiry(child, data["enquiry_id"])
               if data["enquiry_id"] is not None else None)
    if data["enquiry_id"] is not None and enquiry is None:
        return _invalid({"enquiry_id": "That is not one of this child's Section 47 enquiries"})
    plan = (queries.get_child_plan(child, data["plan_id"])
            if data["plan_id"] is not None else None)
    if data["plan_id"] is not None and plan is None:
        return _invalid({"plan_id": "That is not one of this child's plans"})
    try:
        conference = actions.do_arrange_conference(
            child, acting_user=request.auth, kind=data["kind"], held_on=data["held_on"],
            chair=chair, chair_name=data["chair_name"], invitees=data["invitees"],
            enquiry=enquiry, plan=plan)
    except actions.ProtectionRefused as exc:
        return _invalid(_api_fields(exc.problems))
    response["ETag"] = _etag(conference)
    return Status(201, _conference_out(conference))


def _api_fields(problems: dict[str, str]) -> dict[str, str]:
    rename = {"chair": "chair_id", "enquiry": "enquiry_id", "plan": "plan_id",
              "lead_social_worker": "lead_social_worker_id", "conference": "conference_id"}
    out = {}
    for key, message in problems.items():
        if key.startswith(("invitees-", "family-")):
            prefix, index, field = key.split("-", 2)
            key = f"{prefix}.{index}.{field}"
        elif key.startswith("attendance_"):
            key = "attendance"
        out[rename.get(key, key)] = message
    return out


@router.get("/conferences/{conference_id}", response={200: ConferenceOut, 404: Problem},
            auth=permission("protection.view"), url_name="protection_conference")
def conference(request: AuthedRequest, response: HttpResponse, conference_id: int):
    found = _found(queries.get_visible_conference, request.auth, conference_id)
    actions.record_view(found.person, user=request.auth, what="api_view_cp_conference")
    response["ETag"] = _etag(found)
    return _conference_out(found)


@router.post("/conferences/{conference_id}/outcome",
             response={200: ConferenceOut, **CHANGE_ERRORS},
             auth=permission("protection.conference"), url_name="protection_conference_outcome")
def outcome(request: AuthedRequest, response: HttpResponse, conference_id: int,
            payload: OutcomeIn):
    """Record the conference's outcome. A decision of ``plan`` starts the plan
    (``started_plan_id``); a review's ``continue`` sets the next review 6 months on and
    ``end_plan`` ends the plan. Every exclusion needs its ``exclusion_reason`` (R-CP-4)."""
    found = _found(queries.get_visible_conference, request.auth, conference_id)
    require_if_match(request, _etag(found), "conference")
    data = payload.dict()
    people = {str(p.pk): p for p, _ in queries.family_people(request.auth, found.person)}
    family = []
    for i, row in enumerate(data["family"]):
        person = None
        if row["person_id"] is not None:
            person = people.get(str(row["person_id"]))
            if person is None:
                return _invalid({f"family.{i}.person_id": "Choose one of the child's family, "
                                                          "or give their name"})
        family.append({**row, "person": person})
    lead = _user(data["lead_social_worker_id"])
    if data["lead_social_worker_id"] is not None and lead is None:
        return _invalid({"lead_social_worker_id": "Choose the plan's lead social worker"})
    try:
        done = actions.do_record_conference_outcome(
            found, acting_user=request.auth, expected_version=found.version,
            attendance={a["invitee_id"]: a for a in data["attendance"]}, family=family,
            decision=data["decision"], category=data["category"], lead_social_worker=lead,
            minutes=data["minutes"], outline_plan=data["outline_plan"],
            held_on=data["held_on"])
    except StaleEdit as exc:
        raise HttpError(412, "Someone else changed this conference. Nothing was saved: "
                             "read it again.") from exc
    except actions.ProtectionRefused as exc:
        return _invalid(_api_fields(exc.problems))
    done = queries.get_visible_conference(request.auth, done.pk)
    response["ETag"] = _etag(done)
    return _conference_out(done)


# --- plans ------------------------------------------------------------------------------------

@router.get("/people/{person_id}/cp-plans", response={200: PlanList, 404: Problem},
            auth=permission("protection.view"), url_name="protection_person_plans")
def person_plans(request: AuthedRequest, person_id: str):
    """The child's plans, the open one first, each with its core group and meetings."""
    child = _found(queries.get_visible_person, request.auth, person_id)
    plans = [_plan_out(p) for p in queries.plans_of(child)]
    actions.record_view(child, user=request.auth, what="api_view_cp_plans")
    return {"person_id": child.pk, "plans": plans}


@router.get("/cp-plans/{cp_plan_id}", response={200: PlanOut, 404: Problem},
            auth=permission("protection.view"), url_name="protection_plan")
def plan(request: AuthedRequest, response: HttpResponse, cp_plan_id: int):
    found = _found(queries.get_visible_plan, request.auth, cp_plan_id)
    actions.record_view(found.person, user=request.auth, what="api_view_cp_plan")
    response["ETag"] = _etag(found)
    return _plan_out(found)


@router.post("/cp-plans", response={201: PlanOut, **ERRORS},
             auth=permission("protection.conference"), url_name="protection_plan_create")
def create_plan(request: AuthedRequest, response: HttpResponse, payload: PlanIn):
    """Start a plan from the initial or ROTH conference that decided on it. A plan
    without such a conference, or a second open plan for the child, is 422."""
    data = payload.dict()
    found = _found(queries.get_visible_conference, request.auth, data["conference_id"])
    lead = _user(data["lead_social_worker_id"])
    try:
        created = actions.do_create_plan(found, acting_user=request.auth,
                                         category=data["category"], lead_social_worker=lead)
    except actions.ProtectionRefused as exc:
        return _invalid(_api_fields(exc.problems))
    created = queries.get_visible_plan(request.auth, created.pk)
    response["ETag"] = _etag(created)
    return Status(201, _plan_out(created))


@router.post("/cp-plans/{cp_plan_id}/end", response={200: PlanOut, **CHANGE_ERRORS},
             auth=permission("protection.record"), url_name="protection_plan_end")
def end_plan(request: AuthedRequest, response: HttpResponse, cp_plan_id: int, payload: EndIn):
    """End the plan (not before it started, not in the future) with its reason."""
    found = _found(queries.get_visible_plan, request.auth, cp_plan_id)
    require_if_match(request, _etag(found), "plan")
    data = payload.dict()
    try:
        actions.do_end_plan(found, acting_user=request.auth, expected_version=found.version,
                            end_on=data["end_on"], reason=data["reason"], notes=data["notes"])
    except StaleEdit as exc:
        raise HttpError(412, "Someone else changed this plan. Nothing was saved: read it "
                             "again.") from exc
    except actions.ProtectionRefused as exc:
        return _invalid(_api_fields(exc.problems))
    found = queries.get_visible_plan(request.auth, cp_plan_id)
    response["ETag"] = _etag(found)
    return _plan_out(found)


# --- core groups ------------------------------------------------------------------------------

@router.get("/cp-plans/{cp_plan_id}/core-group", response={200: CoreGroupOut, 404: Problem},
            auth=permission("protection.core_group"), url_name="protection_core_group")
def core_group(request: AuthedRequest, cp_plan_id: int):
    """Each member's agency, role and tasks (R-CP-3): for every agency in the core group."""
    found = _found(queries.get_core_group_plan, request.auth, cp_plan_id)
    actions.record_view(found.person, user=request.auth, what="api_view_core_group")
    return {"plan_id": found.pk, "person_id": found.person_id,
            "members": [_member_out(m) for m in found.core_group.all() if m.left_on is None]}


@router.post("/cp-plans/{cp_plan_id}/core-group", response={201: MemberOut, **ERRORS},
             auth=permission("protection.record"), url_name="protection_core_group_add")
def add_member(request: AuthedRequest, cp_plan_id: int, payload: MemberIn):
    """Add a member with their role and tasks; a partner agency (``partner_agency_id``) can
    then read the core group."""
    found = _found(queries.get_visible_plan, request.auth, cp_plan_id)
    data = payload.dict()
    agency = (Agency.objects.filter(pk=data["partner_agency_id"]).first()
              if data["partner_agency_id"] is not None else None)
    if data["partner_agency_id"] is not None and agency is None:
        return _invalid({"partner_agency_id": "No such partner agency"})
    user = _user(data["user_id"], is_active=True)
    if data["user_id"] is not None and user is None:
        return _invalid({"user_id": "No such user"})
    person = None
    if data["person_id"] is not None:
        people = {str(p.pk): p for p, _ in queries.family_people(request.auth, found.person)}
        person = people.get(str(data["person_id"]))
        if person is None:
            return _invalid({"person_id": "Choose one of the child's family"})
    try:
        member = actions.do_add_core_group_member(
            found, acting_user=request.auth, name=data["name"], agency=data["agency"],
            role=data["role"], tasks=data["tasks"], partner_agency=agency, user=user,
            person=person)
    except actions.ProtectionRefused as exc:
        return _invalid(_api_fields(exc.problems))
    return Status(201, _member_out(member))


@router.post("/cp-plans/{cp_plan_id}/core-group-meetings", response={201: MeetingOut, **ERRORS},
             auth=permission("protection.record"), url_name="protection_core_group_meeting")
def record_meeting(request: AuthedRequest, cp_plan_id: int, payload: MeetingIn):
    found = _found(queries.get_visible_plan, request.auth, cp_plan_id)
    data = payload.dict()
    try:
        meeting = actions.do_record_core_group_meeting(found, acting_user=request.auth, **data)
    except actions.ProtectionRefused as exc:
        return _invalid(_api_fields(exc.problems))
    return Status(201, {"id": meeting.pk, "held_on": meeting.held_on,
                        "attendees": meeting.attendees, "progress": meeting.progress,
                        "actions": meeting.actions, "next_meeting_on": meeting.next_meeting_on,
                        "recorded_by": meeting.recorded_by.display_name,
                        "recorded_at": meeting.recorded_at})

