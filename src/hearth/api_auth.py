"""API authentication: a bearer token, and the permission each operation declares."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from hearth.access.actions import user_for_token
from hearth.access.permissions import SIGNED_IN
from hearth.access.roles import refusal


class Bearer(HttpBearer):
    """Bearer-token authentication that also checks the operation's declared permission,
    before the request body is read (so a role without it gets 403, never a 422)."""

    def __init__(self, permission: str | None):
        super().__init__()
        self.permission = permission

    def authenticate(self, request: HttpRequest, token: str):
        user = user_for_token(token)
        if user is None:
            return None
        if self.permission is None:
            raise HttpError(403, "This operation declares no permission.")
        if self.permission != SIGNED_IN and not user.has_hearth_permission(self.permission):
            raise HttpError(403, refusal(user.role, self.permission))
        request.user = user
        return user


class AuthedRequest(HttpRequest):
    """What an API handler receives: the request with the token's user as ``auth``."""

    auth: Any


def permission(name: str) -> Bearer:
    """``@router.get(..., auth=permission("people.view"))``: every operation declares one."""
    return Bearer(name)


def require_if_match(request: HttpRequest, etag: str, what: str) -> None:
    """A change must name the version it was made from: ``If-Match`` with the ETag of the
    caller's last read. 428 when it is missing, 412 when someone changed it since (nothing is
    saved either way)."""
    if_match = request.headers.get("If-Match")
    if not if_match:
        raise HttpError(428, f"Send If-Match with the ETag from your last GET of this {what}.")
    if if_match.strip() != etag:
        raise HttpError(412, f"If-Match does not match this {what}'s ETag: someone else "
                             "changed it. Nothing was saved.")
