"""MASH information gathering through the API (R-MASH-1..5): on ``/api/v1/contacts/{id}/mash``
the worker's consent, override, gathering and analysis and the manager's sign-off; on
``/api/v1/mash`` a partner's own requests and answers (R-MASH-4: another agency's answers 404).

Refusals answer from the one status table (``hearth.core.refusals``). (No ``from __future__
import annotations`` here: django-ninja reads the handlers' annotations at import time.)"""

from ninja import Router, Status

from hearth.access.middleware import note_people_shown
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import Problem, api_names
from hearth.core.refusals import Refused
from hearth.frontdoor.actions import mash
from hearth.frontdoor.api.contacts import ERRORS, router, user_name
from hearth.frontdoor.models import MashAgencyRequest
from hearth.frontdoor.queries.mash import (
    get_own_request,
    get_visible_enquiry,
    own_requests,
    people_with_pr,
    subject_people,
)
from hearth.frontdoor.schemas import (
    AnalysisIn,
    AnalysisReturnIn,
    AnswerIn,
    ConsentIn,
    ConsentOut,
    MashOut,
    MashRequestList,
    MashRequestOut,
    MashStartIn,
    OverrideIn,
    OverrideOut,
)

mash_router = Router(tags=["mash"])


def request_out(r: MashAgencyRequest) -> dict:
    return {"id": r.pk, "agency": r.agency.name, "subjects": r.subjects, "question": r.question,
            "due_at": r.due_at, "is_late": r.is_late, "answer": r.answer, "sources": r.sources,
            "information_date": r.information_date, "answered_at": r.answered_at}


def override_out(o) -> dict:
    return {"justification": o.justification, "requested_by": o.requested_by.display_name,
            "requested_at": o.requested_at, "approved_by": user_name(o.approved_by),
            "approved_at": o.approved_at, "out_of_hours": o.out_of_hours}


def consent_out(c) -> dict:
    return {"person_id": c.person_id, "status": c.status, "sought_by": c.sought_by,
            "answered_on": c.answered_on, "recorded_at": c.recorded_at}


# --- MASH, as the worker and manager see it -------------------------------------------------

@router.get("/{int:contact_id}/mash", response={200: MashOut, 404: Problem},
            auth=permission("mash.manage"))
def mash_detail(request: AuthedRequest, contact_id: int):
    enquiry = get_visible_enquiry(request.auth, contact_id)
    override = getattr(enquiry, "override", None)
    return {"contact_id": enquiry.contact_id, "contact_status": enquiry.contact.status,
            "status": enquiry.status, "scope": enquiry.scope,
            "rag": enquiry.rag, "agencies": sorted(a.name for a in enquiry.agencies.all()),
            "consents": [consent_out(c) for c in enquiry.consents.all()],
            "people_with_pr": [p.pk for p in people_with_pr(enquiry)],
            "override": override_out(override) if override else None,
            "requests": [request_out(r) for r in enquiry.requests.select_related("agency")],
            "analysis": enquiry.analysis, "analysed_by": user_name(enquiry.analysed_by),
            "analysed_at": enquiry.analysed_at,
            "signed_off_by": user_name(enquiry.signed_off_by),
            "signed_off_at": enquiry.signed_off_at,
            "returned_by": user_name(enquiry.returned_by),
            "returned_at": enquiry.returned_at, "return_reason": enquiry.return_reason}


@router.post("/{int:contact_id}/mash/consents", response={201: ConsentOut, **ERRORS},
             auth=permission("mash.manage"))
def record_consent(request: AuthedRequest, contact_id: int, payload: ConsentIn):
    """One person's answer (R-MASH-3): sought, given, refused or not_sought."""
    enquiry = get_visible_enquiry(request.auth, contact_id)
    person = next((p for p in people_with_pr(enquiry) if p.pk == payload.person_id), None)
    if person is None:
        raise Refused("Consent is recorded for people with parental responsibility for the "
                      "children on this contact", "person_id")
    with api_names({"person": "person_id"}):
        consent = mash.do_record_consent(
            enquiry, person, acting_user=request.auth, status=payload.status,
            sought_by=payload.sought_by, answered_on=payload.answered_on, note=payload.note)
    return Status(201, consent_out(consent))


@router.post("/{int:contact_id}/mash/override", response={201: OverrideOut, **ERRORS},
             auth=permission("mash.manage"))
def request_override(request: AuthedRequest, contact_id: int, payload: OverrideIn):
    """Ask to gather without consent: why seeking it would place a child at risk of significant
    harm. A manager must approve it before the partners are asked."""
    enquiry = get_visible_enquiry(request.auth, contact_id)
    override = mash.do_request_override(enquiry, acting_user=request.auth,
                                        justification=payload.justification)
    return Status(201, override_out(override))


@router.post("/{int:contact_id}/mash/override/approve", response={200: OverrideOut, **ERRORS},
             auth=permission("mash.approve_override"))
def approve_override(request: AuthedRequest, contact_id: int):
    """A CRS manager approves (out of hours, the on-call senior manager); others get 403."""
    enquiry = get_visible_enquiry(request.auth, contact_id)
    return override_out(mash.do_approve_override(enquiry, acting_user=request.auth))


@router.post("/{int:contact_id}/mash/start", response={201: list[MashRequestOut], **ERRORS},
             auth=permission("mash.manage"))
def start_gathering(request: AuthedRequest, contact_id: int, payload: MashStartIn):
    """Ask the partners; 403 until everyone with parental responsibility has consented or a
    manager has approved an override."""
    enquiry = get_visible_enquiry(request.auth, contact_id)
    sent = mash.do_start_gathering(enquiry, acting_user=request.auth, question=payload.question)
    return Status(201, [request_out(r) for r in sent])


@router.post("/{int:contact_id}/mash/analysis", response={200: MashOut, **ERRORS},
             auth=permission("mash.manage"))
def record_analysis(request: AuthedRequest, contact_id: int, payload: AnalysisIn):
    """R-MASH-5: record the analysis; it waits for a CRS manager's sign-off (status
    ``awaiting_sign_off``) before the contact returns to the decision step."""
    enquiry = get_visible_enquiry(request.auth, contact_id)
    mash.do_record_analysis(enquiry, acting_user=request.auth, analysis=payload.analysis)
    return mash_detail(request, contact_id)


@router.post("/{int:contact_id}/mash/analysis/sign-off", response={200: MashOut, **ERRORS},
             auth=permission("mash.sign_off"))
def sign_off_analysis(request: AuthedRequest, contact_id: int):
    """R-MASH-5: a CRS manager (out of hours, the on-call senior manager) signs off the
    analysis; the contact returns to the decision step. Whoever wrote it gets 403."""
    enquiry = get_visible_enquiry(request.auth, contact_id)
    mash.do_sign_off_analysis(enquiry, acting_user=request.auth)
    return mash_detail(request, contact_id)


@router.post("/{int:contact_id}/mash/analysis/return", response={200: MashOut, **ERRORS},
             auth=permission("mash.sign_off"))
def return_analysis(request: AuthedRequest, contact_id: int, payload: AnalysisReturnIn):
    """R-MASH-5: a CRS manager returns the analysis to the worker with a ``reason``; the
    contact stays in the MASH until the worker records it again and it is signed off."""
    enquiry = get_visible_enquiry(request.auth, contact_id)
    mash.do_return_analysis(enquiry, acting_user=request.auth, reason=payload.reason)
    return mash_detail(request, contact_id)


# --- MASH, as a partner sees it (R-MASH-4) --------------------------------------------------

@mash_router.get("/requests", response={200: MashRequestList}, auth=permission("mash.answer"))
def list_requests(request: AuthedRequest):
    """The requests addressed to your agency: waiting (oldest due first), then answered."""
    mine = own_requests(request.auth)
    waiting = list(mine.filter(answered_at__isnull=True).order_by("due_at", "pk"))
    answered = list(mine.filter(answered_at__isnull=False).order_by("-answered_at")[:100])
    note_people_shown(subject_people(waiting + answered))
    return {"waiting": [request_out(r) for r in waiting],
            "answered": [request_out(r) for r in answered]}


@mash_router.get("/requests/{int:request_id}", response={200: MashRequestOut, 404: Problem},
                 auth=permission("mash.answer"))
def request_detail(request: AuthedRequest, request_id: int):
    mash_request = get_own_request(request.auth, request_id)
    note_people_shown(subject_people([mash_request]))
    return request_out(mash_request)


@mash_router.post("/requests/{int:request_id}/answer", response={200: MashRequestOut, **ERRORS},
                  auth=permission("mash.answer"))
def answer_request(request: AuthedRequest, request_id: int, payload: AnswerIn):
    """Answer with dated, sourced information. Another agency's request answers 404."""
    mash_request = get_own_request(request.auth, request_id)
    answered = mash.do_answer_request(
        mash_request, acting_user=request.auth, answer=payload.answer, sources=payload.sources,
        information_date=payload.information_date)  # type: ignore[arg-type]  # None: 422
    return request_out(answered)
