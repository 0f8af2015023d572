"""``/api/v1/contacts`` and ``/api/v1/mash``: contacts from partner systems, decisions, MASH
consent, override and gathering, and the partners' answers (R-FD-1..5, R-MASH-1..5).

Refusals: 422 with field errors for bad input, 403 when the domain does not allow it, 404 for
what the caller may not see, 409 when the record is in the wrong state or was changed since.
Nothing is written when a request is refused. (No ``from __future__ import annotations`` here:
django-ninja reads the handlers' annotations at import time.)"""

from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from hearth.access.models import Agency, Team
from hearth.api_auth import AuthedRequest, permission
from hearth.frontdoor import actions, mash
from hearth.frontdoor.errors import FrontDoorError
from hearth.frontdoor.models import Contact, Decision, MashAgencyRequest, MashEnquiry
from hearth.frontdoor.models.contact import AWAITING_DECISION
from hearth.frontdoor.queries import own_requests
from hearth.frontdoor.schemas import (
    AnalysisIn,
    AnalysisReturnIn,
    AnswerIn,
    ConsentIn,
    ConsentOut,
    ContactIn,
    ContactOut,
    ContactSummaryOut,
    DecisionIn,
    DecisionOut,
    MashOut,
    OverrideIn,
    OverrideOut,
    Problem,
    RequestList,
    RequestOut,
    ReturnIn,
    StartIn,
)
from hearth.people.models import Person

router = Router(tags=["contacts"])
mash_router = Router(tags=["mash"])

PROBLEMS = {403: Problem, 404: Problem, 409: Problem, 422: Problem}
DECISION_FIELDS = {"team": "team_id", "scope": "mash.scope", "rag": "mash.rag",
                   "agencies": "mash.agency_ids"}


def problem(exc: FrontDoorError, rename: dict[str, str] | None = None) -> Status:
    """The domain's refusal as a response: its status, and its field errors if any."""
    errors = [{"field": (rename or {}).get(k, k), "message": v}
              for k, v in getattr(exc, "errors", {}).items()]
    return Status(exc.status, {"detail": "The request has errors." if errors else str(exc),
                               "errors": errors})


def invalid(errors: dict[str, str]) -> Status:
    return Status(422, {"detail": "The request has errors.",
                        "errors": [{"field": k, "message": v} for k, v in errors.items()]})


def visible_contact(user, contact_id: int) -> Contact:
    contact = Contact.objects.visible_to(user).filter(pk=contact_id).first()
    if contact is None:
        raise HttpError(404, "No contact with that id that you can see.")
    return contact


def visible_enquiry(user, contact_id: int) -> MashEnquiry:
    enquiry = MashEnquiry.objects.filter(contact=visible_contact(user, contact_id)).first()
    if enquiry is None:
        raise HttpError(404, "This contact has no MASH information gathering.")
    return enquiry


def _user(user) -> str | None:
    return user.display_name if user else None


def decision_out(d: Decision) -> dict:
    return {"id": d.pk, "contact_id": d.contact_id, "outcome": d.outcome, "status": d.status,
            "rationale": d.rationale, "team_id": d.team_id,
            "proposed_by": d.proposed_by.display_name, "proposed_at": d.proposed_at,
            "reviewed_by": _user(d.reviewed_by), "reviewed_at": d.reviewed_at,
            "manager_comment": d.manager_comment, "contact_status": d.contact.status}


def contact_out(contact: Contact) -> dict:
    contact.refresh_from_db()
    data = {f: getattr(contact, f) for f in ContactOut.model_fields
            if f not in ("people", "decisions", "reference")}
    data["reference"] = contact.reference
    data["people"] = [{"person_id": link.person_id, "role": link.role}
                      for link in contact.links.order_by("pk")]
    data["decisions"] = [decision_out(d) for d in contact.decisions.select_related(
        "contact", "proposed_by", "reviewed_by")]
    return data


# --- Contacts and decisions -----------------------------------------------------------------

@router.post("", response={201: ContactOut, **PROBLEMS}, auth=permission("contacts.record"))
def record_contact(request: AuthedRequest, payload: ContactIn):
    """Record a contact from a partner system, with the page's validation. Each person must
    already exist and be visible to the caller (search ``/api/v1/people`` first)."""
    data = payload.dict()
    links = data.pop("people")
    ids = [link["person_id"] for link in links]
    found = {p.pk: p for p in Person.objects.visible_to(request.auth).filter(pk__in=ids)}
    errors = {f"people.{i}.person_id": f"No person {link['person_id']} that you can see: "
              "search for them first" for i, link in enumerate(links)
              if link["person_id"] not in found}
    if errors:
        return invalid({**actions.validate_contact(data, timezone.now()), **errors})
    try:
        contact = actions.do_record_contact(
            acting_user=request.auth,
            people=[(found[link["person_id"]], link["role"]) for link in links], **data)
    except FrontDoorError as exc:
        return problem(exc)
    return Status(201, contact_out(contact))


@router.get("", response={200: list[ContactSummaryOut]}, auth=permission("contacts.queue"))
def waiting_contacts(request: AuthedRequest):
    """The contacts you may see that wait for a decision: immediate ones first, then the
    soonest due (an overdue one is due soonest) (R-FD-4). At most 500."""
    now = timezone.now()
    waiting = Contact.objects.visible_to(request.auth).filter(
        status__in=AWAITING_DECISION).in_queue_order()[:500]
    return [{"id": c.pk, "reference": c.reference, "status": c.status, "urgency": c.urgency,
             "is_edt": c.is_edt, "received_at": c.received_at, "decision_due": c.decision_due,
             "overdue": c.decision_due < now} for c in waiting]


@router.get("/{int:contact_id}", response={200: ContactOut, 404: Problem},
            auth=permission("contacts.view"))
def contact_detail(request: AuthedRequest, contact_id: int):
    return contact_out(visible_contact(request.auth, contact_id))


@router.post("/{int:contact_id}/decisions", response={201: DecisionOut, **PROBLEMS},
             auth=permission("contacts.decide"))
def decide(request: AuthedRequest, contact_id: int, payload: DecisionIn):
    """Decide the next step (R-FD-5). No further action, referral and strategy discussion
    wait for a manager's authorisation. Send ``expected_version`` (the contact's ``version``)
    to be told, with 409, if someone else changed the contact since you read it."""
    contact = visible_contact(request.auth, contact_id)
    errors: dict[str, str] = {}
    team = None
    if payload.team_id is not None:
        team = Team.objects.filter(pk=payload.team_id).first()
        if team is None:
            errors["team_id"] = f"No team {payload.team_id}"
    mash_args = None
    if payload.mash is not None:
        agencies = list(Agency.objects.filter(pk__in=payload.mash.agency_ids))
        if len(agencies) != len(set(payload.mash.agency_ids)):
            errors["mash.agency_ids"] = "Use the ids of partner agencies"
        mash_args = {"scope": payload.mash.scope, "rag": payload.mash.rag, "agencies": agencies}
    if errors:
        return invalid(errors)
    try:
        decision = actions.do_decide(
            contact, acting_user=request.auth, outcome=payload.outcome,
            rationale=payload.rationale, expected_version=payload.expected_version,
            advice=payload.advice, referrer_plan=payload.referrer_plan, team=team,
            primary_need=payload.primary_need, mash=mash_args)
    except FrontDoorError as exc:
        return problem(exc, DECISION_FIELDS)
    return Status(201, decision_out(_decision(decision.pk)))


def _decision(pk: int) -> Decision:
    return Decision.objects.select_related("contact", "proposed_by", "reviewed_by").get(pk=pk)


def visible_decision(user, decision_id: int) -> Decision:
    decision = Decision.objects.filter(
        pk=decision_id, contact__in=Contact.objects.visible_to(user).values("pk")).first()
    if decision is None:
        raise HttpError(404, "No decision with that id that you can see.")
    return decision


@router.post("/decisions/{int:decision_id}/authorise", response={200: DecisionOut, **PROBLEMS},
             auth=permission("contacts.authorise"))
def authorise(request: AuthedRequest, decision_id: int):
    """A manager of the front door, or of the proposer's team, authorises a proposed
    no-further-action, referral or strategy discussion (R-FD-5); the proposer and other teams'
    managers get 403, and nothing is written."""
    decision = visible_decision(request.auth, decision_id)
    try:
        actions.do_authorise(decision, acting_user=request.auth)
    except FrontDoorError as exc:
        return problem(exc)
    return decision_out(_decision(decision.pk))


@router.post("/decisions/{int:decision_id}/return", response={200: DecisionOut, **PROBLEMS},
             auth=permission("contacts.authorise"))
def return_decision(request: AuthedRequest, decision_id: int, payload: ReturnIn):
    """A manager of the front door, or of the proposer's team, returns a proposal to the
    worker with a comment (R-FD-5); anyone else gets 403."""
    decision = visible_decision(request.auth, decision_id)
    try:
        actions.do_return(decision, acting_user=request.auth, comment=payload.comment)
    except FrontDoorError as exc:
        return problem(exc)
    return decision_out(_decision(decision.pk))


# --- MASH, as the worker and manager see it -------------------------------------------------

def request_out(r: MashAgencyRequest) -> dict:
    return {"id": r.pk, "agency": r.agency.name, "subjects": r.subjects, "question": r.question,
            "due_at": r.due_at, "is_late": r.is_late, "answer": r.answer, "sources": r.sources,
            "information_date": r.information_date, "answered_at": r.answered_at}


def override_out(o) -> dict:
    return {"justification": o.justification, "requested_by": o.requested_by.display_name,
            "requested_at": o.requested_at, "approved_by": _user(o.approved_by),
            "approved_at": o.approved_at, "out_of_hours": o.out_of_hours}


def consent_out(c) -> dict:
    return {"person_id": c.person_id, "status": c.status, "sought_by": c.sought_by,
            "answered_on": c.answered_on, "recorded_at": c.recorded_at}


@router.get("/{int:contact_id}/mash", response={200: MashOut, 404: Problem},
            auth=permission("mash.manage"))
def mash_detail(request: AuthedRequest, contact_id: int):
    enquiry = visible_enquiry(request.auth, contact_id)
    override = getattr(enquiry, "override", None)
    return {"contact_id": enquiry.contact_id, "contact_status": enquiry.contact.status,
            "status": enquiry.status, "scope": enquiry.scope,
            "rag": enquiry.rag, "agencies": sorted(a.name for a in enquiry.agencies.all()),
            "consents": [consent_out(c) for c in enquiry.consents.all()],
            "people_with_pr": [p.pk for p in mash.people_with_pr(enquiry)],
            "override": override_out(override) if override else None,
            "requests": [request_out(r) for r in enquiry.requests.select_related("agency")],
            "analysis": enquiry.analysis, "analysed_by": _user(enquiry.analysed_by),
            "analysed_at": enquiry.analysed_at, "signed_off_by": _user(enquiry.signed_off_by),
            "signed_off_at": enquiry.signed_off_at, "returned_by": _user(enquiry.returned_by),
            "returned_at": enquiry.returned_at, "return_reason": enquiry.return_reason}


@router.post("/{int:contact_id}/mash/consents", response={201: ConsentOut, **PROBLEMS},
             auth=permission("mash.manage"))
def record_consent(request: AuthedRequest, contact_id: int, payload: ConsentIn):
    """One person's answer (R-MASH-3): sought, given, refused or not_sought."""
    enquiry = visible_enquiry(request.auth, contact_id)
    person = next((p for p in mash.people_with_pr(enquiry) if p.pk == payload.person_id), None)
    if person is None:
        return invalid({"person_id": "Consent is recorded for people with parental "
                                     "responsibility for the children on this contact"})
    try:
        consent = mash.do_record_consent(
            enquiry, person, acting_user=request.auth, status=payload.status,
            sought_by=payload.sought_by, answered_on=payload.answered_on, note=payload.note)
    except FrontDoorError as exc:
        return problem(exc, {"person": "person_id"})
    return Status(201, consent_out(consent))


@router.post("/{int:contact_id}/mash/override", response={201: OverrideOut, **PROBLEMS},
             auth=permission("mash.manage"))
def request_override(request: AuthedRequest, contact_id: int, payload: OverrideIn):
    """Ask to gather without consent: why seeking it would place a child at risk of significant
    harm. A manager must approve it before the partners are asked."""
    enquiry = visible_enquiry(request.auth, contact_id)
    try:
        override = mash.do_request_override(enquiry, acting_user=request.auth,
                                            justification=payload.justification)
    except FrontDoorError as exc:
        return problem(exc)
    return Status(201, override_out(override))


@router.post("/{int:contact_id}/mash/override/approve", response={200: OverrideOut, **PROBLEMS},
             auth=permission("mash.approve_override"))
def approve_override(request: AuthedRequest, contact_id: int):
    """A CRS manager approves (out of hours, the on-call senior manager); others get 403."""
    enquiry = visible_enquiry(request.auth, contact_id)
    try:
        override = mash.do_approve_override(enquiry, acting_user=request.auth)
    except FrontDoorError as exc:
        return problem(exc)
    return override_out(override)


@router.post("/{int:contact_id}/mash/start", response={201: list[RequestOut], **PROBLEMS},
             auth=permission("mash.manage"))
def start_gathering(request: AuthedRequest, contact_id: int, payload: StartIn):
    """Ask the partners; 403 until everyone with parental responsibility has consented or a
    manager has approved an override."""
    enquiry = visible_enquiry(request.auth, contact_id)
    try:
        sent = mash.do_start_gathering(enquiry, acting_user=request.auth,
                                       question=payload.question)
    except FrontDoorError as exc:
        return problem(exc)
    return Status(201, [request_out(r) for r in sent])


@router.post("/{int:contact_id}/mash/analysis", response={200: MashOut, **PROBLEMS},
             auth=permission("mash.manage"))
def record_analysis(request: AuthedRequest, contact_id: int, payload: AnalysisIn):
    """R-MASH-5: record the analysis; it waits for a CRS manager's sign-off (status
    ``awaiting_sign_off``) before the contact returns to the decision step."""
    enquiry = visible_enquiry(request.auth, contact_id)
    try:
        mash.do_record_analysis(enquiry, acting_user=request.auth, analysis=payload.analysis)
    except FrontDoorError as exc:
        return problem(exc)
    return mash_detail(request, contact_id)


@router.post("/{int:contact_id}/mash/analysis/sign-off", response={200: MashOut, **PROBLEMS},
             auth=permission("mash.sign_off"))
def sign_off_analysis(request: AuthedRequest, contact_id: int):
    """R-MASH-5: a CRS manager (out of hours, the on-call senior manager) signs off the
    analysis; the contact returns to the decision step. Whoever wrote it gets 403."""
    enquiry = visible_enquiry(request.auth, contact_id)
    try:
        mash.do_sign_off_analysis(enquiry, acting_user=request.auth)
    except FrontDoorError as exc:
        return problem(exc)
    return mash_detail(request, contact_id)


@router.post("/{int:contact_id}/mash/analysis/return", response={200: MashOut, **PROBLEMS},
             auth=permission("mash.sign_off"))
def return_analysis(request: AuthedRequest, contact_id: int, payload: AnalysisReturnIn):
    """R-MASH-5: a CRS manager returns the analysis to the worker with a ``reason``; the
    contact stays in the MASH until the worker records it again and it is signed off."""
    enquiry = visible_enquiry(request.auth, contact_id)
    try:
        mash.do_return_analysis(enquiry, acting_user=request.auth, reason=payload.reason)
    except FrontDoorError as exc:
        return problem(exc)
    return mash_detail(request, contact_id)


# --- MASH, as a partner sees it (R-MASH-4) --------------------------------------------------

def own_request(user, request_id: int) -> MashAgencyRequest:
    found = own_requests(user).filter(pk=request_id).first()
    if found is None:
        raise HttpError(404, "No request with that id for your agency.")
    return found


@mash_router.get("/requests", response={200: RequestList}, auth=permission("mash.answer"))
def list_requests(request: AuthedRequest):
    """The requests addressed to your agency: waiting (oldest due first), then answered."""
    mine = own_requests(request.auth)
    return {"waiting": [request_out(r) for r in mine.filter(answered_at__isnull=True)
                        .order_by("due_at", "pk")],
            "answered": [request_out(r) for r in mine.filter(answered_at__isnull=False)
                         .order_by("-answered_at")[:100]]}


@mash_router.get("/requests/{int:request_id}", response={200: RequestOut, 404: Problem},
                 auth=permission("mash.answer"))
def request_detail(request: AuthedRequest, request_id: int):
    return request_out(own_request(request.auth, request_id))


@mash_router.post("/requests/{int:request_id}/answer", response={200: RequestOut, **PROBLEMS},
                  auth=permission("mash.answer"))
def answer_request(request: AuthedRequest, request_id: int, payload: AnswerIn):
    """Answer with dated, sourced information. Another agency's request answers 404."""
    mash_request = own_request(request.auth, request_id)
    try:
        answered = mash.do_answer_request(
            mash_request, acting_user=request.auth, answer=payload.answer,
            sources=payload.sources,
            information_date=payload.information_date)  # type: ignore[arg-type]  # None: 422
    except FrontDoorError as exc:
        return problem(exc)
    return request_out(answered)
