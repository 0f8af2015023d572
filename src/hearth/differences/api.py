"""``/api/v1/differences`` (R-PD-1..3): raise a professional difference about a child, read it
(with its ETag), record its current stage's outcome, escalate it, resolve it and record that
the allocated worker was told (each with If-Match: 428 without it, 412 when stale). A
difference or child the caller may not see is 404; a refusal is answered from the one status
table (422 an input is wrong, naming it; 409 the difference's state forbids it — escalating a
stage whose outcome is not recorded names ``outcome``; 403 not theirs to change) and nothing
is written. (No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Status

from hearth.access.models import Agency, User
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS, Problem, api_names
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.core.visibility import get_visible_or_404
from hearth.differences import actions, rules
from hearth.differences.models import Difference, Stage
from hearth.differences.queries import differences as queries
from hearth.differences.schemas import (
    DifferenceIn,
    DifferenceOut,
    EscalateIn,
    ResolveIn,
    StageOutcomeIn,
    WorkerToldIn,
)
from hearth.people.models import Person

router = Router(tags=["differences"])
ERRORS = {**CHANGE_ERRORS, 403: Problem}
NAMES = {"person": "person_id", "decision_partner": "decision_partner_id", "owner": "owner_id",
         "teller": "teller_id"}


def _name(who) -> str | None:
    return who.display_name if who is not None else None


def _stage(stage: Stage, difference: Difference, now) -> dict:
    return {"number": stage.number, "name": stage.get_number_display(),
            "started_at": stage.started_at, "started_by": stage.started_by.display_name,
            "due_at": stage.due_at,
            "overdue": rules.stage_overdue(due_at=stage.due_at, resolved=stage.resolved,
                                           is_open=difference.is_open
                                           and stage.pk == difference.current_stage_id,
                                           now=now),
            "owner_id": stage.owner_id, "owner": stage.owner.display_name,
            "held_on": stage.held_on, "who": stage.who, "with_whom": stage.with_whom,
            "discussed": stage.discussed, "resolved": stage.resolved,
            "chaired_by": stage.chaired_by, "outcome_by": _name(stage.outcome_by),
            "outcome_at": stage.outcome_at}


def _out(d: Difference) -> dict:
    now = timezone.now()
    stages = [_stage(s, d, now) for s in d.stages.all()]
    current = stages[-1]  # the current stage is the last one started
    return {"id": d.pk, "person_id": d.person_id, "person_name": d.person.display_name,
            "status": d.status, "raised_by_id": d.raised_by_id,
            "raised_by": d.raised_by.display_name, "raised_at": d.raised_at,
            "raiser_agency": d.raiser_agency, "raiser_agency_name": d.raiser_agency_name,
            "decision": d.decision, "decision_by": d.decision_by,
            "decision_agency": d.decision_agency, "decision_partner_id": d.decision_partner_id,
            "decision_partner": d.decision_partner.name if d.decision_partner else None,
            "why": d.why, "raised_before": d.raised_before,
            "raised_before_note": d.raised_before_note, "stage": current["number"],
            "stage_due_at": current["due_at"], "stage_overdue": current["overdue"],
            "stages": stages, "agreed": d.agreed, "resolved_at": d.resolved_at,
            "resolved_by": _name(d.resolved_by),
            "working_days_to_resolve": d.working_days_to_resolve, "worker_id": d.worker_id,
            "worker": _name(d.worker), "teller_id": d.teller_id, "teller": _name(d.teller),
            "worker_told_on": d.worker_told_on, "version": d.version}


def _answer(request: AuthedRequest, response: HttpResponse, difference_id: int) -> dict:
    found = queries.get_visible_difference(request.auth, difference_id)
    response["ETag"] = etag(found)
    return _out(found)


def _user(user_id: int | None, field: str) -> User | None:
    if user_id is None:
        return None
    found = User.objects.filter(pk=user_id, is_active=True).first()
    if found is None:
        raise Refused("No such user: choose someone who works with the child.", field)
    return found


@router.post("", response={201: DifferenceOut, **WRITE_ERRORS, 403: Problem},
             auth=permission("differences.raise"), url_name="differences_raise")
def raise_difference(request: AuthedRequest, response: HttpResponse, payload: DifferenceIn):
    """Raise a difference (R-PD-2); its stage 1 starts at once, led by the caller, due two
    working days from today (R-PD-1)."""
    person = get_visible_or_404(Person.objects.live(), request.auth, payload.person_id,
                                "person")
    partner = None
    if payload.decision_partner_id is not None:
        partner = Agency.objects.filter(pk=payload.decision_partner_id).first()
        if partner is None:
            raise Refused("No such partner agency.", "decision_partner_id")
    with api_names(NAMES):
        made = actions.do_raise_difference(
            person, acting_user=request.auth, decision=payload.decision,
            decision_by=payload.decision_by, decision_agency=payload.decision_agency,
            decision_partner=partner, why=payload.why, raised_before=payload.raised_before,
            raised_before_note=payload.raised_before_note)
    return Status(201, _answer(request, response, made.pk))


@router.get("/{int:difference_id}", response={200: DifferenceOut, **READ_ERRORS},
            auth=permission("differences.view"), url_name="difference")
def read(request: AuthedRequest, response: HttpResponse, difference_id: int):
    found = queries.get_visible_difference(request.auth, difference_id)
    actions.record_view(found, user=request.auth, what="read_a_difference_through_the_api")
    response["ETag"] = etag(found)
    return _out(found)


@router.post("/{int:difference_id}/outcome", response={200: DifferenceOut, **ERRORS},
             auth=permission("differences.view"), url_name="difference_outcome")
def outcome(request: AuthedRequest, response: HttpResponse, difference_id: int,
            payload: StageOutcomeIn):
    """Record (or correct) the current stage's outcome: whoever raised it, leads the stage,
    or a manager."""
    found = queries.get_visible_difference(request.auth, difference_id)
    version = require_if_match(request, found, "professional difference")
    actions.do_record_stage_outcome(
        found, acting_user=request.auth, expected_version=version, held_on=payload.held_on,
        who=payload.who, with_whom=payload.with_whom, discussed=payload.discussed,
        resolved=payload.resolved, chaired_by=payload.chaired_by)
    return _answer(request, response, difference_id)


@router.post("/{int:difference_id}/escalate", response={200: DifferenceOut, **ERRORS},
             auth=permission("differences.view"), url_name="difference_escalate")
def escalate(request: AuthedRequest, response: HttpResponse, difference_id: int,
             payload: EscalateIn):
    """Start the next stage: only once the current stage's outcome is recorded and did not
    resolve it (409 naming ``outcome``); stage 5 is the last (409)."""
    found = queries.get_visible_difference(request.auth, difference_id)
    version = require_if_match(request, found, "professional difference")
    with api_names(NAMES):
        actions.do_escalate_difference(found, acting_user=request.auth,
                                       expected_version=version,
                                       owner=_user(payload.owner_id, "owner_id"))
    return _answer(request, response, difference_id)


@router.post("/{int:difference_id}/resolve", response={200: DifferenceOut, **ERRORS},
             auth=permission("differences.view"), url_name="difference_resolve")
def resolve(request: AuthedRequest, response: HttpResponse, difference_id: int,
            payload: ResolveIn):
    """Resolve it at its current stage, whose outcome must say so (409 otherwise): what was
    agreed and who tells the child's allocated worker."""
    found = queries.get_visible_difference(request.auth, difference_id)
    version = require_if_match(request, found, "professional difference")
    with api_names(NAMES):
        actions.do_resolve_difference(found, acting_user=request.auth,
                                      expected_version=version, agreed=payload.agreed,
                                      teller=_user(payload.teller_id, "teller_id"))
    return _answer(request, response, difference_id)


@router.post("/{int:difference_id}/worker-told", response={200: DifferenceOut, **ERRORS},
             auth=permission("differences.view"), url_name="difference_worker_told")
def worker_told(request: AuthedRequest, response: HttpResponse, difference_id: int,
                payload: WorkerToldIn):
    """The allocated worker was told what was agreed: the child's record and the worker's
    list stop showing the difference."""
    found = queries.get_visible_difference(request.auth, difference_id)
    version = require_if_match(request, found, "professional difference")
    actions.do_record_worker_told(found, acting_user=request.auth, expected_version=version,
                                  told_on=payload.told_on)
    return _answer(request, response, difference_id)
