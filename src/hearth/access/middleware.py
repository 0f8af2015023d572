"""The request an action runs under (so audit rows know where a change came from), cache and
security headers, the session's absolute lifetime, the second factor at sign-in (issue 13), and
the audit of every read that names a record (issue 13 item 3).

Every read of a record about a person is audited: the views that show one write a row of their
own (``audit.record_read``: what was read, of whom). As a safety net, a GET answered 200 whose
address names a record (``/people/<id>/family``, ``/api/v1/contacts/<id>``) or a person
(``?person=``) and that wrote no audit row writes one here (``view_page``): of the person when
the address names one, otherwise of the record the route names (``object_type`` the route's
name, ``object_id`` its arguments). ``tests/access/test_read_audit.py`` walks every route to
prove it."""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from hearth.access.rules import client_address, second_factor_required

_meta: ContextVar[tuple[str, str]] = ContextVar("hearth_request_meta", default=("", ""))
#: How many audit rows this request has written (None outside a request).
_audited: ContextVar[list[int] | None] = ContextVar("hearth_request_audited", default=None)


def set_request_meta(ip: str, user_agent: str):
    return _meta.set((ip, user_agent))


def reset_request_meta(token) -> None:
    _meta.reset(token)


def current_request_meta() -> tuple[str, str]:
    return _meta.get()


def note_audited() -> None:
    """An audit row was written (in this request, if there is one)."""
    count = _audited.get()
    if count is not None:
        count[0] += 1


def _reader(request):
    user = getattr(request, "auth", None) or getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


def audit_unaudited_read(request, response, written: int) -> None:
    """The safety net of the module's docstring."""
    match = getattr(request, "resolver_match", None)
    if (written or request.method not in ("GET", "HEAD") or response.status_code != 200
            or match is None):
        return
    named = {key: str(value) for key, value in match.kwargs.items()}
    if request.GET.get("person"):
        named["person"] = request.GET["person"][:64]
    user = _reader(request)
    if not named or user is None:
        return
    from hearth.access.actions.audit import record_read

    person = named.get("person_id") or named.get("person")
    if person:
        record_read("view_page", user=user, object_type="people.person", object_id=person,
                    fields={"page": match.view_name, **named})
    else:
        record_read("view_page", user=user, object_type=match.view_name[:60],
                    object_id=",".join(named.values())[:64], fields={"page": match.view_name,
                                                                     **named})


def client_ip(request) -> str:
    """The client's address; X-Forwarded-For counts only from HEARTH_TRUSTED_PROXIES."""
    return client_address(request.META.get("REMOTE_ADDR", ""),
                          request.META.get("HTTP_X_FORWARDED_FOR", ""),
                          settings.TRUSTED_PROXIES)


class RequestContextMiddleware:
    """Makes the caller's IP and user agent available to audit rows; no-store on records."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_request_meta(client_ip(request), request.META.get("HTTP_USER_AGENT", ""))
        written = [0]
        counting = _audited.set(written)
        try:
            response = self.get_response(request)
            audit_unaudited_read(request, response, written[0])
        finally:
            _audited.reset(counting)
            reset_request_meta(token)
        if not request.path.startswith(settings.STATIC_URL):
            # Record pages and API answers must never sit in a shared or browser cache.
            response["Cache-Control"] = "no-store"
            response["Pragma"] = "no-cache"
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class SessionTimeoutMiddleware:
    """Absolute session lifetime; the idle timeout is SESSION_COOKIE_AGE, renewed per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get("signed_in_at")
            now = time.time()
            if started is None:
                request.session["signed_in_at"] = now
            elif now - float(started) > settings.SESSION_ABSOLUTE_TIMEOUT:
                logout(request)
                if request.path.startswith("/api/"):
                    return self.get_response(request)
                return redirect(reverse("web:login") + "?expired=1")
        return self.get_response(request)


def second_factor_passed(user) -> bool:
    """Whether a signed-in user has passed their second factor in this session (or their role
    is exempt: ``HEARTH_SECOND_FACTOR_EXEMPT_ROLES``, never in production)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified and is_verified()) or not second_factor_required(user.role)


class SecondFactorMiddleware:
    """Issue 13: until a signed-in user has passed their second factor, every page but the
    ones that ask for it or set it up (``permissions.before_second_factor``), signing out and
    the public ones (sign-in, health) sends them to it. Static files are served before this
    runs, and the API (bearer tokens, ``/api/``) is not signed into with a session at all.
    Runs after django-otp's ``OTPMiddleware``, which says whether the session is verified."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (request.path.startswith("/api/")
                or getattr(view_func, "hearth_permission", None) == "public"
                or getattr(view_func, "hearth_before_second_factor", False)):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or second_factor_passed(user):
            return None
        target = reverse("web:second_factor")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)
