"""Who works here, and whether the audit trail is whole.

Who works here: the active staff whose role carries a permission, and the choice of a
colleague on a form (the second worker on a check-in, a visit plan or a visit, R-SAFE-2)."""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from django.db.models import QuerySet

from hearth.access.models import AuditEntry, AuditHead, User
from hearth.access.rules import GENESIS, PERMISSIONS, entry_mac, head_mac


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


def verify(batch: int = 5000) -> VerifyResult:
    """Walk the chain in order; name the first entry changed, removed or reordered."""
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
        prev_mac = entry.mac
        last_seq = entry.seq
        expected_seq += 1
        checked += 1
    head = AuditHead.objects.filter(id=1).first()
    if head is None:
        if checked:
            return VerifyResult(False, checked, "the chain head is missing")
        return VerifyResult(True, 0)
    if not hmac.compare_digest(head_mac(head.seq, head.mac), head.head_mac):
        return VerifyResult(False, checked, "the chain head was changed")
    if head.seq != last_seq or head.mac != prev_mac:
        return VerifyResult(False, checked, f"entry {last_seq + 1} is missing (removed); "
                            f"the chain head names entry {head.seq}")
    return VerifyResult(True, checked)
