"""The child protection API: strategy discussions, Section 47 enquiries, their two-worker visits
and outcomes (mounted under /api/v1/protection by protection/api.py), with the same rules as
the pages (R-CP-1, R-TWO-1).

A child the caller may not see is 404, and so is anything of theirs. Input the rules refuse is
422 with ``errors`` naming each field (``workers`` for the two-worker rule,
``participants.0.agency`` for a row) and nothing is written. An enquiry's outcome is changed
with ``If-Match`` carrying the ETag of your last read (428 without, 412 when stale); an outcome
with no conference is proposed and takes effect when a team manager of the team holding the
case authorises it (``POST .../outcome/authorisation``: 403 for anyone else or the proposer,
409 when nothing waits).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from django.http import Http404, HttpResponse
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.casework.models import Involvement
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, Problem, api_names
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.protection.actions import strategy as actions
from hearth.protection.models import S47Visit, Section47Enquiry, StrategyDiscussion
from hearth.protection.queries import strategy as queries
from hearth.protection.schemas.strategy import (
    DiscussionIn,
    DiscussionList,
    DiscussionOut,
    EnquiryOut,
    S47OutcomeDecisionIn,
    S47OutcomeIn,
    S47VisitIn,
    S47VisitOut,
)

router = Router(tags=["child protection"])


ERRORS = READ_ERRORS
#: The action's names for what the API calls ``..._id``.
API_FIELD = {"contact": "contact_id", "assessment": "assessment_id",
             "involvement": "involvement_id"}


def _discussion_out(d: StrategyDiscussion) -> dict:
    enquiry = getattr(d, "enquiry", None)
    return {"id": d.pk, "person_id": d.person_id, "origin": d.origin,
            "contact_id": d.contact_id, "assessment_id": d.assessment_id,
            "involvement_id": d.involvement_id, "held_on": d.held_on,
            "information_shared": d.information_shared, "decision": d.decision,
            "decision_label": d.get_decision_display(), "decision_reasons": d.decision_reasons,
            "participants": [{"name": p.name, "agency": p.agency, "agency_kind": p.agency_kind,
                              "role": p.role} for p in d.participants.all()],
            "actions": [{"id": a.pk, "action": a.action, "owner": a.owner,
                         "owner_user_id": a.owner_user_id, "due_on": a.due_on,
                         "done_on": a.done_on} for a in d.actions.all()],
            "enquiry_id": enquiry.pk if enquiry is not None else None,
            "recorded_by": d.recorded_by.display_name, "recorded_at": d.recorded_at}


def _visit_out(v: S47Visit) -> dict:
    return {"id": v.pk, "enquiry_id": v.enquiry_id, "visited_at": v.visited_at,
            "place": v.place, "child_seen": v.child_seen, "child_seen_alone": v.child_seen_alone,
            "notes": v.notes, "police_could_not_attend": v.police_could_not_attend,
            "police_absence_reason": v.police_absence_reason,
            "workers": [{"kind": w.kind, "kind_label": w.get_kind_display(),
                         "user_id": w.user_id, "name": w.name, "agency": w.agency}
                        for w in v.workers.all()],
            "recorded_by": v.recorded_by.display_name, "recorded_at": v.recorded_at}


def _enquiry_out(e: Section47Enquiry) -> dict:
    return {"id": e.pk, "person_id": e.person_id, "strategy_discussion_id": e.strategy_id,
            "joint": e.joint, "started_on": e.started_on, "icpc_due": e.icpc_due,
            "icpc_overdue": queries.icpc_overdue(e),
            "outcome": e.outcome, "outcome_label": e.get_outcome_display() if e.outcome else "",
            "outcome_reasons": e.outcome_reasons, "outcome_on": e.outcome_on,
            "outcome_authorised_by": _name(e.outcome_authorised_by),
            "outcome_authorised_at": e.outcome_authorised_at,
            "proposed_outcome": _proposal_out(e),
            "version": e.version, "visits": [_visit_out(v) for v in queries.visits_of(e)]}


def _name(user) -> str:
    return user.display_name if user is not None else ""


def _proposal_out(e: Section47Enquiry) -> dict | None:
    if not e.proposed_outcome:
        return None
    return {"state": "awaiting" if e.awaiting_authorisation else "returned",
            "outcome": e.proposed_outcome, "outcome_label": e.get_proposed_outcome_display(),
            "reasons": e.proposed_reasons, "outcome_on": e.proposed_on,
            "proposed_by": _name(e.proposed_by), "proposed_at": e.proposed_at,
            "returned_reason": e.returned_reason, "returned_by": _name(e.returned_by),
            "returned_at": e.returned_at}


def _discussion(request: AuthedRequest, discussion_id: int) -> StrategyDiscussion:
    return queries.get_visible_discussion(request.auth, discussion_id)


def _enquiry(request: AuthedRequest, enquiry_id: int) -> Section47Enquiry:
    return queries.get_visible_enquiry(request.auth, enquiry_id)


@router.get("/people/{person_id}/strategy-discussions",
            response={200: DiscussionList, **ERRORS}, auth=permission("protection.view"),
            url_name="protection_strategy_discussions")
def person_discussions(request: AuthedRequest, person_id: str):
    """The child's strategy discussions, latest first, each with its Section 47 enquiry."""
    child = queries.get_visible_person(request.auth, person_id)
    found = (StrategyDiscussion.objects.filter(person=child)
             .select_related("recorded_by", "enquiry")
             .prefetch_related("participants", "actions").order_by("-held_on", "-pk"))
    discussions = [_discussion_out(d) for d in found]
    actions.record_view(child, user=request.auth, what="api_view_protection")
    return {"person_id": child.pk, "discussions": discussions}


def _origin_records(child, data: dict, user) -> dict:
    """The contact, assessment or involvement the payload names (refused when there is no
    such record of this child)."""
    found: dict = {}
    if data["contact_id"] is not None:
        try:
            found["contact"] = queries.contact_for(user, child, data["contact_id"])
        except Http404:
            raise Refused("No such contact about this child.", "contact") from None
    if data["assessment_id"] is not None:
        try:
            found["assessment"] = queries.assessment_for(child, data["assessment_id"])
        except Http404:
            raise Refused("No such assessment of this child.", "assessment") from None
    if data["involvement_id"] is not None:
        involvement = Involvement.objects.filter(pk=data["involvement_id"],
                                                 person=child).first()
        if involvement is None:
            raise Refused("No such case for this child.", "involvement")
        found["involvement"] = involvement
    return found


@router.post("/people/{person_id}/strategy-discussions",
             response={201: DiscussionOut, **ERRORS}, auth=permission("protection.record"),
             url_name="protection_strategy_record")
def record_discussion(request: AuthedRequest, person_id: str, payload: DiscussionIn):
    """Record a strategy discussion: the police and at least one other agency, the decision
    and actions with owners. A Section 47 decision starts the enquiry (``enquiry_id``), its
    ICPC due 15 working days after the discussion (R-CP-1)."""
    child = queries.get_visible_person(request.auth, person_id)
    data = payload.dict()
    with api_names(API_FIELD):
        found = _origin_records(child, data, request.auth)
    owners = {u.pk: u for u in queries.action_owners(request.auth)}
    rows = []
    for i, a in enumerate(data["actions"]):
        owner_user = None
        if a["owner_user_id"] is not None:
            owner_user = owners.get(a["owner_user_id"])
            if owner_user is None:
                raise Refused("Choose a colleague in your team, or name the owner",
                              f"actions.{i}.owner_user_id")
        rows.append({**a, "owner_user": owner_user})
    with api_names(API_FIELD):
        discussion = actions.do_record_strategy_discussion(
            child, acting_user=request.auth, origin=data["origin"], **found,
            held_on=data["held_on"], participants=data["participants"],
            information_shared=data["information_shared"], decision=data["decision"],
            decision_reasons=data["decision_reasons"], actions=rows)
    return Status(201, _discussion_out(_discussion(request, discussion.pk)))


@router.get("/strategy-discussions/{discussion_id}", response={200: DiscussionOut, **ERRORS},
            auth=permission("protection.view"), url_name="protection_strategy_discussion")
def discussion(request: AuthedRequest, discussion_id: int):
    found = _discussion(request, discussion_id)
    actions.record_view(found.person, user=request.auth, what="api_view_strategy_discussion")
    return _discussion_out(found)


@router.get("/s47-enquiries/{enquiry_id}", response={200: EnquiryOut, **ERRORS},
            auth=permission("protection.view"), url_name="protection_s47_enquiry")
def enquiry(request: AuthedRequest, response: HttpResponse, enquiry_id: int):
    """The enquiry with its ICPC due date, outcome and two-worker visits; the ETag is what an
    outcome change must send in If-Match."""
    found = _enquiry(request, enquiry_id)
    actions.record_view(found.person, user=request.auth, what="api_view_s47_enquiry")
    response["ETag"] = etag(found)
    return _enquiry_out(found)


def _workers(data: list[dict], user) -> list[dict]:
    colleagues = {u.pk: u for u in queries.visit_colleagues(user)}
    rows = []
    for i, w in enumerate(data):
        chosen = None
        if w["user_id"] is not None:
            chosen = colleagues.get(w["user_id"])
            if chosen is None:
                raise Refused("No such colleague: give the worker's name and agency instead",
                              f"workers.{i}.user_id")
        rows.append({"kind": w["kind"], "user": chosen, "name": w["name"],
                     "agency": w["agency"]})
    return rows


@router.post("/s47-enquiries/{enquiry_id}/visits", response={201: S47VisitOut, **ERRORS},
             auth=permission("protection.record"), url_name="protection_s47_visit")
def record_visit(request: AuthedRequest, enquiry_id: int, payload: S47VisitIn):
    """Record a Section 47 visit by two workers (R-TWO-1), one of them a qualified social
    worker (a colleague in a social work role, ``kind`` ``social_worker``): a joint enquiry
    needs a police officer too, unless ``police_could_not_attend`` is true with
    ``police_absence_reason``. A visit the rule refuses is 422 naming ``workers``."""
    found = _enquiry(request, enquiry_id)
    data = payload.dict()
    visit = actions.do_record_s47_visit(
        found, acting_user=request.auth, visited_at=data["visited_at"],
        place=data["place"], child_seen=data["child_seen"],
        child_seen_alone=data["child_seen_alone"], notes=data["notes"],
        workers=_workers(data["workers"], request.auth),
        police_could_not_attend=data["police_could_not_attend"],
        police_absence_reason=data["police_absence_reason"])
    visit = (S47Visit.objects.select_related("recorded_by").prefetch_related("workers")
             .get(pk=visit.pk))
    return Status(201, _visit_out(visit))


def _outcome(request: AuthedRequest, response: HttpResponse, enquiry_id: int,
             payload: S47OutcomeIn):
    found = _enquiry(request, enquiry_id)
    data = payload.dict()
    actions.do_record_s47_outcome(found, acting_user=request.auth,
                                  expected_version=require_if_match(request, found, "enquiry"),
                                  outcome=data["outcome"], reasons=data["reasons"],
                                  outcome_on=data["outcome_on"])
    found = _enquiry(request, enquiry_id)
    response["ETag"] = etag(found)
    return Status(200, _enquiry_out(found))


OUTCOME_RESPONSES = {200: EnquiryOut, **CHANGE_ERRORS}


@router.put("/s47-enquiries/{enquiry_id}/outcome", response=OUTCOME_RESPONSES,
            auth=permission("protection.record"), url_name="protection_s47_outcome")
def record_outcome(request: AuthedRequest, response: HttpResponse, enquiry_id: int,
                   payload: S47OutcomeIn):
    """Record or correct the enquiry's outcome: ``icpc`` (concerns substantiated, ICPC
    needed) takes effect at once; ``not_substantiated`` or ``icpc_not_required`` (both with
    ``reasons``) are proposed (``proposed_outcome``) and take effect when a team manager
    authorises them; until then the ICPC stays due (R-CP-1). Send ``If-Match`` with the ETag
    of your last GET."""
    return _outcome(request, response, enquiry_id, payload)


DECISION_RESPONSES = {200: EnquiryOut, 403: Problem, **CHANGE_ERRORS}


@router.post("/s47-enquiries/{enquiry_id}/outcome/authorisation",
             response=DECISION_RESPONSES, auth=permission("protection.dashboard"),
             url_name="protection_s47_outcome_decision")
def decide_outcome(request: AuthedRequest, response: HttpResponse, enquiry_id: int,
                   payload: S47OutcomeDecisionIn):
    """A team manager of the team holding the case authorises the proposed outcome
    (``decision``: ``authorise``; it takes effect) or returns it (``return``, with
    ``reason``) (R-CP-1). 403 for anyone else, and for the manager who proposed it; 409 when
    no outcome is waiting; send ``If-Match`` with the ETag of your last GET (428 without, 412
    when stale). Nothing is written when refused."""
    found = _enquiry(request, enquiry_id)
    actions.do_decide_s47_outcome(found, acting_user=request.auth,
                                  expected_version=require_if_match(request, found, "enquiry"),
                                  decision=payload.decision, reason=payload.reason)
    found = _enquiry(request, enquiry_id)
    response["ETag"] = etag(found)
    return Status(200, _enquiry_out(found))
