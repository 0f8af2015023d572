"""``/api/v1/visits``: a child's visits with when they happened (R-RES-5), recording a visit
from a partner system and correcting one visibly, with a reason (R-REC-6, R-REC-4), with the
same rules as the pages.

A visit whose child the caller may not see is 404. Date-times carry their offset (422 with an
example otherwise). A visit the rules refuse (a completed visit in the future, a child seen
alone who was not seen) is 422 with ``errors`` naming the field, and nothing is written.
A visit is final once recorded: it is never edited in place (there is no PATCH), only
corrected through ``POST /{id}/amend`` with a reason, by its recorder or their team manager
(403 for anyone else), each change shown with the visit's ``amendments``. Corrections need
``If-Match`` with the ETag of your last read (428 without, 412 when stale).
(No ``from __future__ import annotations``: django-ninja reads the annotations at import.)"""

from uuid import UUID

from django.http import Http404, HttpResponse
from django.utils import timezone
from ninja import Router, Status
from ninja.errors import HttpError

from hearth.api_auth import AuthedRequest, permission, require_if_match
from hearth.casework.models import InvolvementStatus
from hearth.people.actions import StaleEdit
from hearth.visits import actions, queries, rules
from hearth.visits.models import Visit
from hearth.visits.schemas import Problem, VisitAmendIn, VisitIn, VisitList, VisitOut

router = Router(tags=["visits"])

ERRORS = {403: Problem, 404: Problem, 412: Problem, 422: Problem, 428: Problem}


def _etag(visit: Visit) -> str:
    return f'"visit-{visit.pk}-v{visit.version}"'


def _out(visit: Visit) -> dict:
    data = {f: getattr(visit, f) for f in VisitOut.model_fields
            if f not in ("person_id", "timing_band", "recorded_by", "amendments", "joint_worker")}
    data["person_id"] = visit.child_id
    data["timing_band"] = rules.timing_band(visit.starts_at)
    data["recorded_by"] = visit.recorded_by.display_name
    data["joint_worker"] = visit.joint_worker.display_name if visit.joint_worker else None
    data["amendments"] = [{"field": a.field, "field_label": a.get_field_label(),
                           "before": a.before, "after": a.after, "reason": a.reason,
                           "amended_by": a.amended_by.display_name,
                           "amended_at": a.amended_at} for a in visit.amendments.all()]
    return data


def _visible(user, visit_id: int) -> Visit:
    found = (queries.with_amendments(queries.visible_visits(user))
             .select_related("child", "recorded_by", "joint_worker").filter(pk=visit_id).first())
    if found is None:
        raise Http404("No such visit.")
    return found


def _invalid(exc: actions.VisitRefused) -> Status:
    errors = [{"field": exc.field, "message": str(exc)}] if exc.field else []
    detail = f"{exc.field}: {exc}" if exc.field else str(exc)
    return Status(422, {"detail": detail, "errors": errors})


@router.get("", response={200: VisitList, 404: Problem, 422: Problem},
            auth=permission("visits.view"))
def person_visits(request: AuthedRequest, person: UUID):
    """The child's visits, newest first, with the prompt to vary their timing (R-RES-5)."""
    child = queries.get_visible_child(request.auth, person)
    visits = [_out(v) for v in queries.with_amendments(queries.visits_of(request.auth, child))]
    recent = queries.recent_visit_times(child, timezone.now())
    actions.record_view(child, user=request.auth)
    return {"person_id": child.pk, "vary_timing": rules.needs_varied_timing(recent),
            "visits": visits}


@router.post("", response={201: VisitOut, 404: Problem, 422: Problem},
             auth=permission("visits.record"))
def record(request: AuthedRequest, response: HttpResponse, payload: VisitIn):
    """Record a visit to ``person_id`` (R-REC-6); it joins the child's live involvement."""
    data = payload.dict()
    child = queries.get_visible_child(request.auth, data.pop("person_id"))
    joint_id = data.pop("joint_worker_id")
    joint_worker = queries.colleague(joint_id) if joint_id is not None else None
    if joint_id is not None and joint_worker is None:
        return _invalid(actions.VisitRefused("No colleague has that id.", field="joint_worker_id"))
    involvement = (child.involvements.exclude(status=InvolvementStatus.CLOSED)
                   .order_by("-opened_on", "-pk").first())
    try:
        visit = actions.do_record_visit(child, acting_user=request.auth,
                                        involvement=involvement, joint_worker=joint_worker, **data)
    except actions.VisitRefused as exc:
        return _invalid(exc)
    visit = _visible(request.auth, visit.pk)
    response["ETag"] = _etag(visit)
    return Status(201, _out(visit))


@router.get("/{int:visit_id}", response={200: VisitOut, 404: Problem},
            auth=permission("visits.view"))
def detail(request: AuthedRequest, response: HttpResponse, visit_id: int):
    visit = _visible(request.auth, visit_id)
    actions.record_view(visit.child, user=request.auth)
    response["ETag"] = _etag(visit)
    return _out(visit)


@router.post("/{int:visit_id}/amend", response={200: VisitOut, **ERRORS},
             auth=permission("visits.record"))
def amend(request: AuthedRequest, response: HttpResponse, visit_id: int,
          payload: VisitAmendIn):
    """Correct a visit with a reason (R-REC-4): a visit is final once recorded and is never
    edited in place. Send ``If-Match`` with the ETag you read (428 without, 412 when stale).
    Only the worker who recorded it or their team manager may (403); a correction without a
    reason, or that changes nothing, is 422."""
    visit = _visible(request.auth, visit_id)
    require_if_match(request, _etag(visit), "visit")
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason")
    nulls = [{"field": k, "message": "Leave the field out to keep it: null is not a value"}
             for k, v in changes.items() if v is None]
    if nulls:
        return Status(422, {"detail": "The request has errors.", "errors": nulls})
    try:
        amendments = actions.do_amend_visit(visit, acting_user=request.auth,
                                            expected_version=visit.version, reason=reason,
                                            **changes)
    except StaleEdit as exc:
        raise HttpError(412, "Someone else changed this visit. Nothing was saved: read it "
                             "again.") from exc
    except actions.NotYours as exc:
        return Status(403, {"detail": str(exc), "errors": []})
    except actions.VisitRefused as exc:
        return _invalid(exc)
    if not amendments:
        return Status(422, {"detail": "Nothing to correct: every part sent is as recorded.",
                            "errors": []})
    visit = _visible(request.auth, visit.pk)
    response["ETag"] = _etag(visit)
    return _out(visit)
