"""``/api/v1/involvements``: a child's involvements, and allocating, reallocating,
co-allocating and closing them, with the same rules as the pages.

An involvement whose child the caller may not see is 404 (for changes: one outside the teams
the caller manages, as on the pages). Changes need ``If-Match`` with the ETag of your last
read (428 without it, 412 when someone changed it since). Refusals answer from the one
status table (``core.refusals``): 422 with ``errors`` naming the input at fault; 409 for the
involvement's state (already closed, not waiting for allocation); 403 for a change only the
team's manager may make. Nothing is written when a request is refused.
(No ``from __future__ import annotations``: django-ninja reads the annotations at import.)"""

from uuid import UUID

from django.http import HttpResponse
from ninja import Router

from hearth.access.models import User
from hearth.access.permissions import AuthedRequest, permission
from hearth.casework import actions, queries
from hearth.casework.models import Involvement
from hearth.casework.schemas import (
    AllocateIn,
    CloseIn,
    InvolvementList,
    InvolvementOut,
    ReallocateIn,
    SecondaryWorkerIn,
)
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, Problem, api_names
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.core.visibility import get_visible_or_404
from hearth.people.actions import record_view
from hearth.people.queries.visibility import get_visible_person

router = Router(tags=["involvements"])

VIEW = "casework.caseload"
ALLOCATE = "casework.allocate"
ERRORS = {**CHANGE_ERRORS, 403: Problem}
#: The action's name for an input -> the API's.
FIELDS = {"worker": "worker_id"}


def _out(inv: Involvement) -> dict:
    live = [link for link in inv.secondary_workers.all() if link.end_date is None]
    return {"id": inv.pk, "person_id": inv.person_id, "team_id": inv.team_id,
            "team": inv.team.name, "worker_id": inv.worker_id,
            "worker": inv.worker.display_name if inv.worker else None,
            "status": inv.status, "service": inv.service, "primary_need": inv.primary_need,
            "urgency": inv.urgency,
            "opened_on": inv.opened_on, "allocated_on": inv.allocated_on,
            "closure_reason": inv.closure_reason, "version": inv.version,
            "secondary_workers": [{"worker_id": link.worker_id,
                                   "worker": link.worker.display_name, "role": link.role,
                                   "start_date": link.start_date} for link in live]}


def _with_parts(qs):
    return qs.select_related("team", "worker").prefetch_related("secondary_workers__worker")


def _worker(worker_id: int) -> User:
    worker = User.objects.filter(pk=worker_id).first()
    if worker is None:
        raise Refused(f"No worker {worker_id}.", "worker")
    return worker


def _change(request: AuthedRequest, response: HttpResponse, involvement_id: int, act):
    """Check If-Match on a managed involvement, run ``act(involvement, expected_version)``
    and answer with the involvement as it is now (a refusal answers from the status table)."""
    involvement = queries.get_managed_involvement(request.auth, involvement_id)
    expected = require_if_match(request, involvement)
    with api_names(FIELDS):
        act(involvement, expected)
    current = _with_parts(Involvement.objects).get(pk=involvement.pk)
    response["ETag"] = etag(current)
    return _out(current)


@router.get("", response={200: InvolvementList, **READ_ERRORS},
            auth=permission(VIEW))
def person_involvements(request: AuthedRequest, person: UUID):
    """The involvements of ``person`` (newest first); 404 if you may not see them."""
    child = get_visible_person(request.auth, person)
    involvements = _with_parts(queries.visible_involvements(request.auth)
                               .filter(person=child)).order_by("-opened_on", "-pk")
    rows = [_out(inv) for inv in involvements]
    record_view(child, user=request.auth, what="api_view_involvements")
    return {"person_id": child.pk, "involvements": rows}


@router.get("/{int:involvement_id}", response={200: InvolvementOut, 404: Problem},
            auth=permission(VIEW))
def detail(request: AuthedRequest, response: HttpResponse, involvement_id: int):
    involvement = get_visible_or_404(_with_parts(Involvement.objects), request.auth,
                                     involvement_id, "involvement")
    record_view(involvement.person, user=request.auth, what="api_view_involvement")
    response["ETag"] = etag(involvement)
    return _out(involvement)


@router.post("/{int:involvement_id}/allocate", response={200: InvolvementOut, **ERRORS},
             auth=permission(ALLOCATE))
def allocate(request: AuthedRequest, response: HttpResponse, involvement_id: int,
             payload: AllocateIn):
    """Allocate a child waiting in your team's queue to one of the team's practitioners."""
    def act(involvement, expected):
        actions.do_allocate(involvement, _worker(payload.worker_id), acting_user=request.auth,
                            expected_version=expected)
    return _change(request, response, involvement_id, act)


@router.post("/{int:involvement_id}/reallocate", response={200: InvolvementOut, **ERRORS},
             auth=permission(ALLOCATE))
def reallocate(request: AuthedRequest, response: HttpResponse, involvement_id: int,
               payload: ReallocateIn):
    """Move an open involvement to another of the team's practitioners."""
    def act(involvement, expected):
        actions.do_reallocate(involvement, _worker(payload.worker_id),
                              acting_user=request.auth, expected_version=expected,
                              reason=payload.reason.strip())
    return _change(request, response, involvement_id, act)


@router.post("/{int:involvement_id}/close", response={200: InvolvementOut, **ERRORS},
             auth=permission(ALLOCATE))
def close(request: AuthedRequest, response: HttpResponse, involvement_id: int,
          payload: CloseIn):
    """Close with a DfE reason for closure (RC1 to RC9); secondary workers finish too."""
    def act(involvement, expected):
        actions.do_close(involvement, payload.reason, acting_user=request.auth,
                         expected_version=expected, closed_on=payload.closed_on)
    return _change(request, response, involvement_id, act)


@router.post("/{int:involvement_id}/secondary-workers",
             response={200: InvolvementOut, **ERRORS}, auth=permission(ALLOCATE))
def add_secondary_worker(request: AuthedRequest, response: HttpResponse, involvement_id: int,
                         payload: SecondaryWorkerIn):
    """Co-allocate a secondary worker, e.g. a Building Bridges practitioner (R-SVC-1)."""
    def act(involvement, expected):
        actions.do_add_secondary_worker(involvement, _worker(payload.worker_id),
                                        acting_user=request.auth, expected_version=expected,
                                        role=payload.role, start_date=payload.start_date)
    return _change(request, response, involvement_id, act)
