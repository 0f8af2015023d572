"""Write and verify the hash-chained audit trail (ENGINEERING.md practice 6)."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hearth.access.context import current_request_meta
from hearth.access.models import AuditEntry, AuditHead

GENESIS = "0" * 64


def _key() -> bytes:
    return hashlib.sha256(("hearth-audit:" + settings.AUDIT_HMAC_KEY).encode()).digest()


def canonical(entry: AuditEntry) -> bytes:
    body = {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "user": entry.user_id_snapshot,
        "username": entry.username,
        "ip": entry.ip,
        "ua": entry.user_agent,
        "action": entry.action,
        "type": entry.object_type,
        "id": entry.object_id,
        "fields": entry.fields,
        "reason": entry.reason,
    }
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()


def entry_mac(prev_mac: str, entry: AuditEntry) -> str:
    return hmac.new(_key(), prev_mac.encode() + b"|" + canonical(entry), hashlib.sha256).hexdigest()


def head_mac(seq: int, mac: str) -> str:
    return hmac.new(_key(), f"head|{seq}|{mac}".encode(), hashlib.sha256).hexdigest()


def record(
    action: str,
    *,
    user: Any = None,
    obj: Any = None,
    object_type: str = "",
    object_id: str = "",
    fields: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Append one entry. Must run inside the transaction of the change it records."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit.record must be called inside the change's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    ip, user_agent = current_request_meta()
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1)
    entry = AuditEntry(
        seq=head.seq + 1,
        at=timezone.now(),
        user_id_snapshot=getattr(user, "pk", None),
        username=getattr(user, "username", "") or "",
        ip=ip,
        user_agent=user_agent[:300],
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        fields=json.loads(json.dumps(fields or {}, default=str)),
        reason=reason,
        prev_mac=head.mac or GENESIS,
    )
    entry.mac = entry_mac(entry.prev_mac, entry)
    entry.save()
    head.seq, head.mac = entry.seq, entry.mac
    head.head_mac = head_mac(head.seq, head.mac)
    head.save()
    return entry


def record_read(action: str, *, user: Any, obj: Any, fields: dict | None = None) -> AuditEntry:
    """Audit a read (a page, an export, an API answer), in a transaction of its own: reads
    change nothing else, but the chain's head is locked and moved like any write's."""
    with transaction.atomic():
        return record(action, user=user, obj=obj, fields=fields)


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
