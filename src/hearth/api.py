"""The JSON API, v1: the contract partner systems build on (OpenAPI at /api/v1/openapi.json)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.security import HttpBearer

from hearth.access.actions import user_for_token


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Hearth API",
    version="1",
    description="Children's social care case management. Bearer-token authentication "
    "(`hearth token create USERNAME`). Records the caller may not see answer 404.",
    auth=BearerToken(),
    urls_namespace="api",
)


@api.exception_handler(ValidationError)
def validation_errors(request, exc: ValidationError):
    errors = []
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", []) if part not in ("body", "payload")]
        errors.append({"field": ".".join(loc), "message": err.get("msg", "is not valid")})
    return api.create_response(request, {"detail": "The request has errors.", "errors": errors},
                               status=422)


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


from hearth.people.api import router as people_router  # noqa: E402

api.add_router("/people", people_router)
