"""A user's own second factor at sign-in (issue 13, OWASP ASVS 5.0 level 2).

After the password, every role proves it is them with something they have: the code of an
authenticator app (TOTP, django-otp's ``TOTPDevice``), a passkey (``django_otp_webauthn``:
``actions.passkeys``) or, when neither is to hand, one of their recovery codes (django-otp's
``StaticDevice``, each code working once). A user without one sets one up at their first
sign-in; confirming the first gives them their recovery codes, shown once.

Every attempt is audited in the transaction that decides it: a wrong, reused or throttled code
is written (with django-otp's throttle count, which makes each next try wait 1, 2, 4 … seconds)
and committed before the refusal is raised, so a refusal never takes its record with it.
"""

from __future__ import annotations

import time
from binascii import unhexlify
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from hearth.access.actions import audit
from hearth.access.models import User
from hearth.access.queries import second_factor_devices
from hearth.access.rules import recovery_code_digest, recovery_code_shown, totp_code_reused
from hearth.core.refusals import Refused, Why

TOTP_NAME = "Authenticator app"
RECOVERY_NAME = "Recovery codes"
WRONG_CODE = "The code is not right. Enter the code your authenticator app shows now"
REUSED_CODE = ("You have already used that code. Wait for your authenticator app to show a "
               "new code, then enter it")


@dataclass
class Enrolled:
    """A device just set up, and the recovery codes made with the user's first (else None)."""

    device: Device
    recovery_codes: list[str] | None


def new_totp_key() -> str:
    """A new authenticator app's secret (20 random bytes, as hex), kept in the session until
    the user confirms it with a code: nothing is stored before then."""
    return random_hex(20)


def totp_url(user: User, key: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=key).config_url


def _wait(devices) -> int:
    """Seconds until django-otp's throttle lets the next code be tried."""
    until = [data["locked_until"] for allowed, data in (d.verify_is_allowed() for d in devices)
             if not allowed and data and "locked_until" in data]
    return max(1, int((max(until) - timezone.now()).total_seconds()) + 1) if until else 1


def _throttled(devices) -> str:
    return (f"Too many wrong codes. Wait {_wait(devices)} seconds, then enter the code "
            "your authenticator app shows")


def _refuse_unless(outcome, field: str = "code"):
    if isinstance(outcome, str):
        raise Refused(outcome, field)
    return outcome


# --- setting up an authenticator app -----------------------------------------------------

def do_enrol_totp(user: User, *, key: str, code: str) -> Enrolled:
    """Confirm a new authenticator app with a code it shows (a step either side is accepted);
    the device is stored only now, with that step used, so the same code cannot sign in."""
    return _refuse_unless(_enrol_totp(user, key, code))


@transaction.atomic
def _enrol_totp(user: User, key: str, code: str) -> Enrolled | str:
    totp = TOTP(unhexlify(key.encode()))
    totp.time = time.time()
    if not (code.isascii() and code.isdigit()) or not totp.verify(int(code), tolerance=1):
        audit.record("second_factor_enrol_failed", user=user, obj=user,
                     fields={"method": "totp"})
        return WRONG_CODE
    first = not second_factor_devices(user)
    device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, key=key, confirmed=True,
                                       last_t=totp.t(), drift=totp.drift)
    return Enrolled(device, enrolled(user, device, method="totp", first=first))


def enrolled(user: User, device: Device, *, method: str, first: bool) -> list[str] | None:
    """Audit a device just set up (inside its transaction); with the user's first, make their
    recovery codes and answer them (to be shown once)."""
    audit.record("second_factor_enrolled", user=user, obj=user,
                 fields={"method": method, "device": device.persistent_id, "first": first})
    return _make_recovery_codes(user, acting_user=user) if first else None


# --- signing in with the second factor ---------------------------------------------------

def do_verify_code(user: User, code: str) -> TOTPDevice:
    """The authenticator app's code at sign-in: the device that accepted it, or refused
    (wrong, reused or throttled; each audited and counted by django-otp's throttle)."""
    return _refuse_unless(_verify_code(user, code))


@transaction.atomic
def _verify_code(user: User, code: str) -> TOTPDevice | str:
    devices = list(TOTPDevice.objects.devices_for_user(user, confirmed=True)
                   .select_for_update().order_by("pk"))
    if not devices:
        return "You have no authenticator app set up. Use a passkey or a recovery code"
    allowed = [d for d in devices if d.verify_is_allowed()[0]]
    if not allowed:
        audit.record("second_factor_failed", user=user, obj=user,
                     fields={"method": "totp", "why": "throttled"})
        return _throttled(devices)
    for device in allowed:
        if device.verify_token(code):
            audit.record("second_factor_verified", user=user, obj=user,
                         fields={"method": "totp", "device": device.persistent_id})
            return device
    reused = any(totp_code_reused(key=d.bin_key, code=code, last_t=d.last_t, at=time.time(),
                                  step=d.step, digits=d.digits, drift=d.drift,
                                  tolerance=d.tolerance) for d in allowed)
    audit.record("second_factor_failed", user=user, obj=user, fields={
        "method": "totp", "why": "reused" if reused else "wrong",
        "failures": max(d.throttling_failure_count for d in allowed)})
    return REUSED_CODE if reused else WRONG_CODE


def do_use_recovery_code(user: User, code: str) -> tuple[StaticDevice, int]:
    """Sign in with a recovery code, which then no longer works: the recovery codes' device
    and the number left, or refused (audited, throttled like a wrong code)."""
    return _refuse_unless(_use_recovery_code(user, code))


@transaction.atomic
def _use_recovery_code(user: User, code: str) -> tuple[StaticDevice, int] | str:
    device = (StaticDevice.objects.devices_for_user(user, confirmed=True)
              .select_for_update().first())
    if device is None:
        audit.record("second_factor_failed", user=user, obj=user,
                     fields={"method": "recovery_code", "why": "none"})
        return "You have no recovery codes. Ask an administrator to reset your second factor"
    if not device.verify_is_allowed()[0]:
        audit.record("second_factor_failed", user=user, obj=user,
                     fields={"method": "recovery_code", "why": "throttled"})
        return (f"Too many wrong codes. Wait {_wait([device])} seconds, then enter a "
                "recovery code")
    if device.verify_token(recovery_code_digest(code)):
        left = device.token_set.count()
        audit.record("recovery_code_used", user=user, obj=user, fields={"left": left})
        return device, left
    audit.record("second_factor_failed", user=user, obj=user, fields={
        "method": "recovery_code", "why": "wrong", "failures": device.throttling_failure_count})
    return "That recovery code is not right, or has been used. Check it and try again"


# --- the user's own devices and recovery codes --------------------------------------------

def _make_recovery_codes(user: User, *, acting_user: User) -> list[str]:
    # The device stays (a session that passed with a recovery code stays passed); its codes
    # are replaced, and its throttle starts again.
    device = StaticDevice.objects.filter(user=user).order_by("pk").first() or StaticDevice(
        user=user, name=RECOVERY_NAME)
    device.confirmed = True
    device.throttle_reset(commit=False)
    device.save()
    device.token_set.all().delete()
    codes: set[str] = set()
    while len(codes) < settings.HEARTH_RECOVERY_CODES:
        codes.add(StaticToken.random_token())
    StaticToken.objects.bulk_create(StaticToken(device=device, token=recovery_code_digest(c))
                                    for c in codes)
    audit.record("recovery_codes_made", user=acting_user, obj=user,
                 fields={"count": len(codes)})
    return sorted(recovery_code_shown(c) for c in codes)


def _must_be_verified(verified: bool) -> None:
    if not verified:
        raise Refused("Sign in with your second factor first", why=Why.FORBIDDEN)


@transaction.atomic
def do_make_recovery_codes(user: User, *, verified: bool) -> list[str]:
    """New recovery codes in place of the old (which stop working), for a user who has
    passed their second factor in this session."""
    _must_be_verified(verified)
    if not second_factor_devices(user):
        raise Refused("Set up an authenticator app or a passkey first", why=Why.STATE)
    return _make_recovery_codes(user, acting_user=user)


@transaction.atomic
def do_remove_device(user: User, *, device_id: str, verified: bool) -> str:
    """Remove one of the user's own authenticator apps or passkeys (never their last one);
    answers what it was."""
    _must_be_verified(verified)
    User.objects.select_for_update().get(pk=user.pk)  # one removal at a time per user
    devices = second_factor_devices(user)
    device = next((d for d in devices if d.persistent_id == device_id), None)
    if device is None:
        raise Refused("Choose one of your own authenticator apps or passkeys", "device")
    if len(devices) <= 1:
        raise Refused("You cannot remove your only authenticator app or passkey. Add another "
                      "one first", "device", why=Why.STATE)
    what = "authenticator app" if isinstance(device, TOTPDevice) else "passkey"
    device.delete()
    audit.record("second_factor_removed", user=user, obj=user,
                 fields={"method": "totp" if what == "authenticator app" else "passkey",
                         "device": device_id})
    return what
