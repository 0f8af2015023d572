"""``/api/v1/people/{id}/chronology``: the chronology as the pages show it, with the same
filters, figures and instability flag; hand entries added and corrected (If-Match)."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Query, Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.chronology import actions, queries
from hearth.chronology.models import Event
from hearth.chronology.schemas import (
    ChronologyCorrectionIn,
    ChronologyEntryIn,
    ChronologyEventOut,
    ChronologyFilterParams,
    ChronologyOut,
)
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS, api_names
from hearth.core.versions import etag, require_if_match
from hearth.core.visibility import get_visible_or_404
from hearth.people.queries.visibility import get_visible_person

router = Router(tags=["chronology"])


def _event(e: Event) -> dict:
    return {"id": e.pk, "person_id": str(e.person_id), "occurred_at": e.occurred_at,
            "time_known": e.time_known, "kind": e.kind, "kind_label": e.get_kind_display(),
            "lane": e.lane, "summary": e.summary, "source_agency": e.source_agency,
            "source_person": e.source_person, "impact": e.impact, "origin": e.origin,
            "origin_id": e.origin_id, "recorded_at": e.recorded_at, "version": e.version}


@router.get("/{person_id}/chronology", response={200: ChronologyOut, **READ_ERRORS},
            auth=permission("chronology.view"), url_name="chronology")
def chronology(request: AuthedRequest, person_id: str, params: Query[ChronologyFilterParams]):
    """One page (100) of events, newest first unless ``order=oldest``; ``lane`` may repeat;
    ``date_from``/``date_to`` as YYYY-MM-DD; ``scope=family`` for the whole family. The
    figures are the last twelve months for this person (R-CHR-3, R-PPL-3)."""
    person = get_visible_person(request.auth, person_id)
    query = request.GET.copy()
    query.setlist("from", [params.date_from])
    query.setlist("to", [params.date_to])
    with api_names({"from": "date_from", "to": "date_to"}):
        filters = queries.parse_filters(query)
    chron = queries.build(request.auth, person, filters)
    actions.record_view(person, user=request.auth, what="api_view_chronology",
                        scope="family" if filters.family else "child")
    return Status(200, {
        "person_id": str(person.pk), "scope": "family" if filters.family else "child",
        "total": chron.total, "page": filters.page, "page_count": chron.page_count,
        "figures": chron.figures.__dict__, "unstable": chron.unstable,
        "instability_reasons": chron.reasons, "events": [_event(e) for e in chron.events]})


@router.post("/{person_id}/chronology", response={201: ChronologyEventOut, **WRITE_ERRORS},
             auth=permission("chronology.write"), url_name="chronology_add")
def add_entry(request: AuthedRequest, response: HttpResponse, person_id: str,
              entry: ChronologyEntryIn):
    """Add a hand entry (a school move, legal status, injury, hospital treatment, a
    disclosure…). Refusals are 422 naming the field; nothing is written."""
    person = get_visible_person(request.auth, person_id)
    event = actions.do_add_entry(person, acting_user=request.auth, **entry.dict())
    response["ETag"] = etag(event)
    return Status(201, _event(event))


@router.patch("/{person_id}/chronology/{entry_id}",
              response={200: ChronologyEventOut, **CHANGE_ERRORS},
              auth=permission("chronology.write"), url_name="chronology_correct")
def correct_entry(request: AuthedRequest, response: HttpResponse, person_id: str,
                  entry_id: int, correction: ChronologyCorrectionIn):
    """Correct a hand entry: send ``If-Match`` with its ETag (428 without, 412 when stale)
    and a reason; the correction is kept and shown with it."""
    person = get_visible_person(request.auth, person_id)
    event = get_visible_or_404(Event.objects.filter(person=person), request.auth, entry_id,
                               "entry")
    version = require_if_match(request, event, "entry")
    changes = {k: v for k, v in correction.dict(exclude_unset=True).items() if k != "reason"}
    event = actions.do_correct_entry(event, acting_user=request.auth, expected_version=version,
                                     reason=correction.reason, **changes)
    response["ETag"] = etag(event)
    return Status(200, _event(event))
