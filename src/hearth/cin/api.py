"""``/api/v1/cin``: start a child's CIN plan from their authorised assessment (R-CIN-1), read
it (with its ETag), record a CIN meeting and end it with a reason (R-CIN-2), both with
If-Match (428 without it, 412 when stale). A plan or assessment whose child the caller may not
see is 404; refusals come from the one status table: 422 an input is wrong (naming the field:
``end_on``, ``actions.0.owner``), 409 the state forbids it (the child is on a child protection
plan, already has an open CIN plan, the plan has ended); nothing is written. (No ``from
__future__ import annotations``: django-ninja reads the annotations.)"""

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.assessments.queries import get_visible_assessment
from hearth.cin import due, queries
from hearth.cin.actions import plans as actions
from hearth.cin.models import CINPlan
from hearth.cin.schemas import CinEndIn, CinMeetingIn, CinPlanIn, CinPlanOut
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS
from hearth.core.versions import etag, require_if_match

router = Router(tags=["cin"])
WHAT = "child in need plan"


def _out(plan: CINPlan) -> dict:
    meeting_due = visit_due = None
    if plan.end_on is None:
        meeting_due, visit_due = due.dues_of(plan)
    return {
        "id": plan.pk, "person_id": plan.person_id, "assessment_id": plan.assessment_id,
        "start_on": plan.start_on, "needs": plan.needs,
        "actions": [{"id": a.pk, "position": a.position, "what": a.what, "owner": a.owner,
                     "due_on": a.due_on} for a in plan.actions.all()],
        "meetings": [{"id": m.pk, "held_on": m.held_on, "attendees": m.attendees,
                      "progress": [{"action_id": p.action_id, "position": p.action.position,
                                    "status": p.status, "note": p.note}
                                   for p in m.progress.all()],
                      "notes": m.notes, "next_meeting_on": m.next_meeting_on,
                      "recorded_by": m.recorded_by.display_name,
                      "recorded_at": m.recorded_at} for m in plan.meetings.all()],
        "next_meeting_due": meeting_due, "next_visit_due": visit_due,
        "end_on": plan.end_on, "end_reason": plan.end_reason, "end_notes": plan.end_notes,
        "version": plan.version}


def _answer(request: AuthedRequest, response: HttpResponse, plan_id: int) -> dict:
    found = queries.get_visible_plan(request.auth, plan_id)
    response["ETag"] = etag(found)
    return _out(found)


@router.post("/plans", response={201: CinPlanOut, **WRITE_ERRORS},
             auth=permission("cin.manage"), url_name="cin_start")
def start(request: AuthedRequest, response: HttpResponse, payload: CinPlanIn):
    """Start the child's CIN plan from ``assessment_id`` (authorised, outcome "CIN plan")."""
    assessment = get_visible_assessment(request.auth, payload.assessment_id)
    plan = actions.do_start_plan(assessment, acting_user=request.auth,
                                 start_on=payload.start_on, needs=payload.needs,
                                 actions=[a.dict() for a in payload.actions])
    return Status(201, _answer(request, response, plan.pk))


@router.get("/plans/{int:plan_id}", response={200: CinPlanOut, **READ_ERRORS},
            auth=permission("cin.view"), url_name="cin_plan")
def read(request: AuthedRequest, response: HttpResponse, plan_id: int):
    """The plan with its actions, meetings and what is due next, with its ETag."""
    found = queries.get_visible_plan(request.auth, plan_id)
    actions.record_view(found, user=request.auth, what="api_view_cin_plan")
    response["ETag"] = etag(found)
    return _out(found)


@router.post("/plans/{int:plan_id}/meetings", response={200: CinPlanOut, **CHANGE_ERRORS},
             auth=permission("cin.manage"), url_name="cin_meeting")
def meeting(request: AuthedRequest, response: HttpResponse, plan_id: int,
            payload: CinMeetingIn):
    """Record a CIN meeting: ``progress`` names every action of the plan by ``action_id``."""
    found = queries.get_visible_plan(request.auth, plan_id)
    version = require_if_match(request, found, WHAT)
    actions.do_record_meeting(
        found, acting_user=request.auth, expected_version=version, held_on=payload.held_on,
        attendees=payload.attendees, notes=payload.notes,
        progress={p.action_id: (p.status, p.note) for p in payload.progress},
        next_meeting_on=payload.next_meeting_on,
        new_actions=[a.dict() for a in payload.new_actions])
    return _answer(request, response, plan_id)


@router.post("/plans/{int:plan_id}/end", response={200: CinPlanOut, **CHANGE_ERRORS},
             auth=permission("cin.manage"), url_name="cin_end")
def end(request: AuthedRequest, response: HttpResponse, plan_id: int, payload: CinEndIn):
    """End the plan with its reason (never deleted)."""
    found = queries.get_visible_plan(request.auth, plan_id)
    version = require_if_match(request, found, WHAT)
    actions.do_end_plan(found, acting_user=request.auth, expected_version=version,
                        end_on=payload.end_on, reason=payload.end_reason, notes=payload.notes)
    return _answer(request, response, plan_id)


