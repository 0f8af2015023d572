"""Every route declares its permission, and every role gets what its permission says
(ENGINEERING.md practice 3; netbox's ViewTestCases, OpenMRS's authorisation meta-test)."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hearth.access.codes import Role
from hearth.access.permissions import PUBLIC, SIGNED_IN
from hearth.access.rules import has_permission
from hearth.api import api

# Ninja's own route: the OpenAPI document is the public contract partners build on.
PUBLIC_API_ROUTES = {"openapi-json"}


def page_routes(patterns=None, prefix="", namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api":
                continue
            yield from page_routes(entry.url_patterns, prefix + str(entry.pattern),
                                   entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry, namespace


def api_operations():
    api.urls  # noqa: B018  (building the URLs is what lists nested routers such as /protection)
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                yield f"{prefix}{path}", operation


def declared_permission(operation) -> str | None:
    permissions = {getattr(cb, "permission", None) for cb in operation.auth_callbacks}
    return permissions.pop() if len(permissions) == 1 else None


def test_every_page_route_declares_its_permission():
    undeclared = [route for route, pattern, _ in page_routes()
                  if not hasattr(pattern.callback, "hearth_permission")]
    assert undeclared == [], f"routes without a declared permission: {undeclared}"


def test_every_api_operation_declares_its_permission():
    undeclared = [f"{op.methods} {path}" for path, op in api_operations()
                  if declared_permission(op) is None]
    assert undeclared == [], f"API operations without a declared permission: {undeclared}"


def test_only_the_openapi_document_is_public_in_the_api():
    names = {p.name for p in api.urls[0] if getattr(p, "name", None)}
    assert "openapi-json" in names
    assert "openapi-view" not in names  # no CDN-loaded docs page


# ---------------------------------------------------------------------------------------------
# The generated matrix: every page route as every role (and signed out).

ROLES = list(Role.values)


def _url(pattern: URLPattern, args: dict, namespace: str) -> str:
    name = pattern.name if pattern.name in {"healthz"} else f"{namespace}:{pattern.name}"
    return reverse(name, kwargs={k: args[k] for k in pattern.pattern.converters})


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES + ["signed_out"])
def test_every_page_as_every_role(role, route_args, client, north, police):
    from tests.conftest import make_user, sign_in_verified

    if role != "signed_out":
        user = make_user(f"matrix-{role}", role, team=north,
                         agency=police if role == Role.MASH_PARTNER else None)
        sign_in_verified(client, user)
    failures = []
    for route, pattern, namespace in page_routes():
        permission = pattern.callback.hearth_permission
        url = _url(pattern, route_args, namespace)
        response = client.get(url)
        status = response.status_code
        if permission == PUBLIC:
            ok = status in (200, 302)
        elif role == "signed_out":
            ok = status == 302 and "/sign-in" in response["Location"]
        elif permission == SIGNED_IN or has_permission(role, permission):
            ok = status in (200, 302, 403, 404, 405) and not (
                status == 403 and b"you cannot do this" in response.content)
        else:
            ok = status == 403
        if not ok:
            failures.append(f"{route} [{permission}] -> {status}")
    assert failures == [], f"{role}: {failures}"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES + ["no_token"])
def test_every_api_operation_as_every_role(role, route_args, client, north, police):
    from hearth.access.actions.users import do_create_token
    from tests.conftest import make_user

    headers = {}
    if role != "no_token":
        user = make_user(f"api-{role}", role, team=north,
                         agency=police if role == Role.MASH_PARTNER else None)
        headers["Authorization"] = f"Bearer {do_create_token(user)}"
    failures = []
    for path, operation in api_operations():
        permission = declared_permission(operation)
        # Nested routers (e.g. /protection) give their paths as "protection//people/…".
        url = "/api/v1/" + re.sub("/+", "/", re.sub(r"\{(?:[a-z]+:)?([a-z_]+)\}",
                                                     lambda m: str(route_args[m.group(1)]),
                                                     path)).lstrip("/")
        url = url.rstrip("/") if path else "/api/v1/people"
        for method in operation.methods:
            response = client.generic(method, url, data="{}", content_type="application/json",
                                      headers=headers)
            status = response.status_code
            if role == "no_token":
                ok = status == 401
            elif has_permission(role, permission):
                ok = status not in (401, 403, 500)
            else:
                ok = status == 403
            if not ok:
                failures.append(f"{method} {url} [{permission}] -> {status}")
    assert failures == [], f"{role}: {failures}"
