"""Write the hash-chained audit trail (ENGINEERING.md practice 6): one row in the transaction
of every change, and of every read of a child's record."""

from __future__ import annotations

import json
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.access.middleware import current_request_meta
from hearth.access.models import AuditEntry, AuditHead
from hearth.access.rules import GENESIS, entry_mac, head_mac


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
