"""Who works here, whether the audit log is whole, and how each user proves it is them.

Who works here: the active staff whose role carries a permission, and the choice of a
colleague on a form (the second worker on a check-in, a visit plan or a visit, R-SAFE-2).

Whether the audit log is whole (issue 14): ``verify`` walks it once in order, streaming, with
the Merkle tree's right edge (O(log n) hashes) in memory; ``prove`` gives one entry's inclusion
proof against the newest signed head; ``overdue`` names entries the sequencer has left waiting
too long."""

from __future__ import annotations

import hmac
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from hearth.access.models import AuditEntry, AuditTreeHead, AuditTreeNode, User
from hearth.access.rules import (
    CONTENT,
    GENESIS,
    PERMISSIONS,
    Head,
    canonical,
    chain_mac,
    content_mac,
    entry_leaf,
    parse_head,
)
from hearth.core.merkle import (
    Frontier,
    consistency_path,
    inclusion_path,
    verify_consistency,
    verify_inclusion,
)


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


# --- the audit log ------------------------------------------------------------------------

#: Complete subtrees of 2**8 leaves and more are stored (``AuditTreeNode``); smaller ones are
#: computed from their entries.
KEEP_NODES_FROM = 8


@dataclass
class VerifyResult:
    ok: bool
    #: Entries whose MACs were checked: those in the log, and those waiting for the sequencer.
    checked: int
    problem: str = ""
    #: The newest signed head when the log is whole (for ``hearth audit verify`` to keep).
    head: Head | None = None
    #: What the head kept outside the database said (issue 13 item 3).
    kept: str = ""
    linked: int = 0
    waiting: int = 0
    notes: list[str] = field(default_factory=list)


class KeptHeadUnreadable(Exception):
    pass


def kept_head(path: Path | None = None) -> Head | None:
    """The copy of the log's head kept outside the database (None: none kept yet)."""
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


def _signed(row: AuditTreeHead) -> Head:
    return Head(row.size, row.root, row.chain, row.signed_at.isoformat(), row.signature)


def verify(batch: int = 5000, *, kept_at: Path | None = None) -> VerifyResult:
    """Walk the log in order; name the first entry changed, removed or reordered and the first
    signed head it does not match; compare it with the head kept outside the database, which
    is read first (it is written after its batch commits, so the walk that follows sees it);
    then check the entries still waiting for the sequencer, and that none waited too long."""
    try:
        kept = kept_head(kept_at)
    except KeptHeadUnreadable as exc:
        return VerifyResult(False, 0, str(exc))
    newest = AuditTreeHead.objects.order_by("-size").first()
    # On PostgreSQL, a transaction lets the walk stream from server-side cursors.
    with transaction.atomic() if connection.vendor == "postgresql" else nullcontext():
        result = _walk(batch, kept, newest)
    if not result.ok:
        return result
    problem = _unsigned_place() or _check_waiting(result, batch) or overdue()
    if problem:
        return VerifyResult(False, result.checked, problem, linked=result.linked,
                            waiting=result.waiting)
    if kept is None:
        result.kept = "no head is kept outside the database yet"
    elif kept.legacy:
        result.kept = (f"the log reaches the head kept outside the database before issue 14 "
                       f"(entry {kept.size}); it is replaced at the next batch")
    else:
        result.kept = (f"the log reaches the head kept outside the database "
                       f"({kept.size} entries)")
    return result


def _walk(batch: int, kept: Head | None, newest: AuditTreeHead | None) -> VerifyResult:
    size = newest.size if newest else 0
    tree, chain, checked = Frontier(), GENESIS, 0
    heads = (AuditTreeHead.objects.filter(size__lte=size).order_by("size")
             .iterator(chunk_size=batch))
    head = next(heads, None)
    rows = (AuditEntry.objects.filter(seq__isnull=False, seq__lte=size).order_by("seq")
            .values_list("seq", "mac", "content_mac", *CONTENT).iterator(chunk_size=batch))

    def broken(problem: str) -> VerifyResult:
        return VerifyResult(False, checked, problem)

    for seq, mac, sealed, *content in rows:
        if seq != checked + 1:
            return broken(f"entry {checked + 1} is missing (removed); the next entry is {seq}")
        data = canonical(content)
        if not hmac.compare_digest(content_mac(data), sealed):
            return broken(f"entry {seq} was changed ({content[6]} {content[7]} at "
                          f"{content[1].isoformat()})")
        leaf = entry_leaf(seq, data)
        chain = chain_mac(chain, leaf)
        if not hmac.compare_digest(chain, mac):
            return broken(f"entry {seq} is not where it was sequenced (reordered, or given "
                          f"another's place)")
        tree.push(leaf)
        checked = seq
        while head is not None and head.size <= seq:
            if not _signed(head).genuine():
                return broken(f"the signed head at {head.size} entries was changed or forged")
            if head.size != seq or head.root != tree.root().hex() or head.chain != chain:
                return broken(f"the log's first {head.size} entries differ from their signed "
                              f"head")
            head = next(heads, None)
        if (kept is not None and not kept.legacy and seq == kept.size
                and kept.root != tree.root().hex()):
            return broken(f"the log's first {seq} entries differ from the head kept outside "
                          f"the database (the log was rewritten from there or before)")
    if head is not None:
        return broken(f"the log ends at entry {checked} but its signed head names "
                      f"{head.size} entries: entries {checked + 1} to {size} were removed")
    if kept is not None and checked < kept.size:
        waiting = AuditEntry.objects.filter(seq__isnull=True).count()
        return broken(f"the log ends at entry {checked} but the head kept outside the "
                      f"database names entry {kept.size}: entries {checked + 1} to "
                      f"{kept.size} were removed" + (
                          f" (or are among the {waiting} waiting for the sequencer: run "
                          f"`hearth audit sequence`, then verify again)" if waiting else ""))
    return VerifyResult(True, checked, head=_signed(newest) if newest else None,
                        linked=checked)


def _unsigned_place() -> str:
    """An entry given a place beyond the newest signed head: not by the sequencer, which signs
    a head in the transaction that places its entries (one statement: one snapshot)."""
    newest = Subquery(AuditTreeHead.objects.order_by("-size").values("size")[:1])
    seq = (AuditEntry.objects.filter(seq__gt=Coalesce(newest, 0)).order_by("seq")
           .values_list("seq", flat=True).first())
    return "" if seq is None else (f"entry {seq} has a place in the log that no signed head "
                                   f"covers (it was not given by the sequencer)")


def _check_waiting(result: VerifyResult, batch: int) -> str:
    for entry_id, sealed, *content in (AuditEntry.objects.filter(seq__isnull=True)
                                       .values_list("id", "content_mac", *CONTENT)
                                       .iterator(chunk_size=batch)):
        if not hmac.compare_digest(content_mac(canonical(content)), sealed):
            return (f"entry id {entry_id}, waiting for the sequencer, was changed "
                    f"({content[6]} {content[7]} at {content[1].isoformat()})")
        result.waiting += 1
        result.checked += 1
    return ""


def overdue(now: datetime | None = None) -> str:
    """The failure of an entry not sequenced within HEARTH_AUDIT_SEQUENCE_MAX_DELAY_SECONDS,
    or "" (one indexed query: /healthz asks it)."""
    delay = settings.AUDIT_SEQUENCE_MAX_DELAY
    cutoff = (now or timezone.now()) - timedelta(seconds=delay)
    oldest = (AuditEntry.objects.filter(seq__isnull=True, at__lt=cutoff).order_by("at", "id")
              .values_list("id", "at").first())
    if oldest is None:
        return ""
    return (f"entry id {oldest[0]}, written at {oldest[1].isoformat()}, has waited more than "
            f"{delay} s for the sequencer: is `hearth worker` running?")


class TreeReader:
    """Complete subtrees of the log's Merkle tree: stored (``AuditTreeNode``) from 2**8 leaves
    up, computed from their entries below. Raises LookupError for one it cannot give."""

    def __init__(self) -> None:
        self._blocks: dict[int, list[bytes]] = {}

    def subtree(self, start: int, size: int) -> bytes:
        level = size.bit_length() - 1
        if size != 1 << level or start % size:
            raise ValueError("a complete subtree is a power of two leaves, aligned")
        if level >= KEEP_NODES_FROM:
            value = (AuditTreeNode.objects.filter(level=level, index=start >> level)
                     .values_list("hash", flat=True).first())
            if value is None:
                raise LookupError(f"the tree's node {level}/{start >> level} is missing")
            return bytes.fromhex(value)
        block = start >> KEEP_NODES_FROM
        offset = start - (block << KEEP_NODES_FROM)
        leaves = self._leaves(block)[offset:offset + size]
        if len(leaves) != size:
            raise LookupError(f"entries {start + 1} to {start + size} are not all in the log")
        tree = Frontier()
        for leaf in leaves:
            tree.push(leaf)
        return tree.root()

    def _leaves(self, block: int) -> list[bytes]:
        if block not in self._blocks:
            first = (block << KEEP_NODES_FROM) + 1
            rows = (AuditEntry.objects.filter(seq__gte=first,
                                              seq__lt=first + (1 << KEEP_NODES_FROM))
                    .order_by("seq").values_list("seq", *CONTENT))
            leaves: list[bytes] = []
            for seq, *content in rows:
                if seq != first + len(leaves):
                    break
                leaves.append(entry_leaf(seq, canonical(content)))
            self._blocks[block] = leaves
        return self._blocks[block]


def prove(entry_id: int) -> dict:
    """The inclusion proof of one entry in the tree of the newest signed head (RFC 6962
    audit path), reading some hundreds of rows whatever the log's size (about 30 queries at
    ten million entries). LookupError names why there is none."""
    row = AuditEntry.objects.filter(pk=entry_id).values_list("seq", *CONTENT).first()
    if row is None:
        raise LookupError(f"there is no audit entry {entry_id}")
    seq, *content = row
    if seq is None:
        raise LookupError(f"entry {entry_id} is waiting for the sequencer (written at "
                          f"{content[1].isoformat()}); ask again in a few seconds")
    newest = AuditTreeHead.objects.order_by("-size").first()
    if newest is None or newest.size < seq:
        raise LookupError(f"entry {entry_id} has place {seq}, which no signed head covers")
    path = inclusion_path(seq - 1, newest.size, TreeReader().subtree)
    return {"entry": entry_id, "seq": seq, "leaf_index": seq - 1,
            "leaf_hash": entry_leaf(seq, canonical(content)).hex(), **_head_json(newest),
            "audit_path": [value.hex() for value in path]}


def _head_json(row: AuditTreeHead) -> dict:
    head = _signed(row)
    return {"tree_size": head.size, "root_hash": head.root, "chain": head.chain,
            "signed_at": head.signed_at, "signature": head.signature}


def _head_of(data: dict) -> Head:
    return Head(int(data["tree_size"]), str(data["root_hash"]), str(data["chain"]),
                str(data["signed_at"]), str(data["signature"]))


def check_proof(proof: dict) -> str:
    """What is wrong with an inclusion proof ("" when it proves that its entry, as the
    database holds it now, is in the log under a genuine signed head)."""
    try:
        head = _head_of(proof)
        seq, index = int(proof["seq"]), int(proof["leaf_index"])
        path = [bytes.fromhex(value) for value in proof["audit_path"]]
        leaf = bytes.fromhex(proof["leaf_hash"])
        root = bytes.fromhex(head.root)
    except (KeyError, TypeError, ValueError):
        return "this is not an inclusion proof"
    if not head.genuine():
        return "the proof's signed head is not genuine"
    row = AuditEntry.objects.filter(pk=proof["entry"]).values_list(*CONTENT).first()
    if row is None or index != seq - 1 or entry_leaf(seq, canonical(row)) != leaf:
        return f"the proof's leaf is not entry {proof['entry']} at place {seq}"
    if not verify_inclusion(index, head.size, leaf, path, root):
        return "the audit path does not lead from the entry to the signed tree hash"
    return ""


def prove_consistency(first: int, second: int | None = None) -> dict:
    """The RFC 6962 consistency proof that the signed head of ``first`` entries is a prefix of
    the signed head of ``second`` (the newest when None): the log only grew between them."""
    older = AuditTreeHead.objects.filter(size=first).first()
    newer = (AuditTreeHead.objects.filter(size=second).first() if second is not None
             else AuditTreeHead.objects.order_by("-size").first())
    if older is None or newer is None or older.size > newer.size:
        raise LookupError(f"there is no signed head of {first} entries and a later one"
                          + (f" of {second}" if second is not None else ""))
    path = consistency_path(older.size, newer.size, TreeReader().subtree)
    return {"first": _head_json(older), "second": _head_json(newer),
            "consistency_path": [value.hex() for value in path]}


def check_consistency(proof: dict) -> str:
    """What is wrong with a consistency proof ("" when it proves both heads genuine and the
    first a prefix of the second)."""
    try:
        first, second = _head_of(proof["first"]), _head_of(proof["second"])
        path = [bytes.fromhex(value) for value in proof["consistency_path"]]
        roots = bytes.fromhex(first.root), bytes.fromhex(second.root)
    except (KeyError, TypeError, ValueError):
        return "this is not a consistency proof"
    if not (first.genuine() and second.genuine()):
        return "a signed head in the proof is not genuine"
    if not verify_consistency(first.size, second.size, *roots, path):
        return "the first head's tree is not a prefix of the second's"
    return ""


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
