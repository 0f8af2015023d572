"""Passkeys (WebAuthn) as a second factor (issue 13): what Hearth writes around
django-otp-webauthn's ceremonies (``access.views.passkeys``), each in the transaction of the
ceremony it records. Passkeys never sign anyone in without their password
(``OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False``)."""

from __future__ import annotations

from django.db import transaction
from django_otp_webauthn.models import WebAuthnCredential

from hearth.access.actions import audit
from hearth.access.actions.second_factor import enrolled
from hearth.access.models import User
from hearth.access.queries import second_factor_devices

PASSKEY_NAME = "Passkey"


def first_device(user: User) -> bool:
    """Whether a passkey registered now would be the user's first second factor (asked
    before the ceremony stores it)."""
    return not second_factor_devices(user)


def record_enrolled(user: User, credential: WebAuthnCredential, *,
                    first: bool) -> list[str] | None:
    """A passkey just registered (inside the ceremony's transaction): named, audited, and with
    the user's first, their recovery codes made (answered, to be shown once)."""
    if not credential.name:
        credential.name = PASSKEY_NAME
        credential.save(update_fields=["name"])
    return enrolled(user, credential, method="passkey", first=first)


def record_verified(user: User, credential: WebAuthnCredential) -> None:
    """A passkey proved it is them (inside the ceremony's transaction)."""
    audit.record("second_factor_verified", user=user, obj=user,
                 fields={"method": "passkey", "device": credential.persistent_id})


@transaction.atomic
def record_failed(user: User, *, why: str, registering: bool = False) -> None:
    """A passkey ceremony that did not complete (its own transaction: the ceremony's was
    rolled back): a passkey that did not prove it is them, or one that could not be set up."""
    audit.record("second_factor_enrol_failed" if registering else "second_factor_failed",
                 user=user, obj=user, fields={"method": "passkey", "why": why[:60]})
