"""The second factor at sign-in, and each user's own "Sign-in security" page (issue 13).

After the password (``web.views.auth.sign_in``) a user with an authenticator app or a passkey
is asked for it here; one without is asked to set one up. Until then every other page sends
them here (``access.middleware.SecondFactorMiddleware``); these pages are marked
``before_second_factor`` so that they do not.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify

import segno
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from hearth.access.actions import second_factor as actions
from hearth.access.forms import CodeForm, MethodForm, RecoveryCodeForm, RemoveDeviceForm
from hearth.access.permissions import SIGNED_IN, before_second_factor, requires
from hearth.access.queries import (
    has_authenticator_app,
    has_passkey,
    recovery_codes_left,
    second_factor_devices,
)
from hearth.core.pages import attempt, form_page
from hearth.core.refusals import Refused

PENDING_KEY = "hearth_totp_key"  # the authenticator app's secret until it is confirmed
NEW_CODES = "hearth_recovery_codes"  # recovery codes to show once
PASSKEY_ADDED = "hearth_passkey_added"


def next_page(request) -> str:
    """Where to go once the second factor is passed: ``next`` when it is on this site."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()},
                                       require_https=request.is_secure()):
        return target
    return reverse("web:home")


def _with_next(request, name: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    return reverse(name) + ("?" + urlencode({"next": target}) if target else "")


def passed(request, device):
    """Mark this session as having passed its second factor (django-otp's login), with a new
    session key, then go on."""
    otp_login(request, device)
    request.session.cycle_key()
    return redirect(next_page(request))


def _verified(request) -> bool:
    return bool(request.user.is_verified())


def _must_verify_first(request):
    """Adding a second factor to an account that has one needs that one first (a password
    alone must never be enough to add a device)."""
    if not _verified(request) and second_factor_devices(request.user):
        return redirect(_with_next(request, "web:second_factor"))
    return None


@before_second_factor
@requires(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """"Enter the code from your authenticator app" (or use a passkey, or a recovery code)."""
    user = request.user
    if _verified(request):
        return redirect(next_page(request))
    if not second_factor_devices(user):
        return redirect(_with_next(request, "web:second_factor_set_up"))
    return form_page(
        request, "access/second_factor.html",
        {"next": request.POST.get("next") or request.GET.get("next", ""),
         "has_app": has_authenticator_app(user), "has_passkey": has_passkey(user),
         "recovery_link": _with_next(request, "web:recovery_code")},
        CodeForm(request.POST or None),
        lambda data: actions.do_verify_code(user, data["code"]),
        lambda device: passed(request, device))


@before_second_factor
@requires(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def recovery_code(request):
    user = request.user
    if _verified(request):
        return redirect(next_page(request))

    def done(used: tuple[StaticDevice, int]):
        device, left = used
        messages.success(request, f"You signed in with a recovery code. You have {left} left"
                         + (": make new ones on your Sign-in security page." if left <= 3
                            else "."))
        return passed(request, device)

    return form_page(
        request, "access/recovery_code.html",
        {"next": request.POST.get("next") or request.GET.get("next", ""),
         "back": _with_next(request, "web:second_factor")},
        RecoveryCodeForm(request.POST or None),
        lambda data: actions.do_use_recovery_code(user, data["code"]), done)


@before_second_factor
@requires(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def set_up(request):
    """Choose an authenticator app or a passkey."""
    if (stop := _must_verify_first(request)) is not None:
        return stop
    form = MethodForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        return redirect(_with_next(request, "web:second_factor_app"
                                   if form.cleaned_data["method"] == "app"
                                   else "web:second_factor_passkey"))
    first = not second_factor_devices(request.user)
    return render(request, "access/set_up.html",
                  {"form": form, "first": first,
                   "next": request.POST.get("next") or request.GET.get("next", "")},
                  status=400 if form.errors else 200)


def _qr_svg(url: str) -> str:
    """The provisioning address as an inline SVG QR code (made here: no outside request)."""
    svg = segno.make(url, error="m").svg_inline(
        scale=5, border=4, title="QR code for your authenticator app", svgclass="hearth-qr",
        lineclass=None, dark="#0b0c0c", light="#ffffff")
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 (segno's SVG)


@before_second_factor
@requires(SIGNED_IN)
@require_http_methods(["GET", "POST"])
def set_up_app(request):
    """Scan the QR code (or type the secret), then confirm with a code from the app."""
    if (stop := _must_verify_first(request)) is not None:
        return stop
    user = request.user
    key = request.session.get(PENDING_KEY) or actions.new_totp_key()
    request.session[PENDING_KEY] = key
    secret = b32encode(unhexlify(key)).decode()

    def done(enrolled: actions.Enrolled):
        request.session.pop(PENDING_KEY, None)
        if not _verified(request):
            otp_login(request, enrolled.device)
            request.session.cycle_key()
        if enrolled.recovery_codes:
            request.session[NEW_CODES] = enrolled.recovery_codes
            return redirect(_with_next(request, "web:recovery_codes"))
        messages.success(request, "Your authenticator app is set up.")
        return redirect("web:sign_in_security")

    return form_page(
        request, "access/set_up_app.html",
        {"qr": _qr_svg(actions.totp_url(user, key)),
         "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
         "next": request.POST.get("next") or request.GET.get("next", "")},
        CodeForm(request.POST or None),
        lambda data: actions.do_enrol_totp(user, key=key, code=data["code"]), done)


@before_second_factor
@requires(SIGNED_IN)
@require_GET
def set_up_passkey(request):
    """Register a passkey (django-otp-webauthn's script, served from static)."""
    if (stop := _must_verify_first(request)) is not None:
        return stop
    return render(request, "access/set_up_passkey.html", {
        "done": _with_next(request, "web:passkey_added"),
        "back": _with_next(request, "web:second_factor_set_up")})


@requires(SIGNED_IN)
@require_GET
def passkey_added(request):
    """Where the page goes once its passkey is registered."""
    if not request.session.pop(PASSKEY_ADDED, False):
        return redirect("web:sign_in_security")
    if request.session.get(NEW_CODES):
        return redirect(_with_next(request, "web:recovery_codes"))
    messages.success(request, "Your passkey is set up.")
    return redirect("web:sign_in_security")


@requires(SIGNED_IN)
@require_GET
def recovery_codes(request):
    """The recovery codes just made, shown this once."""
    codes = request.session.pop(NEW_CODES, None)
    if not codes:
        return redirect("web:sign_in_security")
    return render(request, "access/recovery_codes.html",
                  {"codes": codes, "continue_to": next_page(request)})


def _security_page(request, *, status: int = 200, error: str = ""):
    user = request.user
    rows = [{"id": d.persistent_id, "added": d.created_at, "used": d.last_used_at,
             "what": "Authenticator app" if isinstance(d, TOTPDevice) else "Passkey"}
            for d in second_factor_devices(user)]
    return render(request, "access/sign_in_security.html", {
        "rows": rows, "recovery_left": recovery_codes_left(user), "error": error},
        status=status)


@requires(SIGNED_IN)
@require_GET
def sign_in_security(request):
    """The user's authenticator apps and passkeys, and their recovery codes."""
    return _security_page(request)


@requires(SIGNED_IN)
@require_POST
def remove_device(request):
    user = request.user
    form = RemoveDeviceForm(request.POST, devices=second_factor_devices(user))
    outcome = attempt(form, lambda data: actions.do_remove_device(
        user, device_id=data["device"], verified=_verified(request)))
    if outcome:
        messages.success(request, f"The {outcome.result} was removed.")
        return redirect("web:sign_in_security")
    return _security_page(request, status=outcome.status,
                          error=" ".join(form.errors.get("device", []) +
                                         form.non_field_errors()))


@requires(SIGNED_IN)
@require_POST
def new_recovery_codes(request):
    try:
        codes = actions.do_make_recovery_codes(request.user, verified=_verified(request))
    except Refused as refusal:
        return _security_page(request, status=refusal.page_status, error=refusal.message)
    request.session[NEW_CODES] = codes
    return redirect("web:recovery_codes")
