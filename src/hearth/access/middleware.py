"""The request an action runs under (so audit rows know where a change came from), cache and
security headers, the session's absolute lifetime, and the audit of every read that names a
record (issue 13 item 3).

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
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from hearth.access.rules import client_address

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


class IdempotencyMiddleware:
    """Every write under ``/api/v1`` accepts an ``Idempotency-Key`` (``core.idempotency``,
    issue 13 item 11): a retry with the same key and the same request gets the first answer
    again, marked ``Idempotent-Replayed: true``, and writes nothing. Applied here, once, for
    every operation; without a valid bearer token the request goes on to be refused (401)."""

    PREFIX = "/api/v1/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from hearth.core import idempotency

        value = request.headers.get(idempotency.HEADER)
        if (value is None or request.method not in idempotency.WRITE_METHODS
                or not request.path.startswith(self.PREFIX)):
            return self.get_response(request)
        user = _bearer_user(request)
        if user is None:
            return self.get_response(request)
        from hearth.access.actions import idempotency as keys
        from hearth.core.problems import problem_body
        from hearth.core.refusals import Refused

        try:
            key = idempotency.read_key(value)
            if len(request.path) > keys.IdempotencyKey._meta.get_field("path").max_length:
                raise Refused("This path is too long to be kept with a key.",
                              idempotency.HEADER)
            claim = keys.claim(user=user, method=request.method, path=request.path, key=key,
                               fingerprint=idempotency.fingerprint(
                                   request.META.get("QUERY_STRING", ""), request.body))
        except Refused as refusal:
            claim = keys.Claim(answer=refusal)
        if isinstance(claim.answer, Refused):
            return JsonResponse(problem_body(claim.answer), status=claim.answer.api_status)
        if claim.answer is not None:
            return claim.answer
        assert claim.run is not None
        try:
            response = self.get_response(request)
        except BaseException:
            keys.release(claim.run)
            raise
        if idempotency.is_kept(response.status_code) and not response.streaming:
            keys.keep(claim.run, response)
        else:
            keys.release(claim.run)
        return response


def _bearer_user(request):
    """The active user whose API token the request carries, or None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    from hearth.access.actions.users import user_for_token

    return user_for_token(token.strip())
