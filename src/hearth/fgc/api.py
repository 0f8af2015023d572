"""``/api/v1/fgc`` (issue 16): a professional's referral for a Family Group Conference, reading
it (with its ETag), and the referrer's decision on the family's plan and ending an FGC before
it is held (If-Match: 428 without it, 412 when stale). An FGC or a child the caller may not
see is 404; refusals come from the one status table: 422 an input is wrong (no question or
more than six, the family not agreeing, an unknown reason), 409 the FGC's state forbids it
(a child with an FGC under way, a plan already decided), 403 not theirs to decide; nothing is
written. (No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS, Problem
from hearth.core.versions import etag, require_if_match
from hearth.core.visibility import get_visible_or_404
from hearth.fgc.actions import conferences, referrals
from hearth.fgc.actions.common import record_view
from hearth.fgc.models import FGC
from hearth.fgc.queries import referrals as queries
from hearth.fgc.schemas import FgcEndIn, PlanDecisionIn, ReferralIn, ReferralOut
from hearth.people.models import Person

router = Router(tags=["fgc"])
ERRORS = {**CHANGE_ERRORS, 403: Problem}


def _name(user) -> str | None:
    return user.display_name if user is not None else None


def _out(user, fgc: FGC) -> dict:
    seen = queries.seen_children(user, fgc)
    return {
        "id": fgc.pk, "status": fgc.status, "status_label": fgc.get_status_display(),
        "children": [{"id": c.person_id if c.person_id in seen else None,
                      "name": c.person.display_name if c.person_id in seen else None,
                      "attendance": c.attendance, "attends_for": c.attends_for,
                      "supported_by": c.supported_by,
                      "wishes_and_feelings": c.wishes_and_feelings}
                     for c in fgc.children.all()],
        "reason": fgc.reason, "background": fgc.background, "questions": fgc.questions,
        "explained_on": fgc.explained_on, "process_explained": fgc.process_explained,
        "family_agreed": fgc.family_agreed, "domestic_abuse": fgc.domestic_abuse,
        "split_conference": fgc.split_conference, "pre_proceedings": fgc.pre_proceedings,
        "referred_by_id": fgc.referred_by_id, "referred_by": fgc.referred_by.display_name,
        "referred_at": fgc.referred_at, "coordinator_id": fgc.coordinator_id,
        "coordinator": _name(fgc.coordinator), "venue": fgc.venue,
        "conference_at": fgc.conference_at, "held_on": fgc.held_on,
        "items": [{"position": i.position, "who": i.who, "what": i.what,
                   "by_when": i.by_when} for i in fgc.items.all()],
        "review_on": fgc.review_on, "plan_agreed": fgc.plan_agreed,
        "plan_not_agreed_reason": fgc.plan_not_agreed_reason,
        "ended_reason": fgc.ended_reason, "version": fgc.version}


def _answer(request: AuthedRequest, response: HttpResponse, fgc_id: int) -> dict:
    found = queries.get_visible_fgc(request.auth, fgc_id)
    response["ETag"] = etag(found)
    return _out(request.auth, found)


@router.post("/referrals", response={201: ReferralOut, **WRITE_ERRORS, 403: Problem},
             auth=permission("fgc.refer"), url_name="fgc_refer")
def refer(request: AuthedRequest, response: HttpResponse, payload: ReferralIn):
    """Refer a family for a Family Group Conference: it waits in the FGC queue for a
    coordinator."""
    children = [get_visible_or_404(Person.objects.live(), request.auth, pk, "person")
                for pk in payload.children]
    fgc = referrals.do_refer(
        acting_user=request.auth, children=children, reason=payload.reason,
        background=payload.background, questions=payload.questions,
        process_explained=payload.process_explained, family_agreed=payload.family_agreed,
        explained_on=payload.explained_on, domestic_abuse=payload.domestic_abuse,
        split_requested=payload.split_requested, pre_proceedings=payload.pre_proceedings)
    return Status(201, _answer(request, response, fgc.pk))


@router.get("/referrals/{int:fgc_id}", response={200: ReferralOut, **READ_ERRORS},
            auth=permission("fgc.view"), url_name="fgc_referral")
def read(request: AuthedRequest, response: HttpResponse, fgc_id: int):
    """The FGC from referral to review, with its ETag."""
    found = queries.get_visible_fgc(request.auth, fgc_id)
    record_view(found, user=request.auth, what="api_view_fgc")
    response["ETag"] = etag(found)
    return _out(request.auth, found)


@router.post("/referrals/{int:fgc_id}/plan-decision", response={200: ReferralOut, **ERRORS},
             auth=permission("fgc.refer"), url_name="fgc_plan_decision")
def plan_decision(request: AuthedRequest, response: HttpResponse, fgc_id: int,
                  payload: PlanDecisionIn):
    """The referrer (or their manager) agrees the family's plan, or says why not."""
    found = queries.get_visible_fgc(request.auth, fgc_id)
    version = require_if_match(request, found, "Family Group Conference")
    conferences.do_decide_plan(found, acting_user=request.auth, expected_version=version,
                               agreed=payload.agreed, reason=payload.reason)
    return _answer(request, response, fgc_id)


@router.post("/referrals/{int:fgc_id}/end", response={200: ReferralOut, **ERRORS},
             auth=permission("fgc.view"), url_name="fgc_end")
def end(request: AuthedRequest, response: HttpResponse, fgc_id: int, payload: FgcEndIn):
    """Declined by the family, withdrawn or not held, with the reason (never deleted)."""
    found = queries.get_visible_fgc(request.auth, fgc_id)
    version = require_if_match(request, found, "Family Group Conference")
    referrals.do_end(found, acting_user=request.auth, outcome=payload.outcome,
                     reason=payload.reason, expected_version=version)
    return _answer(request, response, fgc_id)
