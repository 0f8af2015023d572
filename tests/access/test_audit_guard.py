"""The audit trail cannot be emptied or cut back unnoticed (issue 13 item 3).

The probe deleted every entry and the head, and deleted the newest entries and put back an
older genuine head; `hearth audit verify` passed both times. Now the database refuses both (a
trigger on PostgreSQL and on SQLite), and when the owner of the tables takes the triggers off
and does it anyway, verify compares the chain with the head kept outside the database (in the
data folder) and fails, naming what is missing."""

from __future__ import annotations

import multiprocessing
import random

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from hearth.access import queries as audit_trail
from hearth.access.actions import audit
from hearth.access.actions.audit import keep_head
from hearth.access.models import AuditEntry, AuditHead
from hearth.access.rules import Head, head_mac
from tests.audit_guard import guard_off

pytestmark = [pytest.mark.django_db]


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def verified(fletchers, capsys):
    """Sam's work on the Fletchers is in the trail, and last night's verify kept its head."""
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "no head is kept outside the database yet" in out and "Kept the chain's head" in out
    return list(AuditEntry.objects.order_by("seq"))


def refused(statement: str, params=()) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        sql(statement, params)
    return str(error.value)


def test_the_database_refuses_to_change_or_delete_an_entry_issue_13_item_3(verified):
    last = verified[-1]
    assert "append-only" in refused("UPDATE access_auditentry SET username = %s WHERE seq = %s",
                                    ["mallory", last.seq])
    assert "append-only" in refused("DELETE FROM access_auditentry WHERE seq = %s", [last.seq])
    assert "append-only" in refused("DELETE FROM access_auditentry")
    assert "append-only" in refused("DELETE FROM access_audithead")
    if connection.vendor == "postgresql":
        assert "append-only" in refused("TRUNCATE access_auditentry, access_audithead")
    assert AuditEntry.objects.count() == len(verified)
    assert audit_trail.verify().ok


def test_the_database_refuses_to_move_the_head_back_issue_13_item_3(verified):
    older = verified[-3]
    assert "only moves forward" in refused(
        "UPDATE access_audithead SET seq = %s, mac = %s, head_mac = %s WHERE id = 1",
        [older.seq, older.mac, head_mac(older.seq, older.mac)])
    # Nor forwards to an entry that is not there.
    assert "only moves forward" in refused(
        "UPDATE access_audithead SET seq = seq + 5 WHERE id = 1")
    head = AuditHead.objects.get()
    assert head.seq == verified[-1].seq


def test_every_entry_and_the_head_deleted_fails_verify_issue_13_item_3(verified):
    with guard_off():
        sql("DELETE FROM access_auditentry")
        sql("DELETE FROM access_audithead")
    result = audit_trail.verify()
    assert not result.ok
    assert (f"the chain ends at entry 0 but the head kept outside the database names entry "
            f"{verified[-1].seq}") in result.problem
    with pytest.raises(CommandError, match=f"entries 1 to {verified[-1].seq} were removed"):
        call_command("audit", "verify")


def test_the_newest_entries_cut_and_an_older_genuine_head_put_back_fail_verify_issue_13_item_3(
        verified):
    older = verified[-3]
    with guard_off():
        sql("DELETE FROM access_auditentry WHERE seq > %s", [older.seq])
        sql("UPDATE access_audithead SET seq = %s, mac = %s, head_mac = %s WHERE id = 1",
            [older.seq, older.mac, head_mac(older.seq, older.mac)])
    result = audit_trail.verify()
    assert not result.ok
    assert f"entries {older.seq + 1} to {verified[-1].seq} were removed" in result.problem


def test_a_chain_rebuilt_under_the_kept_head_fails_verify_issue_13_item_3(verified):
    """Whoever holds the key can rebuild a chain of the same length; it is not the one kept."""
    kept = audit_trail.kept_head()
    with guard_off():
        sql("DELETE FROM access_auditentry")
        sql("DELETE FROM access_audithead")
    with transaction.atomic():
        for _ in range(len(verified)):
            audit.record("view", object_type="people.person", object_id="forged")
    result = audit_trail.verify()
    assert not result.ok and f"entry {kept.seq} differs from the head kept" in result.problem


def test_a_changed_kept_head_fails_verify_issue_13_item_3(verified, settings):
    path = settings.AUDIT_HEAD_FILE
    path.write_text(path.read_text().replace('"seq": ', '"seq": 1'))
    result = audit_trail.verify()
    assert not result.ok and "was changed" in result.problem


def test_new_entries_after_the_kept_head_verify_and_the_writer_keeps_the_head_issue_13_item_3(
        verified, social_worker, fletchers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        entry = audit.record_read("view", user=social_worker, obj=fletchers["jack"])
    kept = audit_trail.kept_head()
    assert (kept.seq, kept.mac) == (entry.seq, entry.mac)
    result = audit_trail.verify()
    assert result.ok and f"(entry {entry.seq})" in result.kept


def test_the_kept_head_only_moves_forward_issue_13_item_3(tmp_path):
    path = tmp_path / "audit_head"
    newer = Head(9, "b" * 64, head_mac(9, "b" * 64))
    older = Head(8, "a" * 64, head_mac(8, "a" * 64))
    assert keep_head(newer, path) and not keep_head(older, path)
    assert audit_trail.kept_head(path) == newer


def _keep_many(path: str, seqs: list[int]) -> None:
    for seq in seqs:
        keep_head(Head(seq, f"{seq:064d}", head_mac(seq, f"{seq:064d}")), path)


def test_processes_keeping_heads_at_once_leave_the_newest_issue_13_item_3(tmp_path):
    """Transactions commit in chain order but their after-commit writes race: four processes
    writing heads in shuffled order leave the newest, whole."""
    path = tmp_path / "audit_head"
    seqs = list(range(1, 201))
    random.Random(13).shuffle(seqs)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_keep_many, args=(str(path), seqs[i::4]))
               for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert audit_trail.kept_head(path).seq == 200
