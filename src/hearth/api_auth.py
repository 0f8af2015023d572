"""Transitional (issue 12): the API's authentication lives in ``hearth.access.permissions``,
versions in ``hearth.core.versions``. Removed when every app imports those."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.errors import HttpError

from hearth.access.permissions import AuthedRequest, Bearer, permission

__all__ = ["AuthedRequest", "Bearer", "permission", "require_if_match"]


def require_if_match(request: HttpRequest, etag: str, what: str) -> None:
    if_match = request.headers.get("If-Match")
    if not if_match:
        raise HttpError(428, f"Send If-Match with the ETag from your last GET of this {what}.")
    if if_match.strip() != etag:
        raise HttpError(412, f"If-Match does not match this {what}'s ETag: someone else "
                             "changed it. Nothing was saved.")
