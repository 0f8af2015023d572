"""The API's operations as ninja holds them, by the method and path the OpenAPI document names
them with, and the document itself as a partner reads it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from hearth.api import api

PREFIX = "/api/v1"


def operations() -> Iterator[tuple[str, str, object]]:
    """(method, path as in the document, ninja operation) for every operation."""
    api.urls  # noqa: B018  (building the URLs is what lists nested routers such as /protection)
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                full = re.sub(r"{[^}:]+:", "{", f"{PREFIX}/{prefix}{path}".replace("//", "/"))
                full = re.sub(r"/+", "/", full).rstrip("/") or "/"
                for method in operation.methods:
                    yield method, full, operation


def permission_of(operation) -> str:
    (permission,) = {cb.permission for cb in operation.auth_callbacks}
    return permission


def document(client) -> dict:
    """``/api/v1/openapi.json``, as served."""
    response = client.get(f"{PREFIX}/openapi.json")
    assert response.status_code == 200
    return json.loads(response.content)
