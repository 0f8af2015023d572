"""Versions and ETags: a change names the version it was made from (optimistic locking).

Every versioned record's ETag is ``"<model>-<pk>-v<version>"``; a change through the API
sends it back in ``If-Match`` (428 without it, 412 when someone changed the record since).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from hearth.core.refusals import Refused, StaleEdit, Why


def etag(obj: Any) -> str:
    """The record's ETag: its kind, its id and its version."""
    return f'"{obj._meta.model_name}-{obj.pk}-v{obj.version}"'


def require_if_match(request: HttpRequest, obj: Any, what: str | None = None) -> int:
    """The version the caller's change was made from: ``If-Match`` must carry the record's
    current ETag. Returns the version to pass to the action as ``expected_version``."""
    what = what or obj._meta.verbose_name
    if_match = request.headers.get("If-Match")
    if not if_match:
        raise Refused(f"Send If-Match with the ETag from your last GET of this {what}.",
                      why=Why.NO_VERSION)
    if if_match.strip() != etag(obj):
        raise StaleEdit(obj.version, what)
    return int(obj.version)


def check_version(obj: Any, expected_version: int | None, what: str | None = None) -> None:
    """In an action, after locking the row: refuse a change made from an older version."""
    if expected_version is not None and obj.version != expected_version:
        raise StaleEdit(obj.version, what or obj._meta.verbose_name)
