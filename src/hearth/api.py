"""The JSON API, v1: the contract partner systems build on (OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from hearth.access.permissions import Bearer
from hearth.core import idempotency
from hearth.core.openapi import document_answers
from hearth.core.problems import refused_response
from hearth.core.refusals import Refused


class HearthAPI(NinjaAPI):
    """Ninja's API, with every operation's error answers in the OpenAPI document: 401 and 403
    on each, 404 with an id in the path, 422 with any input, 412 and 428 (and the ``If-Match``
    header) on a change that needs it (``core.openapi``); and the ``Idempotency-Key`` header
    every write accepts (applied to them all by ``access.middleware.IdempotencyMiddleware``,
    issue 13 item 11)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        document = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        document_answers(document)
        for operations in document.get("paths", {}).values():
            for method, operation in operations.items():
                if method.upper() in idempotency.WRITE_METHODS:
                    operation.setdefault("parameters", []).append(
                        dict(idempotency.OPENAPI_PARAMETER))
        return document


api = HearthAPI(
    title="Hearth API",
    version="1",
    description="Children's social care case management. Bearer-token authentication "
    "(`hearth token create USERNAME`). Records the caller may not see answer 404.",
    auth=Bearer(None),  # an operation that declares nothing is refused
    urls_namespace="api",
    docs_url=None,  # the Swagger page loads scripts from a CDN; the JSON spec is enough
)


#: Where ninja found an input: a body's fields follow the handler's argument's name.
BODY_SOURCES = {"body", "form", "file"}
OTHER_SOURCES = {"query", "path", "header", "cookie"}


def field_name(loc) -> str:
    """The input's name as the caller sent it: ``("body", "payload", "people", 0, "role")`` is
    ``people.0.role``, ``("query", "page")`` is ``page``."""
    parts = [str(part) for part in loc]
    if parts and parts[0] in BODY_SOURCES:
        parts = parts[2:]
    elif parts and parts[0] in OTHER_SOURCES:
        parts = parts[1:]
    return ".".join(parts)


@api.exception_handler(ValidationError)
def validation_errors(request, exc: ValidationError):
    """Input that does not fit the schema: 422 naming each field, as a refusal is."""
    errors = [{"field": field_name(err.get("loc", ())),
               "message": str(err.get("msg", "is not valid")).removeprefix("Value error, ")}
              for err in exc.errors]
    detail = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"]
                       for e in errors)
    return api.create_response(request, {"detail": detail or "The request has errors.",
                                         "errors": errors}, status=422)


@api.exception_handler(Refused)
def refused(request, exc: Refused):
    """Every refusal an action raises, answered from the one status table (core.refusals)."""
    return refused_response(api, request, exc)


@api.exception_handler(Http404)
def not_found(request, exc: Http404):
    """A record the caller may not see, or that does not exist: 404 naming what was looked for
    (``core.visibility.get_visible_or_404``), never whether it exists."""
    return api.create_response(request, {"detail": str(exc) or "Not Found"}, status=404)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = api.create_response(
        request, {"detail": "Send a valid bearer token: Authorization: Bearer <token>."},
        status=401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_errors(request, exc: HttpError):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


from hearth.people.api import router as people_router  # noqa: E402,I001

api.add_router("/people", people_router)
from hearth.frontdoor.api import mash_router, router as contacts_router  # noqa: E402,I001

api.add_router("/contacts", contacts_router)
api.add_router("/mash", mash_router)
from hearth.assessments.api import router as assessments_router  # noqa: E402,I001

api.add_router("/assessments", assessments_router)
from hearth.casework.api import router as involvements_router  # noqa: E402,I001

api.add_router("/involvements", involvements_router)
from hearth.visits.api import router as visits_router  # noqa: E402,I001

api.add_router("/visits", visits_router)
from hearth.documents.api import router as documents_router  # noqa: E402,I001

api.add_router("/documents", documents_router)
from hearth.records.api import router as notes_router  # noqa: E402,I001

api.add_router("/notes", notes_router)
from hearth.chronology.api import router as chronology_router  # noqa: E402,I001

api.add_router("/people", chronology_router)
from hearth.engagement.api import router as engagement_router  # noqa: E402,I001

api.add_router("/engagement", engagement_router)
from hearth.safety.api import router as worker_safety_router  # noqa: E402,I001

api.add_router("/worker-safety-warnings", worker_safety_router)
from hearth.protection.api import router as protection_router  # noqa: E402,I001

api.add_router("/protection", protection_router)
from hearth.tasks.api import router as tasks_router  # noqa: E402,I001

api.add_router("/tasks", tasks_router)
from hearth.lado.api import router as lado_router  # noqa: E402,I001

api.add_router("/lado", lado_router)
from hearth.differences.api import router as differences_router  # noqa: E402,I001

api.add_router("/differences", differences_router)
from hearth.fgc.api import router as fgc_router  # noqa: E402,I001

api.add_router("/fgc", fgc_router)
from hearth.cin.api import router as cin_router  # noqa: E402,I001

api.add_router("/cin", cin_router)
from hearth.missing.api import router as missing_router  # noqa: E402,I001

api.add_router("/missing-episodes", missing_router)
from hearth.looked_after.api import router as looked_after_router  # noqa: E402,I001

api.add_router("/looked-after", looked_after_router)
from hearth.leaving_care.api import router as leaving_care_router  # noqa: E402,I001

api.add_router("/care-leavers", leaving_care_router)
from hearth.web.api import router as work_router  # noqa: E402,I001

api.add_router("/", work_router)
