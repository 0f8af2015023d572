"""The audit log's Merkle tree is RFC 6962's (issue 14): the tree hash, inclusion and
consistency proofs agree with the RFC's recursive definitions for every size up to 70, and a
proof with any hash changed fails."""

from __future__ import annotations

from hearth.core import merkle


def mth(leaves: list[bytes]) -> bytes:
    """RFC 6962 §2.1 MTH, as written there."""
    if not leaves:
        return merkle.EMPTY_ROOT
    if len(leaves) == 1:
        return leaves[0]
    k = merkle.split(len(leaves))
    return merkle.node_hash(mth(leaves[:k]), mth(leaves[k:]))


def leaves_of(n: int) -> list[bytes]:
    return [merkle.leaf_hash(f"entry {i}".encode()) for i in range(n)]


def test_the_empty_tree_and_a_known_leaf_hash_are_the_rfcs():
    assert merkle.Frontier().root().hex() == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    # SHA-256(0x00) — the leaf hash of empty data in RFC 6962 test vectors.
    assert merkle.leaf_hash(b"").hex() == (
        "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d")


def test_the_frontier_gives_the_tree_hash_and_the_subtrees_it_finishes_issue_14():
    for n in range(1, 70):
        leaves, tree, finished = leaves_of(n), merkle.Frontier(), {}
        for leaf in leaves:
            for level, index, value in tree.push(leaf, keep_from_level=2):
                finished[level, index] = value
        assert tree.root() == mth(leaves) and len(tree.hashes) == bin(n).count("1")
        for (level, index), value in finished.items():
            assert level >= 2 and value == mth(leaves[index << level:(index + 1) << level])
        assert sum(1 << level for level, _ in merkle.complete_subtrees(n)) == n
        rebuilt = merkle.Frontier(n, [mth(leaves[i << lv:(i + 1) << lv])
                                      for lv, i in merkle.complete_subtrees(n)])
        assert rebuilt.root() == tree.root()


def test_inclusion_proofs_verify_and_a_changed_one_fails_issue_14():
    for n in range(1, 70):
        leaves = leaves_of(n)
        root = mth(leaves)

        def subtree(start, size, leaves=leaves):
            return mth(leaves[start:start + size])

        for i in range(n):
            path = merkle.inclusion_path(i, n, subtree)
            assert merkle.verify_inclusion(i, n, leaves[i], path, root)
            assert not merkle.verify_inclusion(i, n, merkle.leaf_hash(b"forged"), path, root)
            assert not merkle.verify_inclusion(i, n, leaves[i], path + [bytes(32)], root)
            for j in range(len(path)):
                tampered = list(path)
                tampered[j] = bytes(32)
                assert not merkle.verify_inclusion(i, n, leaves[i], tampered, root)


def test_consistency_proofs_verify_and_a_rewritten_history_fails_issue_14():
    for n in range(1, 40):
        leaves = leaves_of(n)

        def subtree(start, size, leaves=leaves):
            return mth(leaves[start:start + size])

        for m in range(1, n + 1):
            path = merkle.consistency_path(m, n, subtree)
            assert merkle.verify_consistency(m, n, mth(leaves[:m]), mth(leaves), path)
            rewritten = mth([merkle.leaf_hash(b"forged")] + leaves[1:m])
            assert not merkle.verify_consistency(m, n, rewritten, mth(leaves), path)
            if m < n:
                assert not merkle.verify_consistency(
                    m, n, mth(leaves[:m]), mth(leaves[:-1] + [bytes(32)]), path)
