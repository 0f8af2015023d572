"""Write the hash-chained audit trail (ENGINEERING.md practice 6): one row in the transaction
of every change, and of every read of a child's record.

After the transaction commits, the new head is copied outside the database
(``keep_head``, to ``settings.AUDIT_HEAD_FILE``), so that ``hearth audit verify`` notices a
chain cut back and given an older genuine head, or emptied (issue 13 item 3). The copy only
ever moves forwards: every process on the machine takes the lock file beside it, reads it,
and replaces it (write a temporary file, then rename: a reader never sees half a file) only
with a newer head. Transactions commit in chain order but their callbacks may run in any
order; the lock and the comparison make that safe. It is not synced to disk on every write:
after a power cut the copy may be behind the database, which ``verify`` accepts (it fails
only when the database is behind the copy or differs from it).
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from hearth.access.middleware import current_request_meta, note_audited
from hearth.access.models import AuditEntry, AuditHead
from hearth.access.rules import GENESIS, Head, entry_mac, head_mac, head_text, parse_head


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
    note_audited()
    head.seq, head.mac = entry.seq, entry.mac
    head.head_mac = head_mac(head.seq, head.mac)
    head.save()
    kept = Head(head.seq, head.mac, head.head_mac)
    transaction.on_commit(lambda: keep_head(kept), robust=True)
    return entry


def record_read(action: str, *, user: Any, obj: Any = None, object_type: str = "",
                object_id: str = "", fields: dict | None = None) -> AuditEntry:
    """Audit a read (a page, an export, an API answer), in a transaction of its own: reads
    change nothing else, but the chain's head is locked and moved like any write's."""
    with transaction.atomic():
        return record(action, user=user, obj=obj, object_type=object_type,
                      object_id=object_id, fields=fields)


def keep_head(head: Head, path: Path | None = None) -> bool:
    """Copy ``head`` outside the database unless the copy there is as new already (race-safe
    across processes: see the module's docstring). True when it wrote."""
    path = Path(path or settings.AUDIT_HEAD_FILE)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            kept = parse_head(path.read_text())
        except FileNotFoundError:
            kept = None
        if kept is not None and kept.seq >= head.seq:
            return False
        fd, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        with os.fdopen(fd, "w") as out:
            out.write(head_text(head))
        os.replace(temporary, path)
        return True
    finally:
        os.close(lock)  # releases the lock
