"""``/api/v1/people``: search, create, read, change (with ETag / If-Match), access log.

A refusal propagates to the one handler in ``hearth.api`` (422 an input, 412 a stale version,
428 no If-Match). Fields higher apps add to a person (``worker_safety_warnings``…) come from
``schemas.PERSON_API_FIELDS``."""

from django.http import HttpResponse
from ninja import Query, Router, Status

from hearth.access.models import AuditEntry
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.paging import api_page
from hearth.core.problems import CHANGE_ERRORS, Problem
from hearth.core.schemas import ApiPageParams
from hearth.core.versions import etag, require_if_match
from hearth.people import actions
from hearth.people.queries.persons import other_names
from hearth.people.queries.search import search_people
from hearth.people.queries.visibility import get_visible_person
from hearth.people.schemas import (
    AccessLog,
    DuplicatesProblem,
    PersonIn,
    PersonPatch,
    PersonRecordOut,
    SearchIn,
    SearchResults,
    extra_fields,
    person_out,
)

router = Router(tags=["people"])
PersonOut = person_out()
#: A change to a person is never refused for the record's state: no 409.
PATCH_ERRORS = {code: schema for code, schema in CHANGE_ERRORS.items() if code != 409}
OWN_FIELDS = [f for f in PersonRecordOut.model_fields if f != "other_names"]


def _out(person) -> dict:
    data = {f: getattr(person, f) for f in OWN_FIELDS}
    data["other_names"] = [
        {"kind": n.kind, "given_name": n.given_name, "family_name": n.family_name}
        for n in other_names(person)
    ]
    return data


def _search(request, params: SearchIn) -> dict:
    matches = search_people(request.auth, name=params.name, dob=params.dob,
                            postcode=params.postcode)
    return {
        "results": [
            {
                "id": m.person.pk,
                "display_name": m.person.display_name,
                "date_of_birth": m.person.date_of_birth,
                "score": round(m.score, 3),
                "reasons": m.reasons,
            }
            for m in matches
        ]
    }


@router.get("", response={200: SearchResults, 422: Problem}, auth=permission("people.search"))
def search(request: AuthedRequest, params: Query[SearchIn]):
    """Find people by name, date of birth (full or partial) and postcode, best first."""
    return _search(request, params)


@router.post(
    "/search", response={200: SearchResults, 422: Problem}, auth=permission("people.search")
)
def search_by_post(request: AuthedRequest, params: SearchIn):
    """The same search with the terms in the body, so they stay out of URLs and logs."""
    return _search(request, params)


@router.post("", response={201: PersonOut, 409: DuplicatesProblem, 422: Problem},
             auth=permission("people.create"))
def create(request: AuthedRequest, payload: PersonIn):
    """Create a person after the same duplicate check as the page (R-PPL-2): 409 naming the
    likely duplicates you may see, unless you send ``checked_duplicates: true``."""
    data = payload.dict()
    person = actions.do_create_checked_person(
        acting_user=request.auth, checked_duplicates=data.pop("checked_duplicates"),
        confirm='send "checked_duplicates": true', **data)
    return Status(201, _out(person))


@router.get(
    "/{uuid:person_id}", response={200: PersonOut, 404: Problem}, auth=permission("people.view")
)
def detail(request: AuthedRequest, response: HttpResponse, person_id: str):
    person = get_visible_person(request.auth, person_id)
    actions.record_view(person, user=request.auth, what="api_view")
    response["ETag"] = etag(person)
    return {**_out(person), **extra_fields(request.auth, person)}


@router.patch("/{uuid:person_id}", response={200: PersonOut, **PATCH_ERRORS},
              auth=permission("people.edit"))
def change(request: AuthedRequest, response: HttpResponse, person_id: str, payload: PersonPatch):
    """Change the fields sent. Send ``If-Match`` with the ETag you read (428 without, 412 if
    someone else changed the record since)."""
    person = get_visible_person(request.auth, person_id)
    expected = require_if_match(request, person)
    person = actions.do_update_person(person, acting_user=request.auth,
                                      expected_version=expected,
                                      **payload.dict(exclude_unset=True))
    response["ETag"] = etag(person)
    return _out(person)


@router.get(
    "/{uuid:person_id}/access-log",
    response={200: AccessLog, 404: Problem, 422: Problem},
    auth=permission("audit.access_log"),
)
def access_log(request: AuthedRequest, response: HttpResponse, person_id: str,
               paging: Query[ApiPageParams]):
    """Who viewed or changed this person's record, and when (newest first), a page at a time
    (``page``, ``page_size``; ``total`` and the ``X-Total-Count`` and ``Link`` headers say how
    many there are and where the other pages are)."""
    person = get_visible_person(request.auth, person_id)
    entries, total = api_page(AuditEntry.objects.filter(
        object_type="people.person", object_id=str(person.pk)
    ).order_by("-at", "-id"), request, response, page=paging.page, size=paging.page_size)
    result = [
        {
            "at": e.at.isoformat(),
            "user": e.username,
            "action": e.action,
            "fields": sorted(e.fields.keys()),
            "reason": e.reason,
        }
        for e in entries
    ]
    actions.record_view(person, user=request.auth, what="view_access_log")
    return {"total": total, "page": paging.page, "entries": result}
