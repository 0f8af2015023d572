"""Merkle tree hashes and proofs as Certificate Transparency logs compute them (RFC 6962 §2.1,
with the verification algorithms of RFC 9162 §2.1.3–2.1.4). Pure functions over bytes: the
audit trail (``hearth.access``) keeps its leaves and signs the roots.

- ``leaf_hash(data) = SHA-256(0x00 ‖ data)``; ``node_hash(l, r) = SHA-256(0x01 ‖ l ‖ r)``;
  the empty tree's hash is ``SHA-256("")``.
- ``Frontier`` is a tree growing leaf by leaf in O(log n) memory: the roots of its complete
  subtrees, largest first. It gives the root at any size, and names every complete subtree it
  finishes, so that a log can keep the larger ones and prove an entry without reading all.
- ``inclusion_path`` and ``consistency_path`` build proofs from a ``subtree(start, size)``
  callback (the hash of leaves ``start .. start + size - 1``); the ``verify_*`` functions check
  them knowing only the hashes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence

EMPTY_ROOT = hashlib.sha256(b"").digest()
Subtree = Callable[[int, int], bytes]


def leaf_hash(data: bytes) -> bytes:
    return hashlib.sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def split(size: int) -> int:
    """The largest power of two smaller than ``size`` (at least 2)."""
    return 1 << ((size - 1).bit_length() - 1)


def complete_subtrees(size: int) -> Iterator[tuple[int, int]]:
    """(level, index) of the complete subtrees a tree of ``size`` leaves is made of, largest
    first: the subtree at ``level`` and ``index`` holds leaves ``index << level`` onwards."""
    start = 0
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            yield level, start >> level
            start += 1 << level


class Frontier:
    """A Merkle tree's right edge: appending a leaf costs O(1) hashes on average and the root
    O(log n); memory is O(log n) whatever the size."""

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()):
        if len(hashes) != bin(size).count("1"):
            raise ValueError("a frontier holds one hash per complete subtree")
        self.size = size
        self.hashes = list(hashes)

    def copy(self) -> Frontier:
        return Frontier(self.size, self.hashes)

    def push(self, leaf: bytes, keep_from_level: int | None = None) -> list[tuple[int, int, bytes]]:
        """Append ``leaf`` (its leaf hash). Returns the complete subtrees this finished at
        ``keep_from_level`` or above, as (level, index, hash); none when it is None."""
        finished = []
        value, level, size = leaf, 0, self.size
        while size & 1:
            value = node_hash(self.hashes.pop(), value)
            level += 1
            size >>= 1
            if keep_from_level is not None and level >= keep_from_level:
                finished.append((level, ((self.size + 1) >> level) - 1, value))
        self.hashes.append(value)
        self.size += 1
        return finished

    def root(self) -> bytes:
        if not self.hashes:
            return EMPTY_ROOT
        value = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            value = node_hash(left, value)
        return value


def tree_hash(start: int, size: int, subtree: Subtree) -> bytes:
    """The hash of leaves ``start .. start + size - 1`` as RFC 6962 splits them, from the hashes
    of complete (power-of-two, aligned) subtrees that ``subtree`` gives."""
    if size == 0:
        return EMPTY_ROOT
    if size & (size - 1) == 0:
        return subtree(start, size)
    k = split(size)
    return node_hash(subtree(start, k), tree_hash(start + k, size - k, subtree))


def inclusion_path(index: int, size: int, subtree: Subtree) -> list[bytes]:
    """RFC 6962 PATH(index, D[size]): the sibling hashes from leaf ``index`` up to the root."""
    if not 0 <= index < size:
        raise ValueError("the leaf is not in the tree")
    path: list[bytes] = []
    start = 0
    while size > 1:
        k = split(size)
        if index < k:
            path.append(tree_hash(start + k, size - k, subtree))
            size = k
        else:
            path.append(tree_hash(start, k, subtree))
            start, index, size = start + k, index - k, size - k
    return path[::-1]


def verify_inclusion(index: int, size: int, leaf: bytes, path: Sequence[bytes],
                     root: bytes) -> bool:
    """RFC 9162 §2.1.3.2: does ``path`` prove leaf hash ``leaf`` at ``index`` of the tree of
    ``size`` leaves whose hash is ``root``?"""
    if not 0 <= index < size:
        return False
    fn, sn, value = index, size - 1, leaf
    for sibling in path:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            value = node_hash(sibling, value)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            value = node_hash(value, sibling)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and value == root


def consistency_path(first: int, second: int, subtree: Subtree) -> list[bytes]:
    """RFC 6962 PROOF(first, D[second]): that the tree of ``first`` leaves is a prefix of the
    tree of ``second``."""
    if not 0 < first <= second:
        raise ValueError("a consistency proof needs 0 < first <= second")
    path: list[bytes] = []
    start, m, n, whole = 0, first, second, True
    while m != n:
        k = split(n)
        if m <= k:
            path.append(tree_hash(start + k, n - k, subtree))
            n = k
        else:
            path.append(tree_hash(start, k, subtree))
            start, m, n, whole = start + k, m - k, n - k, False
    if not whole:
        path.append(tree_hash(start, m, subtree))
    return path[::-1]


def verify_consistency(first: int, second: int, first_root: bytes, second_root: bytes,
                       path: Sequence[bytes]) -> bool:
    """RFC 9162 §2.1.4.2: does ``path`` prove the tree of ``first`` leaves (``first_root``) a
    prefix of the tree of ``second`` leaves (``second_root``)?"""
    if not 0 < first <= second:
        return False
    if first == second:
        return not path and first_root == second_root
    if not path:
        return False
    values = list(path)
    if first & (first - 1) == 0:
        values.insert(0, first_root)
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn, sn = fn >> 1, sn >> 1
    fr = sr = values[0]
    for value in values[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr, sr = node_hash(value, fr), node_hash(value, sr)
            while not fn & 1 and fn != 0:
                fn, sn = fn >> 1, sn >> 1
        else:
            sr = node_hash(sr, value)
        fn, sn = fn >> 1, sn >> 1
    return sn == 0 and fr == first_root and sr == second_root
