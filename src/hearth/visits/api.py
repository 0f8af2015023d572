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

from django.http import HttpResponse
from django.utils import timezone
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.casework.queries import live_involvement
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, Problem
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.visits import actions, queries, rules
from hearth.visits.models import Visit
from hearth.visits.schemas import (
    FamilyVisitIn,
    FamilyVisitOut,
    VisitAmendIn,
    VisitIn,
    VisitList,
    VisitOut,
)

router = Router(tags=["visits"])

ERRORS = {**CHANGE_ERRORS, 403: Problem}


def _out(visit: Visit, together: list[Visit]) -> dict:
    data = {f: getattr(visit, f) for f in VisitOut.model_fields
            if f not in ("person_id", "timing_band", "recorded_by", "amendments", "joint_worker",
                         "recorded_with")}
    data["recorded_with"] = [other.pk for other in together]
    data["person_id"] = visit.child_id
    data["timing_band"] = rules.timing_band(visit.starts_at)
    data["recorded_by"] = visit.recorded_by.display_name
    data["joint_worker"] = visit.joint_worker.display_name if visit.joint_worker else None
    data["amendments"] = [{"field": a.field, "field_label": a.get_field_label(),
                           "before": a.before, "after": a.after, "reason": a.reason,
                           "amended_by": a.amended_by.display_name,
                           "amended_at": a.amended_at} for a in visit.amendments.all()]
    return data


@router.get("", response={200: VisitList, **READ_ERRORS},
            auth=permission("visits.view"))
def person_visits(request: AuthedRequest, person: UUID):
    """The child's visits, newest first, with the prompt to vary their timing (R-RES-5)."""
    child = queries.get_visible_child(request.auth, person)
    found = list(queries.with_amendments(queries.visits_of(request.auth, child)))
    together = queries.recorded_with_each(request.auth, found)
    visits = [_out(v, together.get(v.pk, [])) for v in found]
    recent = queries.recent_visit_times(child, timezone.now())
    actions.record_view(child, user=request.auth)
    return {"person_id": child.pk, "vary_timing": rules.needs_varied_timing(recent),
            "visits": visits}


@router.post("", response={201: VisitOut, **READ_ERRORS},
             auth=permission("visits.record"))
def record(request: AuthedRequest, response: HttpResponse, payload: VisitIn):
    """Record a visit to ``person_id`` (R-REC-6); it joins the child's live involvement."""
    data = payload.dict()
    child = queries.get_visible_child(request.auth, data.pop("person_id"))
    joint_id = data.pop("joint_worker_id")
    joint_worker = queries.colleague(joint_id) if joint_id is not None else None
    if joint_id is not None and joint_worker is None:
        raise Refused("No colleague has that id.", "joint_worker_id")
    involvement = live_involvement(child)
    visit = actions.do_record_visit(child, acting_user=request.auth, involvement=involvement,
                                    joint_worker=joint_worker, **data)
    visit = queries.get_visible_visit(request.auth, visit.pk)
    response["ETag"] = etag(visit)
    return Status(201, _out(visit, []))


@router.get("/{int:visit_id}", response={200: VisitOut, 404: Problem},
            auth=permission("visits.view"))
def detail(request: AuthedRequest, response: HttpResponse, visit_id: int):
    visit = queries.get_visible_visit(request.auth, visit_id)
    actions.record_view(visit.child, user=request.auth)
    response["ETag"] = etag(visit)
    return _out(visit, queries.recorded_with(request.auth, visit))


@router.post("/{int:visit_id}/amend", response={200: VisitOut, **ERRORS},
             auth=permission("visits.record"))
def amend(request: AuthedRequest, response: HttpResponse, visit_id: int,
          payload: VisitAmendIn):
    """Correct a visit with a reason (R-REC-4): a visit is final once recorded and is never
    edited in place. Send ``If-Match`` with the ETag you read (428 without, 412 when stale).
    Only the worker who recorded it or their team manager may (403); a correction without a
    reason, or that changes nothing, is 422."""
    visit = queries.get_visible_visit(request.auth, visit_id)
    expected = require_if_match(request, visit)
    changes = payload.dict(exclude_unset=True)
    reason = changes.pop("reason")
    to_all = changes.pop("to_all", False)
    amendments = actions.do_amend_family_visit(visit, acting_user=request.auth,
                                               expected_version=expected, reason=reason,
                                               to_all=to_all, **changes)
    if not amendments:
        raise Refused("Nothing to correct: every part sent is as recorded.")
    visit = queries.get_visible_visit(request.auth, visit.pk)
    response["ETag"] = etag(visit)
    return _out(visit, queries.recorded_with(request.auth, visit))


@router.post("/family", response={201: FamilyVisitOut, **READ_ERRORS},
             auth=permission("visits.record"))
def record_for_family(request: AuthedRequest, payload: FamilyVisitIn):
    """Record one visit to several children of a family at once (issue 15): the shared part
    once, each child's own part in ``children``. Each child gets a visit of their own, with
    its own chronology entry, linked to the others (``recorded_with``). A child you may not
    see is 404; a child sent twice, or not of the first child's family, is 422; when any
    child's visit is refused (422, the field named ``children.<n>.<field>`` for a child's own
    part), none is written."""
    data = payload.dict()
    parts = data.pop("children")
    people = [queries.get_visible_child(request.auth, part.pop("person_id")) for part in parts]
    joint_id = data.pop("joint_worker_id")
    joint_worker = queries.colleague(joint_id) if joint_id is not None else None
    if joint_id is not None and joint_worker is None:
        raise Refused("No colleague has that id.", "joint_worker_id")
    visits = actions.do_record_family_visit(
        people[0], [{"child": person, **part} for person, part in zip(people, parts,
                                                                       strict=True)],
        acting_user=request.auth, joint_worker=joint_worker, **data)
    found = {v.pk: v for v in queries.with_amendments(
        queries.visible_visits(request.auth).filter(pk__in=[v.pk for v in visits])
        .select_related("child", "recorded_by", "joint_worker"))}
    together = queries.recorded_with_each(request.auth, list(found.values()))
    return Status(201, {"visits": [_out(found[v.pk], together.get(v.pk, []))
                                   for v in visits]})
