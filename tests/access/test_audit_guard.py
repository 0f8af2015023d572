"""The audit log cannot be emptied or cut back unnoticed (issue 13 item 3, issue 14).

The probe deleted every entry and the head, and deleted the newest entries and put back an
older genuine head; `hearth audit verify` passed both times. Now the database refuses both (a
trigger on PostgreSQL and on SQLite; an entry may only be given its place, once, by the
sequencer), and when the owner of the tables takes the triggers off and does it anyway, verify
compares the log with the signed head kept outside the database (in the data folder) and
fails, naming what is missing."""

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
from hearth.access.models import AuditEntry, AuditTreeHead
from hearth.access.rules import Head, _mac, head_text, sign_head
from tests.audit_guard import guard_off

pytestmark = [pytest.mark.django_db]


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


@pytest.fixture
def verified(fletchers, capsys):
    """Sam's work on the Fletchers is in the log, and last night's verify kept its head."""
    audit.sequence()
    call_command("audit", "verify")
    out = capsys.readouterr().out
    assert "no head is kept outside the database yet" in out and "Kept the log's head" in out
    return list(AuditEntry.objects.order_by("seq"))


def refused(statement: str, params=()) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic():
        sql(statement, params)
    return str(error.value)


def test_the_database_refuses_to_change_or_delete_the_log_issue_13_item_3(verified):
    last = verified[-1]
    assert "append-only" in refused("UPDATE access_auditentry SET username = %s WHERE seq = %s",
                                    ["mallory", last.seq])
    assert "append-only" in refused("DELETE FROM access_auditentry WHERE seq = %s", [last.seq])
    assert "append-only" in refused("DELETE FROM access_auditentry")
    assert "append-only" in refused("DELETE FROM access_audittreehead")
    assert "append-only" in refused("UPDATE access_audittreehead SET size = size - 1")
    if connection.vendor == "postgresql":
        assert "append-only" in refused(
            "TRUNCATE access_auditentry, access_audittreehead, access_audittreenode")
    assert AuditEntry.objects.count() == len(verified)
    assert audit_trail.verify().ok


def test_an_entry_is_given_its_place_once_and_nothing_else_changes_issue_14(verified,
                                                                           social_worker):
    """The one update the database allows is the sequencer's: ``seq`` and ``mac`` from empty."""
    placed = verified[-1]
    assert "only given its place, once" in refused(
        "UPDATE access_auditentry SET seq = %s WHERE seq = %s", [placed.seq + 10, placed.seq])
    with transaction.atomic():
        waiting = audit.record("view", user=social_worker, object_type="x", object_id="1")
    assert "only given its place, once" in refused(
        "UPDATE access_auditentry SET seq = %s, mac = %s, reason = %s WHERE id = %s",
        [placed.seq + 1, "f" * 64, "edited while placed", waiting.pk])
    assert "only given its place, once" in refused(
        "UPDATE access_auditentry SET reason = %s WHERE id = %s", ["edited", waiting.pk])
    assert audit.sequence() == 1
    assert AuditEntry.objects.get(pk=waiting.pk).seq == placed.seq + 1


def test_a_place_not_given_by_the_sequencer_fails_verify_issue_14(verified, social_worker):
    """Someone with the application's login may give a waiting entry a place (the one update
    allowed), to hide it beyond the log's end: no signed head covers it."""
    with transaction.atomic():
        hidden = audit.record("view", user=social_worker, object_type="x", object_id="1")
    sql("UPDATE access_auditentry SET seq = %s, mac = %s WHERE id = %s",
        [10**9, "f" * 64, hidden.pk])
    result = audit_trail.verify()
    assert not result.ok and f"entry {10**9} has a place in the log that no signed head" in (
        result.problem)


def test_every_entry_and_head_deleted_fails_verify_issue_13_item_3(verified):
    with guard_off():
        sql("DELETE FROM access_auditentry")
        sql("DELETE FROM access_audittreehead")
        sql("DELETE FROM access_audittreenode")
    result = audit_trail.verify()
    assert not result.ok
    assert (f"the log ends at entry 0 but the head kept outside the database names entry "
            f"{verified[-1].seq}") in result.problem
    with pytest.raises(CommandError, match=f"entries 1 to {verified[-1].seq} were removed"):
        call_command("audit", "verify")


def test_the_newest_entries_and_heads_cut_back_fail_verify_issue_13_item_3(verified,
                                                                           social_worker):
    """The owner cuts the log back to an older genuine signed head, entries and heads
    together: the database agrees with itself, not with the head kept outside it."""
    older = verified[-3]
    with transaction.atomic():
        audit.record("view", user=social_worker, object_type="x", object_id="1")
    audit.sequence()
    assert AuditTreeHead.objects.count() == 2
    with guard_off():
        sql("DELETE FROM access_auditentry WHERE seq > %s", [older.seq])
        sql("DELETE FROM access_audittreehead")
    head = sign_head(older.seq, "0" * 64, older.mac, older.at)
    AuditTreeHead.objects.create(size=head.size, root=head.root, chain=head.chain,
                                 signed_at=older.at, signature=head.signature)
    result = audit_trail.verify()
    assert not result.ok and f"the log's first {older.seq} entries differ" in result.problem
    with guard_off():
        sql("DELETE FROM access_audittreehead")
    result = audit_trail.verify()
    assert not result.ok
    assert f"entries 1 to {verified[-1].seq} were removed" in result.problem


def test_a_log_rebuilt_under_the_kept_head_fails_verify_issue_13_item_3(verified):
    """Whoever holds the key can rebuild a log of the same length; it is not the one kept."""
    kept = audit_trail.kept_head()
    with guard_off():
        sql("DELETE FROM access_auditentry")
        sql("DELETE FROM access_audittreehead")
        sql("DELETE FROM access_audittreenode")
    with transaction.atomic():
        for _ in range(len(verified)):
            audit.record("view", object_type="people.person", object_id="forged")
    audit.sequence()
    result = audit_trail.verify()
    assert not result.ok
    assert f"the log's first {kept.size} entries differ from the head kept" in result.problem


def test_a_changed_kept_head_fails_verify_issue_13_item_3(verified, settings):
    path = settings.AUDIT_HEAD_FILE
    path.write_text(path.read_text().replace('"size": ', '"size": 1'))
    result = audit_trail.verify()
    assert not result.ok and "was changed" in result.problem


def test_new_entries_after_the_kept_head_verify_and_the_sequencer_keeps_the_head_issue_14(
        verified, social_worker, fletchers, django_capture_on_commit_callbacks):
    entry = audit.record_read("view", user=social_worker, obj=fletchers["jack"])
    with django_capture_on_commit_callbacks(execute=True):
        assert audit.sequence() == 1
    kept = audit_trail.kept_head()
    entry.refresh_from_db()
    assert (kept.size, kept.chain) == (entry.seq, entry.mac)
    result = audit_trail.verify()
    assert result.ok and f"({entry.seq} entries)" in result.kept


def test_a_head_kept_before_issue_14_is_checked_then_replaced(verified, settings,
                                                              django_capture_on_commit_callbacks):
    """An upgraded machine's kept head names the old chain's length: a log shorter than that
    still fails; the next batch's signed head replaces it."""
    last = verified[-1]
    legacy = (f'{{"head_mac": "{_mac(f"head|{last.seq + 1}|{last.mac}".encode())}", '
              f'"mac": "{last.mac}", "seq": {last.seq + 1}}}\n')
    settings.AUDIT_HEAD_FILE.write_text(legacy)
    assert f"entries {last.seq + 1} to {last.seq + 1} were removed" in (
        audit_trail.verify().problem)
    with transaction.atomic():
        audit.record("view", object_type="x", object_id="1")
    with django_capture_on_commit_callbacks(execute=True):
        audit.sequence()
    assert audit_trail.verify().ok and not audit_trail.kept_head().legacy


def test_the_kept_head_only_moves_forward_issue_13_item_3(tmp_path):
    path = tmp_path / "audit_head"
    newer = sign_head(9, "b" * 64, "c" * 64, verified_at())
    older = sign_head(8, "a" * 64, "d" * 64, verified_at())
    assert keep_head(newer, path) and not keep_head(older, path)
    assert audit_trail.kept_head(path) == newer
    assert head_text(newer) == path.read_text()


def verified_at():
    from django.utils import timezone

    return timezone.now()


def _keep_many(path: str, sizes: list[int]) -> None:
    for size in sizes:
        keep_head(Head(size, f"{size:064d}", f"{size:064d}", "", ""), path)


def test_processes_keeping_heads_at_once_leave_the_newest_issue_13_item_3(tmp_path):
    """Batches commit in order but their after-commit writes may race: four processes
    writing heads in shuffled order leave the largest, whole."""
    path = tmp_path / "audit_head"
    sizes = list(range(1, 201))
    random.Random(13).shuffle(sizes)
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_keep_many, args=(str(path), sizes[i::4]))
               for i in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert '"size": 200' in path.read_text()
