"""The child protection API: conferences, plans and core groups (mounted under
/api/v1/protection by protection/api.py), with the same rules as the pages (R-CP-1..4).

A child the caller may not see is 404, and so is each of their conferences and plans; a
partner agency reads a core group only while it is a member (R-CP-3). Refused input is 422
with ``errors`` naming the field, and nothing is written (a plan without an initial
conference, a plan ending before it started, a second open plan, a review before the plan's
start, an exclusion without its reason). Changes to a conference or plan need ``If-Match``
with the ETag of your last read (428 without it, 412 when someone changed it since).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.models import Agency, User
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS, Problem
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.protection.actions import conferences as actions
from hearth.protection.models import Conference, CoreGroupMember, CPPlan
from hearth.protection.queries import conferences as queries
from hearth.protection.schemas.conferences import (
    ArrangeIn,
    ConferenceOut,
    ConferenceOutcomeIn,
    CoreGroupOut,
    MeetingIn,
    MeetingOut,
    MemberIn,
    MemberOut,
    PlanEndIn,
    PlanIn,
    PlanList,
    PlanOut,
)

router = Router(tags=["child protection"])


ERRORS = READ_ERRORS


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
    child = queries.get_visible_person(request.auth, person_id)
    data = payload.dict()
    chair = _user(data["chair_id"])
    if data["chair_id"] is not None and chair is None:
        raise Refused("Choose one of the conference chairs", "chair_id")
    enquiry = (queries.get_child_enquiry(child, data["enquiry_id"])
               if data["enquiry_id"] is not None else None)
    if data["enquiry_id"] is not None and enquiry is None:
        raise Refused("That is not one of this child's Section 47 enquiries", "enquiry_id")
    plan = (queries.get_child_plan(child, data["plan_id"])
            if data["plan_id"] is not None else None)
    if data["plan_id"] is not None and plan is None:
        raise Refused("That is not one of this child's plans", "plan_id")
    with _api_fields():
        conference = actions.do_arrange_conference(
            child, acting_user=request.auth, kind=data["kind"], held_on=data["held_on"],
            chair=chair, chair_name=data["chair_name"], invitees=data["invitees"],
            enquiry=enquiry, plan=plan)
    response["ETag"] = etag(conference)
    return Status(201, _conference_out(conference))


RENAME = {"chair": "chair_id", "enquiry": "enquiry_id", "plan": "plan_id",
          "lead_social_worker": "lead_social_worker_id", "conference": "conference_id"}


def _api_name(key: str) -> str:
    """The API's name for an action's field: ``invitees-0-name`` is ``invitees.0.name``."""
    if key.startswith(("invitees-", "family-")):
        return ".".join(key.split("-", 2))
    return "attendance" if key.startswith("attendance_") else RENAME.get(key, key)


@contextmanager
def _api_fields() -> Iterator[None]:
    try:
        yield
    except Refused as refusal:
        raise refusal.renamed({key: _api_name(key) for key in refusal.problems}) from refusal


@router.get("/conferences/{conference_id}", response={200: ConferenceOut, 404: Problem},
            auth=permission("protection.view"), url_name="protection_conference")
def conference(request: AuthedRequest, response: HttpResponse, conference_id: int):
    found = queries.get_visible_conference(request.auth, conference_id)
    actions.record_view(found.person, user=request.auth, what="api_view_cp_conference")
    response["ETag"] = etag(found)
    return _conference_out(found)


@router.post("/conferences/{conference_id}/outcome",
             response={200: ConferenceOut, **CHANGE_ERRORS},
             auth=permission("protection.conference"), url_name="protection_conference_outcome")
def outcome(request: AuthedRequest, response: HttpResponse, conference_id: int,
            payload: ConferenceOutcomeIn):
    """Record the conference's outcome. A decision of ``plan`` starts the plan
    (``started_plan_id``); a review's ``continue`` sets the next review 6 months on and
    ``end_plan`` ends the plan. Every exclusion needs its ``exclusion_reason`` (R-CP-4)."""
    found = queries.get_visible_conference(request.auth, conference_id)
    version = require_if_match(request, found, "conference")
    data = payload.dict()
    people = {str(p.pk): p for p, _ in queries.family_people(request.auth, found.person)}
    family = []
    for i, row in enumerate(data["family"]):
        person = None
        if row["person_id"] is not None:
            person = people.get(str(row["person_id"]))
            if person is None:
                raise Refused("Choose one of the child's family, or give their name",
                              f"family.{i}.person_id")
        family.append({**row, "person": person})
    lead = _user(data["lead_social_worker_id"])
    if data["lead_social_worker_id"] is not None and lead is None:
        raise Refused("Choose the plan's lead social worker", "lead_social_worker_id")
    with _api_fields():
        done = actions.do_record_conference_outcome(
            found, acting_user=request.auth, expected_version=version,
            attendance={a["invitee_id"]: a for a in data["attendance"]}, family=family,
            decision=data["decision"], category=data["category"], lead_social_worker=lead,
            minutes=data["minutes"], outline_plan=data["outline_plan"],
            held_on=data["held_on"])
    done = queries.get_visible_conference(request.auth, done.pk)
    response["ETag"] = etag(done)
    return _conference_out(done)


# --- plans ------------------------------------------------------------------------------------

@router.get("/people/{person_id}/cp-plans", response={200: PlanList, 404: Problem},
            auth=permission("protection.view"), url_name="protection_person_plans")
def person_plans(request: AuthedRequest, person_id: str):
    """The child's plans, the open one first, each with its core group and meetings."""
    child = queries.get_visible_person(request.auth, person_id)
    plans = [_plan_out(p) for p in queries.plans_of(child)]
    actions.record_view(child, user=request.auth, what="api_view_cp_plans")
    return {"person_id": child.pk, "plans": plans}


@router.get("/cp-plans/{cp_plan_id}", response={200: PlanOut, 404: Problem},
            auth=permission("protection.view"), url_name="protection_plan")
def plan(request: AuthedRequest, response: HttpResponse, cp_plan_id: int):
    found = queries.get_visible_plan(request.auth, cp_plan_id)
    actions.record_view(found.person, user=request.auth, what="api_view_cp_plan")
    response["ETag"] = etag(found)
    return _plan_out(found)


@router.post("/cp-plans", response={201: PlanOut, **ERRORS},
             auth=permission("protection.conference"), url_name="protection_plan_create")
def create_plan(request: AuthedRequest, response: HttpResponse, payload: PlanIn):
    """Start a plan from the initial or ROTH conference that decided on it. A plan
    without such a conference, or a second open plan for the child, is 422."""
    data = payload.dict()
    found = queries.get_visible_conference(request.auth, data["conference_id"])
    lead = _user(data["lead_social_worker_id"])
    with _api_fields():
        created = actions.do_create_plan(found, acting_user=request.auth,
                                         category=data["category"], lead_social_worker=lead)
    created = queries.get_visible_plan(request.auth, created.pk)
    response["ETag"] = etag(created)
    return Status(201, _plan_out(created))


@router.post("/cp-plans/{cp_plan_id}/end", response={200: PlanOut, **CHANGE_ERRORS},
             auth=permission("protection.record"), url_name="protection_plan_end")
def end_plan(request: AuthedRequest, response: HttpResponse, cp_plan_id: int, payload: PlanEndIn):
    """End the plan (not before it started, not in the future) with its reason."""
    found = queries.get_visible_plan(request.auth, cp_plan_id)
    version = require_if_match(request, found, "plan")
    data = payload.dict()
    with _api_fields():
        actions.do_end_plan(found, acting_user=request.auth, expected_version=version,
                            end_on=data["end_on"], reason=data["reason"], notes=data["notes"])
    found = queries.get_visible_plan(request.auth, cp_plan_id)
    response["ETag"] = etag(found)
    return _plan_out(found)


# --- core groups ------------------------------------------------------------------------------

@router.get("/cp-plans/{cp_plan_id}/core-group", response={200: CoreGroupOut, 404: Problem},
            auth=permission("protection.core_group"), url_name="protection_core_group")
def core_group(request: AuthedRequest, cp_plan_id: int):
    """Each member's agency, role and tasks (R-CP-3): for every agency in the core group."""
    found = queries.get_core_group_plan(request.auth, cp_plan_id)
    actions.record_view(found.person, user=request.auth, what="api_view_core_group")
    return {"plan_id": found.pk, "person_id": found.person_id,
            "members": [_member_out(m) for m in found.core_group.all() if m.left_on is None]}


@router.post("/cp-plans/{cp_plan_id}/core-group", response={201: MemberOut, **WRITE_ERRORS},
             auth=permission("protection.record"), url_name="protection_core_group_add")
def add_member(request: AuthedRequest, cp_plan_id: int, payload: MemberIn):
    """Add a member with their role and tasks; a partner agency (``partner_agency_id``) can
    then read the core group."""
    found = queries.get_visible_plan(request.auth, cp_plan_id)
    data = payload.dict()
    agency = (Agency.objects.filter(pk=data["partner_agency_id"]).first()
              if data["partner_agency_id"] is not None else None)
    if data["partner_agency_id"] is not None and agency is None:
        raise Refused("No such partner agency", "partner_agency_id")
    user = _user(data["user_id"], is_active=True)
    if data["user_id"] is not None and user is None:
        raise Refused("No such user", "user_id")
    person = None
    if data["person_id"] is not None:
        people = {str(p.pk): p for p, _ in queries.family_people(request.auth, found.person)}
        person = people.get(str(data["person_id"]))
        if person is None:
            raise Refused("Choose one of the child's family", "person_id")
    with _api_fields():
        member = actions.do_add_core_group_member(
            found, acting_user=request.auth, name=data["name"], agency=data["agency"],
            role=data["role"], tasks=data["tasks"], partner_agency=agency, user=user,
            person=person)
    return Status(201, _member_out(member))


@router.post("/cp-plans/{cp_plan_id}/core-group-meetings", response={201: MeetingOut, **ERRORS},
             auth=permission("protection.record"), url_name="protection_core_group_meeting")
def record_meeting(request: AuthedRequest, cp_plan_id: int, payload: MeetingIn):
    found = queries.get_visible_plan(request.auth, cp_plan_id)
    data = payload.dict()
    with _api_fields():
        meeting = actions.do_record_core_group_meeting(found, acting_user=request.auth, **data)
    return Status(201, {"id": meeting.pk, "held_on": meeting.held_on,
                        "attendees": meeting.attendees, "progress": meeting.progress,
                        "actions": meeting.actions, "next_meeting_on": meeting.next_meeting_on,
                        "recorded_by": meeting.recorded_by.display_name,
                        "recorded_at": meeting.recorded_at})

