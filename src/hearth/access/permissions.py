"""Every route declares its permission; ``tests/access/test_routes.py`` proves it.

Pages use ``@requires("people.view")`` (or ``@public``) as their outermost decorator; API
operations pass ``auth=permission("people.view")``: a bearer token whose user's role grants it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer

from hearth.access.rules import refusal

PUBLIC = "public"
SIGNED_IN = "signed_in"


def _mark(func: Callable, permission: str) -> Callable:
    func.hearth_permission = permission  # type: ignore[attr-defined]
    return func


def public(view: Callable) -> Callable:
    """A page anyone may open (sign-in, health check)."""
    return _mark(view, PUBLIC)


def before_second_factor(view: Callable) -> Callable:
    """A signed-in page a user may open before passing their second factor (the pages that
    ask for it or set it up, and signing out); every other page sends them there first
    (``access.middleware.SecondFactorMiddleware``)."""
    view.hearth_before_second_factor = True  # type: ignore[attr-defined]
    return view


def requires(permission: str) -> Callable[[Callable], Callable]:
    """Page decorator: sign-in required, then the role must grant ``permission``."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(request, *args: Any, **kwargs: Any):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if permission != SIGNED_IN and not user.has_hearth_permission(permission):
                raise PermissionDenied(refusal(user.role, permission))
            return view(request, *args, **kwargs)

        return _mark(wrapped, permission)

    return decorator


def require(user, permission: str) -> None:
    if not user.has_hearth_permission(permission):
        raise PermissionDenied(refusal(user.role, permission))


# --- the API ------------------------------------------------------------------------------

class Bearer(HttpBearer):
    """Bearer-token authentication that also checks the operation's declared permission,
    before the request body is read (so a role without it gets 403, never a 422)."""

    def __init__(self, permission: str | None):
        super().__init__()
        self.permission = permission

    def authenticate(self, request: HttpRequest, token: str):
        from hearth.access.actions.users import token_for
        from hearth.access.rules import token_allows

        row = token_for(token)
        if row is None:
            return None
        user = row.user
        if self.permission is None:
            raise HttpError(403, "This operation declares no permission.")
        if not token_allows(row.scope, request.method or ""):
            raise HttpError(403, "This token may only read: issue a read-and-write token "
                                 "to change records.")
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
