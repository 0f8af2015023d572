"""Write the audit log (ENGINEERING.md practice 6), sequenced like a transparency log (issue 14).

``record`` inserts one entry in the transaction of the change it records — committed with the
change, gone with it if it rolls back — sealed with ``content_mac`` (an HMAC of its content
and id). It takes no lock: a whole council's requests append side by side.

``sequence``, run every second by ``hearth worker``, gives the entries their places in the log:
in batches, it takes the entries not yet sequenced that it can see, oldest first (by the time
written, then id), numbers them on from the last (``seq``), links each to the one before it
with a chain MAC, adds their leaves to the RFC 6962 Merkle tree and publishes a signed head
(``AuditTreeHead``: the number of entries, the tree hash, the last chain MAC, signed with the
audit key) in the same transaction. Numbers are given at sequencing time, so commit order
needs no care: an entry whose transaction commits late (PostgreSQL allocates ids before
commit) is simply sequenced in a later batch, with a later number; none is ever skipped. One
sequencer at a time: on PostgreSQL each batch takes a transaction-scoped advisory lock (a
worker that dies mid-batch releases it with its connection, and the next tick of another
worker carries on); on SQLite the batch's transaction is the one writer (BEGIN IMMEDIATE).

After a batch commits, its head is copied outside the database (``keep_head``, to
``settings.AUDIT_HEAD_FILE``), so that ``hearth audit verify`` notices the log cut back and
given older genuine heads, or rewritten by someone holding the key (issue 13 item 3). The copy
only ever moves forwards: every process on the machine takes the lock file beside it, reads
it, and replaces it (temporary file, then rename) only with a larger head. It is not synced to
disk on every write: after a power cut the copy may be behind the database, which ``verify``
accepts.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import tempfile
import threading
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from hearth.access.middleware import current_request_meta, note_audited
from hearth.access.models import AuditEntry, AuditTreeHead, AuditTreeNode
from hearth.access.queries import KEEP_NODES_FROM, TreeReader
from hearth.access.rules import (
    CONTENT,
    GENESIS,
    Head,
    canonical,
    chain_mac,
    content_mac,
    entry_leaf,
    head_text,
    parse_head,
    sign_head,
)
from hearth.core.merkle import Frontier, complete_subtrees

log = logging.getLogger("hearth.audit")
#: The PostgreSQL advisory lock a sequencer holds for the length of one batch's transaction.
SEQUENCER_LOCK = 0x6865617274680E
BATCH = 5000


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
    current = transaction.get_connection()
    if not current.in_atomic_block:
        raise RuntimeError("audit.record must be called inside the change's transaction")
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    ip, user_agent = current_request_meta()
    entry = AuditEntry(
        id=_next_id(current),
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
    )
    entry.content_mac = content_mac(canonical([getattr(entry, name) for name in CONTENT]))
    entry.save()
    note_audited()
    return entry


#: How a read's action is named, so that a record's history of changes can leave every read
#: out (``reads()``; ``tests/access/test_read_names.py`` checks every read the code records).
READ_PREFIXES = ("view", "api_view", "export_", "download_", "read_")
READ_NAMES = frozenset({"duplicate_check", "api_replay", "document.download",
                        "safety.checkin_alert_view"})


def is_read(action: str) -> bool:
    return action.startswith(READ_PREFIXES) or action in READ_NAMES


def reads() -> Q:
    """The audit entries that record reads (every action ``is_read`` names)."""
    found = Q(action__in=sorted(READ_NAMES))
    for prefix in READ_PREFIXES:
        found |= Q(action__startswith=prefix)
    return found


def record_read(action: str, *, user: Any, obj: Any = None, object_type: str = "",
                object_id: str = "", fields: dict | None = None) -> AuditEntry:
    """Audit a read (a page, an export, an API answer), in a transaction of its own: one
    insert, no lock. Its action is named as a read (``is_read``)."""
    with transaction.atomic():
        return record(action, user=user, obj=obj, object_type=object_type,
                      object_id=object_id, fields=fields)


def _next_id(current) -> int:
    """The new entry's id, which its MAC covers (so a copied row is not a valid entry): from
    the table's sequence on PostgreSQL; on SQLite this transaction is the one writer."""
    with current.cursor() as cursor:
        if current.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence('access_auditentry', 'id'))")
        else:
            cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM access_auditentry")
        return int(cursor.fetchone()[0])


# --- the sequencer ---------------------------------------------------------------------------

class SequencerRefused(Exception):
    """The log in the database does not match its newest signed head: the sequencer will not
    extend it (``hearth audit verify`` names what changed)."""


_known = threading.local()  # the tree as this thread's last batch left it


def sequence(batch: int = BATCH) -> int | None:
    """Link every entry waiting, batch by batch (each one transaction and one signed head).
    Returns how many were linked, or None when another sequencer holds the lock."""
    linked = 0
    while True:
        done = _sequence_batch(batch)
        if done is None:
            return linked or None
        linked += done
        if done < batch:
            return linked


def _sequence_batch(batch: int) -> int | None:
    with transaction.atomic():
        if not _take_lock():
            return None
        newest = AuditTreeHead.objects.order_by("-size").first()
        rows = list(AuditEntry.objects.filter(seq__isnull=True).order_by("at", "id")
                    .values_list(*CONTENT)[:batch])
        if not rows:
            return 0
        tree = _tree_at(newest)
        chain = newest.chain if newest else GENESIS
        links: list[tuple[int, int, str]] = []
        nodes = []
        for row in rows:
            leaf = entry_leaf(tree.size + 1, canonical(row))
            chain = chain_mac(chain, leaf)
            nodes += tree.push(leaf, KEEP_NODES_FROM)
            links.append((row[0], tree.size, chain))
        _link(links)
        AuditTreeNode.objects.bulk_create(
            [AuditTreeNode(level=level, index=index, hash=value.hex())
             for level, index, value in nodes])
        now = timezone.now()
        head = sign_head(tree.size, tree.root().hex(), chain, now)
        AuditTreeHead.objects.create(size=head.size, root=head.root, chain=head.chain,
                                     signed_at=now, signature=head.signature)
        transaction.on_commit(partial(_published, head, tree), robust=True)
    return len(rows)


def _take_lock() -> bool:
    if connection.vendor != "postgresql":
        return True  # SQLite: this transaction began IMMEDIATE, the only writer
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [SEQUENCER_LOCK])
        return bool(cursor.fetchone()[0])


def _tree_at(newest: AuditTreeHead | None) -> Frontier:
    """The tree the newest signed head names: as this thread left it, or rebuilt from the
    stored subtrees and the last few entries — and refused unless it is that head's."""
    if newest is None:
        return Frontier()
    signed = Head(newest.size, newest.root, newest.chain, newest.signed_at.isoformat(),
                  newest.signature)
    if not signed.genuine():
        raise SequencerRefused(f"the signed head at {newest.size} entries is not genuine")
    known = getattr(_known, "tree", None)
    if known is not None and known.size == newest.size and known.root().hex() == newest.root:
        return known.copy()
    reader = TreeReader()
    try:
        tree = Frontier(newest.size, [reader.subtree(index << level, 1 << level)
                                      for level, index in complete_subtrees(newest.size)])
    except LookupError as exc:
        raise SequencerRefused(f"the tree of the signed head at {newest.size} entries "
                               f"cannot be rebuilt: {exc}") from exc
    if tree.root().hex() != newest.root:
        raise SequencerRefused(f"the log's first {newest.size} entries no longer match their "
                               f"signed head")
    return tree


def _link(links: list[tuple[int, int, str]]) -> None:
    """Give each entry its place and chain MAC: the one change the triggers allow, once."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Array literals: numbers and hex need no quoting, and psycopg need not adapt
            # thousands of values one by one.
            ids, seqs, macs = ("{" + ",".join(map(str, column)) + "}"
                               for column in zip(*links, strict=True))
            cursor.execute(
                "UPDATE access_auditentry AS e SET seq = v.seq, mac = v.mac "
                "FROM unnest(%s::bigint[], %s::bigint[], %s::varchar[]) AS v(id, seq, mac) "
                "WHERE e.id = v.id AND e.seq IS NULL", [ids, seqs, macs])
            changed = cursor.rowcount
        else:
            cursor.executemany("UPDATE access_auditentry SET seq = %s, mac = %s "
                               "WHERE id = %s AND seq IS NULL",
                               [(seq, mac, entry_id) for entry_id, seq, mac in links])
            changed = cursor.rowcount
    if changed != len(links):
        raise SequencerRefused("an entry was given a place by someone else meanwhile")


def _published(head: Head, tree: Frontier) -> None:
    _known.tree = tree
    keep_head(head)


def keep_head(head: Head, path: Path | None = None) -> bool:
    """Copy ``head`` outside the database unless the copy there is as large already (race-safe
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
        if kept is not None and (kept.size > head.size or
                                 kept.size == head.size and not kept.legacy):
            return False
        fd, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
        with os.fdopen(fd, "w") as out:
            out.write(head_text(head))
        os.replace(temporary, path)
        return True
    finally:
        os.close(lock)  # releases the lock
