"""``/api/v1/worker-safety-warnings``: raise a warning (R-SAFE-1), read one (with ETag), sign
it off, review it and end it (If-Match: 428 without it, 412 when stale). A warning the caller
may not open is 404; a refusal is answered from the one status table (422 a warning without
a source…, 409 a warning that has ended, 403 not this user's to sign off) and nothing is
written.
``GET /api/v1/people/{id}`` carries the warnings that apply to the person
(``worker_safety_warnings``, built by ``shown_for_api``)."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS, Problem
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.people.queries.visibility import get_visible_person
from hearth.safety.actions import warnings as actions
from hearth.safety.models import WorkerWarning
from hearth.safety.queries import warnings as queries
from hearth.safety.schemas import WarningDetailOut, WarningEndIn, WarningIn, WarningReviewIn

router = Router(tags=["worker safety"])
ERRORS = {**CHANGE_ERRORS, 403: Problem}


def shown_for_api(user, person) -> list[dict]:
    """The warnings on a person, their family and their address, as ``user`` may see them."""
    found = queries.found_for(user, [person.pk])
    out = []
    for s in found.shown:
        w = s.warning
        item = {"id": w.pk, "kind": w.kind, "kind_label": w.get_kind_display(),
                "about": s.about, "in_family": s.in_family, "redacted": s.redacted,
                "requires_joint_visit": w.requires_joint_visit, "status": w.status,
                "review_due": s.review_due}
        if not s.redacted:
            item.update({
                "person_id": w.person_id, "address": str(w.address) if w.address_id else None,
                "profession": w.profession, "what_happened": w.what_happened,
                "source": w.source, "occurred_on": w.occurred_on,
                "disclosed_to_person": w.disclosed_to_person,
                "not_disclosed_reason": w.not_disclosed_reason, "review_on": w.review_on})
        out.append(item)
    return out


def _out(warning: WorkerWarning) -> dict:
    return {
        "id": warning.pk, "person_id": warning.person_id,
        "address": str(warning.address) if warning.address_id else None,
        "kind": warning.kind, "profession": warning.profession,
        "what_happened": warning.what_happened, "source": warning.source,
        "occurred_on": warning.occurred_on, "disclosed_to_person": warning.disclosed_to_person,
        "not_disclosed_reason": warning.not_disclosed_reason,
        "requires_joint_visit": warning.requires_joint_visit, "status": warning.status,
        "review_on": warning.review_on,
        "review_due": warning.status != "ended" and warning.review_on <= timezone.localdate(),
        "recorded_by": warning.recorded_by.username, "recorded_at": warning.recorded_at,
        "signed_off_by": warning.signed_off_by.username if warning.signed_off_by else None,
        "signed_off_at": warning.signed_off_at, "ended_at": warning.ended_at,
        "end_reason": warning.end_reason, "version": warning.version}


def _answer(request: AuthedRequest, response: HttpResponse, warning_id: int) -> dict:
    warning = queries.get_visible_warning(request.auth, warning_id)
    response["ETag"] = etag(warning)
    return _out(warning)


@router.post("", response={201: WarningDetailOut, **WRITE_ERRORS},
             auth=permission("safety.warn"))
def raise_warning(request: AuthedRequest, response: HttpResponse, payload: WarningIn):
    """Raise a warning about a person, or about the address they live at now."""
    person = get_visible_person(request.auth, payload.person_id)
    data = payload.dict(exclude={"person_id", "at_address"})
    if data["disclosed_to_person"] is None:
        raise Refused("say whether the person has been told", "disclosed_to_person")
    if payload.at_address:
        address = queries.current_address(person)
        if address is None:
            raise Refused("the person has no current address", "at_address")
        target = {"address": address}
    else:
        target = {"person": person}
    warning = actions.do_add_warning(acting_user=request.auth, **target, **data)
    response["ETag"] = etag(warning)
    return Status(201, _answer(request, response, warning.pk))


@router.get("/{int:warning_id}", response={200: WarningDetailOut, **READ_ERRORS},
            auth=permission("people.view"))
def read(request: AuthedRequest, response: HttpResponse, warning_id: int):
    warning = queries.get_visible_warning(request.auth, warning_id)
    actions.record_view(warning, user=request.auth, what="api_view_worker_warning")
    return _answer(request, response, warning_id)


def _change(request: AuthedRequest, response: HttpResponse, warning_id: int, act, **kwargs):
    warning = queries.get_visible_warning(request.auth, warning_id)
    version = require_if_match(request, warning, "warning")
    act(warning, acting_user=request.auth, expected_version=version, **kwargs)
    return _answer(request, response, warning_id)


@router.post("/{int:warning_id}/sign-off", response={200: WarningDetailOut, **ERRORS},
             auth=permission("safety.sign_off"))
def sign_off(request: AuthedRequest, response: HttpResponse, warning_id: int):
    """A manager, never the author, signs the warning off."""
    return _change(request, response, warning_id, actions.do_sign_off_warning)


@router.post("/{int:warning_id}/review", response={200: WarningDetailOut, **ERRORS},
             auth=permission("safety.sign_off"))
def review(request: AuthedRequest, response: HttpResponse, warning_id: int,
           payload: WarningReviewIn):
    return _change(request, response, warning_id, actions.do_review_warning,
                   review_on=payload.review_on, note=payload.note)


@router.post("/{int:warning_id}/end", response={200: WarningDetailOut, **ERRORS},
             auth=permission("safety.sign_off"))
def end(request: AuthedRequest, response: HttpResponse, warning_id: int, payload: WarningEndIn):
    return _change(request, response, warning_id, actions.do_end_warning,
                   reason=payload.reason)
