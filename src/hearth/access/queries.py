"""Who works here, whether the audit trail is whole, and how each user proves it is them.

Who works here: the active staff whose role carries a permission, and the choice of a
colleague on a form (the second worker on a check-in, a visit plan or a visit, R-SAFE-2)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import QuerySet
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from hearth.access.models import AuditEntry, AuditHead, User
from hearth.access.rules import GENESIS, PERMISSIONS, Head, entry_mac, parse_head


def staff_with(permission: str, *, exclude_id: int | None = None) -> QuerySet[User]:
    """Active users whose role carries ``permission`` (without ``exclude_id``)."""
    roles = [role for role, perms in PERMISSIONS.items() if permission in perms]
    users = User.objects.filter(is_active=True, role__in=roles)
    return users.exclude(pk=exclude_id) if exclude_id is not None else users


def colleague_choices(permission: str, exclude_id: int | None, *,
                      nobody: str) -> list[tuple[str, str]]:
    """A form's choices of a colleague with ``permission``, after ``nobody`` (the empty
    choice): "Name (Team)", by name."""
    users = (staff_with(permission, exclude_id=exclude_id).select_related("team")
             .order_by("first_name", "last_name", "username"))
    return [("", nobody)] + [
        (str(u.pk), f"{u.display_name} ({u.team.name})" if u.team else u.display_name)
        for u in users]


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    #: The database's head when the chain is whole (for ``hearth audit verify`` to keep).
    head: Head | None = None
    #: What the head kept outside the database said (issue 13 item 3).
    kept: str = ""


class KeptHeadUnreadable(Exception):
    pass


def kept_head(path: Path | None = None) -> Head | None:
    """The copy of the chain's head kept outside the database (None: none kept yet)."""
    path = Path(path or settings.AUDIT_HEAD_FILE)
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeptHeadUnreadable(f"the head kept at {path} cannot be read ({exc})") from exc
    head = parse_head(text)
    if head is None or not head.genuine():
        raise KeptHeadUnreadable(f"the head kept at {path} was changed")
    return head


def verify(batch: int = 5000, *, kept_at: Path | None = None) -> VerifyResult:
    """Walk the chain in order; name the first entry changed, removed or reordered; then
    compare the end of the chain with its head in the database and with the copy kept outside
    the database, which is read first (it is written after its entry commits, so the walk
    that follows sees that entry)."""
    try:
        kept = kept_head(kept_at)
    except KeptHeadUnreadable as exc:
        return VerifyResult(False, 0, str(exc))
    result = _walk(batch, kept)
    if result.ok:
        result.kept = ("no head is kept outside the database yet" if kept is None
                       else f"the chain reaches the head kept outside the database "
                            f"(entry {kept.seq})")
    return result


def _walk(batch: int, kept: Head | None) -> VerifyResult:
    prev_mac = GENESIS
    expected_seq = 1
    checked = 0
    last_seq = 0
    qs = AuditEntry.objects.order_by("seq")
    for entry in qs.iterator(chunk_size=batch):
        if entry.seq != expected_seq:
            if entry.seq > expected_seq:
                return VerifyResult(False, checked, f"entry {expected_seq} is missing "
                                    f"(removed); the next entry is {entry.seq}")
            return VerifyResult(False, checked, f"entry {entry.seq} is out of order")
        if entry.prev_mac != prev_mac:
            return VerifyResult(False, checked, f"entry {entry.seq} does not follow entry "
                                f"{entry.seq - 1} (removed or reordered)")
        if not hmac.compare_digest(entry_mac(prev_mac, entry), entry.mac):
            return VerifyResult(False, checked, f"entry {entry.seq} was changed "
                                f"({entry.action} {entry.object_type} at {entry.at.isoformat()})")
        if kept is not None and entry.seq == kept.seq and entry.mac != kept.mac:
            return VerifyResult(False, checked, f"entry {entry.seq} differs from the head kept "
                                f"outside the database (the chain was rewritten from there "
                                f"or before)")
        prev_mac = entry.mac
        last_seq = entry.seq
        expected_seq += 1
        checked += 1
    if kept is not None and last_seq < kept.seq:
        return VerifyResult(False, checked, f"the chain ends at entry {last_seq} but the head "
                            f"kept outside the database names entry {kept.seq}: entries "
                            f"{last_seq + 1} to {kept.seq} were removed")
    head = AuditHead.objects.filter(id=1).first()
    if head is None:
        if checked:
            return VerifyResult(False, checked, "the chain head is missing")
        return VerifyResult(True, 0)
    found = Head(head.seq, head.mac, head.head_mac)
    if not found.genuine():
        return VerifyResult(False, checked, "the chain head was changed")
    if head.seq != last_seq or head.mac != prev_mac:
        return VerifyResult(False, checked, f"entry {last_seq + 1} is missing (removed); "
                            f"the chain head names entry {head.seq}")
    return VerifyResult(True, checked, head=found if head.seq else None)


# --- the second factor at sign-in (issue 13) ------------------------------------------------

def second_factor_devices(user) -> list:
    """The user's confirmed authenticator apps and passkeys, oldest first (recovery codes are
    not a device of their own: they stand in for one)."""
    devices = [*TOTPDevice.objects.devices_for_user(user, confirmed=True),
               *WebAuthnCredential.objects.devices_for_user(user, confirmed=True)]
    return sorted(devices, key=lambda d: (d.created_at is None, d.created_at, d.pk))


def has_passkey(user) -> bool:
    return WebAuthnCredential.objects.devices_for_user(user, confirmed=True).exists()


def has_authenticator_app(user) -> bool:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
