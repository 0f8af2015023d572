"""How the audit log's MACs, Merkle tree and signed heads are computed (ENGINEERING.md
practice 6, issue 14)."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings

from hearth.core import merkle

# --- the audit log's MACs and signed heads (ENGINEERING.md practice 6, issue 14) ------------

GENESIS = "0" * 64
#: The columns of an entry its MACs cover, in this order (verify streams them as tuples).
CONTENT = ("id", "at", "user_id_snapshot", "username", "ip", "user_agent", "action",
           "object_type", "object_id", "fields", "reason")
_BASE: list = [None, None]


def _mac(data: bytes) -> str:
    """HMAC-SHA-256 under the audit key (kept outside the database: HEARTH_AUDIT_KEY)."""
    secret = settings.AUDIT_HMAC_KEY
    if _BASE[0] != secret:
        key = hashlib.sha256(("hearth-audit:" + secret).encode()).digest()
        _BASE[:] = [secret, hmac.new(key, digestmod=hashlib.sha256)]
    mac = _BASE[1].copy()
    mac.update(data)
    return mac.hexdigest()


_ENCODER = json.JSONEncoder(sort_keys=True, separators=(",", ":"), default=str)


def canonical(row: Sequence) -> bytes:
    """An entry's content (``CONTENT`` in order) as the bytes its MACs and leaf cover: a JSON
    array, the time in ISO 8601, the fields' keys sorted. The entry's id is in it, so that a
    copy of a row is not a valid entry."""
    return _ENCODER.encode([row[0], row[1].isoformat(), *row[2:]]).encode()


def content_mac(content: bytes) -> str:
    """The MAC an entry is written with, in its change's transaction (before it has a place)."""
    return _mac(b"entry|" + content)


def entry_leaf(seq: int, content: bytes) -> bytes:
    """The entry's leaf in the Merkle tree: its place (``seq``, from 1) and its content."""
    return merkle.leaf_hash(b"hearth-audit|%d|" % seq + content)


def chain_mac(previous: str, leaf: bytes) -> str:
    """The MAC linking an entry to the one before it in the log (``GENESIS`` for the first)."""
    return _mac(b"chain|" + previous.encode() + b"|" + leaf)


def head_signature(size: int, root: str, chain: str, signed_at: str) -> str:
    return _mac(f"tree-head|{size}|{root}|{chain}|{signed_at}".encode())


@dataclass(frozen=True)
class Head:
    """A signed head: the log's first ``size`` entries have the Merkle tree hash ``root`` and
    end with the chain MAC ``chain``, signed with the audit key at ``signed_at``. A head kept
    by Hearth before issue 14 (``legacy``) names only the chain's length and last MAC."""

    size: int
    root: str
    chain: str
    signed_at: str
    signature: str
    legacy: bool = False

    def genuine(self) -> bool:
        expected = (_mac(f"head|{self.size}|{self.chain}".encode()) if self.legacy else
                    head_signature(self.size, self.root, self.chain, self.signed_at))
        return hmac.compare_digest(expected, self.signature)


def sign_head(size: int, root: str, chain: str, signed_at: datetime) -> Head:
    when = signed_at.isoformat()
    return Head(size, root, chain, when, head_signature(size, root, chain, when))


def head_text(head: Head) -> str:
    """A head kept outside the database (one line of JSON)."""
    return json.dumps({"size": head.size, "root": head.root, "chain": head.chain,
                       "signed_at": head.signed_at, "signature": head.signature},
                      sort_keys=True) + "\n"


def parse_head(text: str) -> Head | None:
    """The head in a kept copy's contents, or None if they are not one."""
    try:
        data = json.loads(text)
        if "seq" in data and "size" not in data:
            head = Head(int(data["seq"]), "", str(data["mac"]), "", str(data["head_mac"]),
                        legacy=True)
        else:
            head = Head(int(data["size"]), str(data["root"]), str(data["chain"]),
                        str(data["signed_at"]), str(data["signature"]))
    except (ValueError, TypeError, KeyError):
        return None
    return head if head.size >= 0 else None
