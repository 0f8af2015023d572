"""The request an action runs under (so audit rows know where a change came from), cache and
security headers, and the session's absolute lifetime."""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse

from hearth.access.rules import client_address

_meta: ContextVar[tuple[str, str]] = ContextVar("hearth_request_meta", default=("", ""))


def set_request_meta(ip: str, user_agent: str):
    return _meta.set((ip, user_agent))


def reset_request_meta(token) -> None:
    _meta.reset(token)


def current_request_meta() -> tuple[str, str]:
    return _meta.get()


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
        try:
            response = self.get_response(request)
        finally:
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
