"""``/api/v1/people``: search, create, read, change (with ETag / If-Match), access log."""

from django.http import HttpResponse
from ninja import Query, Router, Status
from ninja.errors import HttpError

from hearth.access.models import AuditEntry
from hearth.api_auth import AuthedRequest, permission
from hearth.people import actions
from hearth.people.queries import get_visible_person
from hearth.people.schemas import (
    AccessLog,
    PersonIn,
    PersonOut,
    PersonPatch,
    Problem,
    SearchIn,
    SearchResults,
)
from hearth.people.search import SearchInputError, search_people
from hearth.safety.api import shown_for_api

router = Router(tags=["people"])


def _etag(person) -> str:
    return f'"{person.pk}-v{person.version}"'


def _out(person) -> dict:
    data = {f: getattr(person, f) for f in PersonOut.model_fields
            if f not in ("other_names", "worker_safety_warnings")}
    data["other_names"] = [
        {"kind": n.kind, "given_name": n.given_name, "family_name": n.family_name}
        for n in person.other_names.all()
    ]
    return data


def _search(request, params: SearchIn) -> dict:
    try:
        matches = search_people(
            request.auth, name=params.name, dob=params.dob, postcode=params.postcode
        )
    except SearchInputError as exc:
        raise HttpError(422, str(exc)) from exc
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


@router.post("", response={201: PersonOut, 422: Problem}, auth=permission("people.create"))
def create(request: AuthedRequest, payload: PersonIn):
    from django.core.exceptions import ValidationError as DjangoValidationError

    try:
        person = actions.do_create_person(acting_user=request.auth, **payload.dict())
    except DjangoValidationError as exc:
        raise HttpError(
            422, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        ) from exc
    return Status(201, _out(person))


@router.get(
    "/{uuid:person_id}", response={200: PersonOut, 404: Problem}, auth=permission("people.view")
)
def detail(request: AuthedRequest, response: HttpResponse, person_id: str):
    person = get_visible_person(request.auth, person_id)
    actions.record_view(person, user=request.auth, what="api_view")
    response["ETag"] = _etag(person)
    return {**_out(person), "worker_safety_warnings": shown_for_api(request.auth, person)}


@router.patch(
    "/{uuid:person_id}",
    response={200: PersonOut, 404: Problem, 412: Problem, 422: Problem, 428: Problem},
    auth=permission("people.edit"),
)
def change(request: AuthedRequest, response: HttpResponse, person_id: str, payload: PersonPatch):
    """Change the fields sent. Send ``If-Match`` with the ETag you read (428 without, 412 if
    someone else changed the record since)."""
    from django.core.exceptions import ValidationError as DjangoValidationError

    person = get_visible_person(request.auth, person_id)
    if_match = request.headers.get("If-Match")
    if not if_match:
        raise HttpError(428, "Send If-Match with the ETag from your last GET of this person.")
    try:
        expected = int(if_match.strip().strip('"').rsplit("-v", 1)[1])
        if not if_match.strip().strip('"').startswith(str(person.pk)):
            raise ValueError
    except (IndexError, ValueError) as exc:
        raise HttpError(412, "If-Match does not match this person's ETag.") from exc
    changes = payload.dict(exclude_unset=True)
    try:
        person = actions.do_update_person(
            person, acting_user=request.auth, expected_version=expected, **changes
        )
    except actions.StaleEdit as exc:
        raise HttpError(412, str(exc)) from exc
    except DjangoValidationError as exc:
        raise HttpError(
            422, "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
        ) from exc
    response["ETag"] = _etag(person)
    return _out(person)


@router.get(
    "/{uuid:person_id}/access-log",
    response={200: AccessLog, 404: Problem},
    auth=permission("audit.access_log"),
)
def access_log(request: AuthedRequest, person_id: str):
    """Who viewed or changed this person's record, and when (newest first)."""
    person = get_visible_person(request.auth, person_id)
    entries = AuditEntry.objects.filter(
        object_type="people.person", object_id=str(person.pk)
    ).order_by("-seq")[:500]
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
    return {"entries": result}
