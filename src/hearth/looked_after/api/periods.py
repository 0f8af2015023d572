"""A child's periods of care, episodes and placements (R-CLA-1, R-CLA-7): read them (with the
open or latest period's ETag), start a period, record a change of legal status or placement,
cease, and correct an episode or placement (If-Match: 428 without it, 412 when stale). A child
the caller may not see is 404; 422 an input is wrong (naming the field), 409 the period's
state forbids it; nothing is written. A hidden placement address is null to whoever may not
see it. (No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date
from uuid import UUID

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.core.visibility import get_visible_or_404
from hearth.looked_after.actions import periods as actions
from hearth.looked_after.models import CarePeriod, UascStatus
from hearth.looked_after.queries import periods as queries
from hearth.looked_after.schemas.periods import (
    AmendIn,
    CeaseIn,
    ChangeIn,
    ChildCareOut,
    PeriodOut,
    PlacementIn,
    StartIn,
)
from hearth.people.queries.visibility import get_visible_person

router = Router(tags=["looked_after"])
WHAT = "period of care"


def _placement(p: PlacementIn) -> actions.PlacementDetails:
    return actions.PlacementDetails(**p.dict())


def _period_out(user, period: CarePeriod) -> dict:
    placements = []
    for p in period.placements.all():
        address, postcode = queries.shown_address(user, p, period)
        hidden = p.address_hidden and not (address or postcode)
        placements.append({
            "id": p.pk, "started_on": p.started_on, "ended_on": p.ended_on,
            "placement_type": p.placement_type, "provider": p.provider,
            "provider_name": p.provider_name, "urn": p.urn,
            "address": None if hidden else address, "postcode": None if hidden else postcode,
            "address_hidden": p.address_hidden, "carer_name": p.carer_name,
            "long_term": p.long_term, "reason_changed": p.reason_changed})
    return {
        "id": period.pk, "child_id": str(period.child_id), "started_on": period.started_on,
        "ended_on": period.ended_on, "reason_ceased": period.reason_ceased,
        "category_of_need": period.category_of_need, "home_postcode": period.home_postcode,
        "entered_from": period.entered_from, "entered_from_ref": period.entered_from_ref,
        "iro": period.iro.display_name if period.iro is not None else None,
        "version": period.version,
        "episodes": [{"id": e.pk, "placement_id": e.placement_id, "started_on": e.started_on,
                      "ended_on": e.ended_on, "reason_new": e.reason_new,
                      "legal_status": e.legal_status, "reason_ceased": e.reason_ceased}
                     for e in period.episodes.all()],
        "placements": placements,
        "amendments": [{"episode_id": a.episode_id, "placement_id": a.placement_id,
                        "field": a.field, "before": a.before, "after": a.after,
                        "reason": a.reason, "amended_by": a.amended_by.display_name,
                        "amended_at": a.amended_at} for a in period.amendments.all()]}


def _periods(child_id):
    return (queries.periods_of(child_id).select_related("iro")
            .prefetch_related("episodes", "placements", "amendments__amended_by"))


def _visible_period(user, period_id: int) -> CarePeriod:
    return get_visible_or_404(_periods_qs(), user, period_id, WHAT)


def _periods_qs():
    return CarePeriod.objects.select_related("iro", "child").prefetch_related(
        "episodes", "placements", "amendments__amended_by")


def _answer(request: AuthedRequest, response: HttpResponse, period_id: int) -> dict:
    found = _visible_period(request.auth, period_id)
    response["ETag"] = etag(found)
    return _period_out(request.auth, found)


@router.get("/children/{uuid:person_id}", response={200: ChildCareOut, **READ_ERRORS},
            auth=permission("looked_after.view"), url_name="looked_after_child")
def child(request: AuthedRequest, response: HttpResponse, person_id: UUID):
    """The child's periods of care, newest first, each with its episodes (SSDA903 terms),
    placements and corrections; the ETag is the open (else the newest) period's."""
    person = get_visible_person(request.auth, person_id)
    periods = list(_periods(person.pk))[::-1]
    actions.record_view(person.pk, user=request.auth, what="api_view_looked_after")
    if periods:
        response["ETag"] = etag(periods[0])
    uasc = UascStatus.objects.filter(child_id=person.pk).first()
    return {"child_id": str(person.pk),
            "looked_after": any(p.ended_on is None for p in periods),
            "uasc": uasc is not None, "uasc_ceased_on": getattr(uasc, "ceased_on", None),
            "periods": [_period_out(request.auth, p) for p in periods]}


@router.get("/periods/{int:period_id}", response={200: PeriodOut, **READ_ERRORS},
            auth=permission("looked_after.view"), url_name="looked_after_period")
def period(request: AuthedRequest, response: HttpResponse, period_id: int):
    """One period of care with its ETag."""
    found = _visible_period(request.auth, period_id)
    actions.record_view(found.child_id, user=request.auth, what="api_view_looked_after")
    response["ETag"] = etag(found)
    return _period_out(request.auth, found)


@router.post("/children/{uuid:person_id}/periods",
             response={201: PeriodOut, **WRITE_ERRORS}, auth=permission("looked_after.manage"),
             url_name="looked_after_start")
def start(request: AuthedRequest, response: HttpResponse, person_id: UUID, payload: StartIn):
    """The child became looked after (409 while they already are)."""
    person = get_visible_person(request.auth, person_id)
    made = actions.do_start_period(
        person, acting_user=request.auth, started_on=payload.started_on,
        legal_status=payload.legal_status, category_of_need=payload.category_of_need,
        home_postcode=payload.home_postcode, entered_from=payload.entered_from,
        entered_from_ref=payload.entered_from_ref, placement=_placement(payload.placement),
        placement_started_on=payload.placement_started_on)
    return Status(201, _answer(request, response, made.pk))


def _placement_names(refusal: Refused) -> Refused:
    """A placement's problems name the API's fields (``placement.urn``)."""
    inner = {"placement_type", "provider", "provider_name", "urn", "address", "postcode"}
    return refusal.renamed({f: f"placement.{f}" for f in inner})


@router.post("/periods/{int:period_id}/changes", response={200: PeriodOut, **CHANGE_ERRORS},
             auth=permission("looked_after.manage"), url_name="looked_after_change")
def change(request: AuthedRequest, response: HttpResponse, period_id: int, payload: ChangeIn):
    """A change of legal status or placement: the open episode ends with X1, a new one
    begins with its reason (L, P, T, B, U)."""
    found = _visible_period(request.auth, period_id)
    version = require_if_match(request, found, WHAT)
    try:
        actions.do_record_change(
            found, acting_user=request.auth, expected_version=version,
            changed_on=payload.changed_on, legal_status=payload.legal_status,
            placement=_placement(payload.placement) if payload.placement else None,
            same_carer=payload.same_carer, reason_changed=payload.reason_changed)
    except Refused as refusal:
        raise _placement_names(refusal) from refusal
    return _answer(request, response, period_id)


@router.post("/periods/{int:period_id}/cease", response={200: PeriodOut, **CHANGE_ERRORS},
             auth=permission("looked_after.manage"), url_name="looked_after_cease")
def cease(request: AuthedRequest, response: HttpResponse, period_id: int, payload: CeaseIn):
    """The child ceased to be looked after, with the reason (REC, R-CLA-7)."""
    found = _visible_period(request.auth, period_id)
    version = require_if_match(request, found, WHAT)
    actions.do_cease(found, acting_user=request.auth, expected_version=version,
                     ceased_on=payload.ceased_on, reason_ceased=payload.reason_ceased)
    return _answer(request, response, period_id)


@router.post("/periods/{int:period_id}/amendments",
             response={200: PeriodOut, **CHANGE_ERRORS}, auth=permission("looked_after.manage"),
             url_name="looked_after_amend")
def amend(request: AuthedRequest, response: HttpResponse, period_id: int, payload: AmendIn):
    """Correct one episode (``episode_id``) or placement (``placement_id``): each field
    changed is kept as an amendment with its before, after and reason."""
    found = _visible_period(request.auth, period_id)
    version = require_if_match(request, found, WHAT)
    episode = found.episodes.filter(pk=payload.episode_id).first() \
        if payload.episode_id else None
    placement = found.placements.filter(pk=payload.placement_id).first() \
        if payload.placement_id else None
    if (episode is None) == (placement is None):
        raise Refused("Name one episode or one placement of this period", "episode_id")
    changes = dict(payload.changes)
    if episode is not None:
        changes = {k: _date(k, v) for k, v in changes.items()}
    actions.do_amend(found, acting_user=request.auth, expected_version=version,
                     changes=changes, reason=payload.reason, episode=episode,
                     placement=placement)
    return _answer(request, response, period_id)


def _date(name: str, value):
    if name not in ("started_on", "ended_on"):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise Refused({name: f"{name} must be a date, for example 2026-03-14"}) from exc
