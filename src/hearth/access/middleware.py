"""The request an action runs under (so audit rows know where a change came from), cache and
security headers, the session's absolute lifetime, the second factor at sign-in (issue 13),
``Idempotency-Key`` on API writes (issue 13 item 11), and the audit of every read that
names a person (issue 13 item 3).

Every read of a record about a person is audited: the views that show one write a row of their
own (``audit.record_read``: what was read, of whom). Every other answer is audited here, once
per request, when it wrote no audit row of its own:

- a GET answered 200 whose address names a record (``/people/<id>/family``,
  ``/api/v1/contacts/<id>``) or a person (``?person=``) writes ``view_page``: of the person when
  the address names one, otherwise of the record the route names (``object_type`` the route's
  name, ``object_id`` its arguments);
- any other GET or POST answered 200 that shows people (a caseload, search results, the
  front-door queue, the MASH requests, a dashboard, an API list) writes one ``view_list`` row
  listing them. (A refused write re-shows a form already shown, and writes nothing.)

Who was shown: the people the request loaded (``note_person_loaded``, which the people app
calls for every ``Person`` read from the database) whose id or name is in the answer. One row
per request, listing the ids, keeps the trail's size proportional to what users do, not to
the length of their lists (a caseload of forty is one row, not forty), and the page's query
count does not grow with the list. ``tests/access/test_read_audit.py`` walks every route to
prove it."""

from __future__ import annotations

import html
import json
import time
from contextvars import ContextVar

from django.conf import settings
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware

from hearth.access.rules import client_address, second_factor_required
from hearth.core import idempotency, visibility
from hearth.core.compiled import compiled
from hearth.core.problems import problem_body
from hearth.core.refusals import Refused

_meta: ContextVar[tuple[str, str]] = ContextVar("hearth_request_meta", default=("", ""))
#: How many audit rows this request has written (None outside a request).
_audited: ContextVar[list[int] | None] = ContextVar("hearth_request_audited", default=None)
#: The people this request loaded: id -> the name a page shows, or None for a person a view
#: says it showed (None outside a request).
_loaded: ContextVar[dict[str, str | None] | None] = ContextVar("hearth_request_people",
                                                               default=None)


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


def note_person_loaded(pk, name: str) -> None:
    """A person's record was read from the database (in this request, if there is one)."""
    loaded = _loaded.get()
    if loaded is not None and pk is not None:
        loaded.setdefault(str(pk), name)


def note_people_shown(ids) -> None:
    """A view showed these people from a copy of their details (the subjects of a MASH
    request, a notification's person) rather than from their records."""
    loaded = _loaded.get()
    if loaded is not None:
        loaded.update((str(pk), None) for pk in ids)


def people_shown(response, loaded: dict[str, str | None]) -> list[str]:
    """The ids of the ``loaded`` people whose id or name the answer shows, and of those a view
    said it showed."""
    if not loaded or response.streaming or not response.content:
        return []
    if all(name is None for name in loaded.values()):
        return sorted(loaded)
    text = response.content.decode(response.charset or "utf-8", "replace")
    kind = response.get("Content-Type", "")
    if "json" in kind:
        try:
            text = json.dumps(json.loads(text), ensure_ascii=False)
        except ValueError:
            pass
    elif "html" in kind:
        text = html.unescape(text)
    text = " ".join(text.split())
    return sorted(pk for pk, name in loaded.items()
                  if name is None or pk in text or (name and name in text))


def _reader(request):
    user = getattr(request, "auth", None) or getattr(request, "user", None)
    return user if getattr(user, "is_authenticated", False) else None


#: The answers audited here: reads, and searches (sent as POST so that their terms stay out
#: of URLs and logs). A refused write (4xx) shows no one it had not shown before, and writes
#: nothing, not even an audit row.
READS = ("GET", "HEAD", "POST")


def audit_unaudited_read(request, response, written: int,
                         loaded: dict[str, str | None] | None = None) -> None:
    """The audit of the module's docstring, for an answer that wrote no audit row."""
    user = _reader(request)
    if written or user is None or response.status_code != 200 or request.method not in READS:
        return
    from hearth.access.actions.audit import record_read

    match = getattr(request, "resolver_match", None)
    page = match.view_name if match is not None else ""
    shown = people_shown(response, loaded or {})
    named = {key: str(value) for key, value in match.kwargs.items()} if match else {}
    if request.GET.get("person"):
        named["person"] = request.GET["person"][:64]
    if named and request.method in ("GET", "HEAD"):
        people = {"people": shown} if shown else {}
        person = named.get("person_id") or named.get("person")
        if person:
            record_read("view_page", user=user, object_type="people.person", object_id=person,
                        fields={"page": page, **named, **people})
        else:
            record_read("view_page", user=user, object_type=page[:60],
                        object_id=",".join(named.values())[:64],
                        fields={"page": page, **named, **people})
    elif shown:
        record_read("view_list", user=user, object_type="people.person",
                    fields={"page": page or request.path[:200], "people": shown})


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
        loaded: dict[str, str | None] = {}
        counting, loading = _audited.set(written), _loaded.set(loaded)
        try:
            with visibility.scopes_remembered():
                response = self.get_response(request)
                audit_unaudited_read(request, response, written[0], loaded)
        finally:
            _loaded.reset(loading)
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


@compiled
def _totp_device(p):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(pk=p.integer("device"))


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware (is this session's second factor passed, and with which
    device), the authenticator app's device read by a query compiled once a process: every
    signed-in request asks (issue 14). Other kinds of device are read as django-otp reads
    them."""

    def _device_from_persistent_id(self, persistent_id: str):
        label, _, device_id = self._normalize_persistent_id(persistent_id).rpartition("/")
        if label == "otp_totp.totpdevice" and device_id.isdigit():
            return _totp_device.first(device=int(device_id))
        return super()._device_from_persistent_id(persistent_id)


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


class IdempotencyMiddleware:
    """Every write under ``/api/v1`` accepts an ``Idempotency-Key`` (``core.idempotency``,
    issue 13 item 11): a retry with the same key and the same request gets the first answer
    again, marked ``Idempotent-Replayed: true``, and writes nothing. Applied here, once, for
    every operation; without a valid bearer token the request goes on to be refused (401)."""

    PREFIX = "/api/v1/"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        value = request.headers.get(idempotency.HEADER)
        if (value is None or request.method not in idempotency.WRITE_METHODS
                or not request.path.startswith(self.PREFIX)):
            return self.get_response(request)
        user = _bearer_user(request)
        if user is None:
            return self.get_response(request)
        from hearth.access.actions import idempotency as keys

        try:
            key = idempotency.read_key(value)
            if len(request.path) > idempotency.MAX_PATH:
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
