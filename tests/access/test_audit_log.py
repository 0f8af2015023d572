"""A council's whole workforce at once (issue 14): every request appends its audit entry
without a global lock, a sequencer links the entries into the log in batches and publishes
signed heads of its Merkle tree, two sequencers never make two logs, an entry left waiting is
a failure, and one entry can be proved in the log without reading all of it."""

from __future__ import annotations

import json
import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access import queries as audit_trail
from hearth.access.actions import audit
from hearth.access.models import AuditEntry, AuditTreeHead, AuditTreeNode
from tests.audit_guard import guard_off


def in_thread(func, *args):
    """Run ``func`` in a thread with a database connection of its own (another worker)."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = func(*args)
        except Exception as exc:  # noqa: BLE001  (the test asserts on it)
            outcome["error"] = exc
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


def views(user, n: int, what: str = "people.person") -> list[AuditEntry]:
    return [audit.record_read("view", user=user, object_type=what, object_id=str(i))
            for i in range(n)]


@pytest.mark.django_db
def test_an_entry_is_one_insert_and_takes_no_lock_issue_14(social_worker):
    with CaptureQueriesContext(connection) as queries, transaction.atomic():
        entry = audit.record("view", user=social_worker, object_type="x", object_id="1")
    statements = [q["sql"] for q in queries.captured_queries
                  if "SAVEPOINT" not in q["sql"] and q["sql"] not in ("BEGIN", "COMMIT")]
    assert len(statements) == 2 and statements[1].startswith("INSERT INTO")
    assert not any("FOR UPDATE" in sql or "lock" in sql.lower() for sql in statements)
    assert entry.seq is None and len(entry.content_mac) == 64


@pytest.mark.django_db(transaction=True)
def test_writers_do_not_queue_and_the_later_commit_gets_the_later_place_issue_14(
        social_worker):
    """A slow change holds its transaction open; a page read by someone else meanwhile writes
    its entry at once (PostgreSQL; SQLite has one writer at a time by design). The read
    commits first, so it is sequenced first, although the slow change's entry has the lower
    id and the earlier time: nothing waits, nothing is skipped."""
    opened, release = threading.Event(), threading.Event()

    def slow_change():
        with transaction.atomic():
            audit.record("edit", user=social_worker, object_type="slow", object_id="1")
            opened.set()
            release.wait(30)

    slow, slow_outcome = in_thread(slow_change)
    assert opened.wait(30)
    quick, quick_outcome = in_thread(views, social_worker, 1, "quick")
    quick.join(10 if connection.vendor == "postgresql" else 1)
    if connection.vendor == "postgresql":
        assert not quick.is_alive() and "error" not in quick_outcome
        assert audit.sequence() == 1  # only the committed entry is visible to the sequencer
    else:
        assert quick.is_alive()  # SQLite: the read waits for the one writer
    release.set()
    slow.join(30)
    quick.join(30)
    assert "error" not in slow_outcome and "error" not in quick_outcome
    audit.sequence()
    first, second = (AuditEntry.objects.get(object_type=kind) for kind in ("slow", "quick"))
    assert first.pk < second.pk and first.at < second.at
    if connection.vendor == "postgresql":
        assert (second.seq, first.seq) == (1, 2)
    assert audit_trail.verify().ok


@pytest.mark.django_db
def test_an_entry_that_becomes_visible_late_gets_the_next_place_issue_14(social_worker,
                                                                         time_machine):
    """Entries are numbered when they are sequenced, oldest visible first: one written earlier
    but committed after a batch joins the next batch with the next number."""
    now = timezone.now()
    views(social_worker, 2)
    assert audit.sequence() == 2
    time_machine.move_to(now - timedelta(seconds=5), tick=False)
    late = views(social_worker, 1, "late")[0]
    time_machine.move_to(now, tick=False)
    assert audit.sequence() == 1
    late.refresh_from_db()
    assert late.seq == 3 and late.at < AuditEntry.objects.get(seq=1).at
    assert audit_trail.verify().ok
    assert list(AuditTreeHead.objects.values_list("size", flat=True)) == [2, 3]


@pytest.mark.django_db(transaction=True)
def test_two_sequencers_at_once_make_one_log_issue_14(social_worker):
    """Two workers sequence while Sam's colleagues keep writing: one log, every entry in it
    once, numbered without a gap, every head a prefix of the next."""
    writing = threading.Event()
    writing.set()

    def writer():
        for _ in range(60):
            with transaction.atomic():
                for i in range(3):
                    audit.record("view", user=social_worker, object_type="x", object_id=str(i))
        writing.clear()

    def sequencer():
        linked = 0
        while writing.is_set() or AuditEntry.objects.filter(seq__isnull=True).exists():
            linked += audit.sequence(batch=7) or 0
        return linked

    threads = [in_thread(writer), in_thread(sequencer), in_thread(sequencer)]
    for thread, _ in threads:
        thread.join(120)
    assert [outcome for _, outcome in threads if "error" in outcome] == []
    _, (_, first), (_, second) = threads
    # Which of the two links more is the scheduler's business (on SQLite one may link them
    # all while the other waits on the database): between them, each entry once.
    assert first["value"] + second["value"] == 180
    assert list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True)) == list(
        range(1, 181))
    result = audit_trail.verify()
    assert result.ok and result.linked == 180
    sizes = list(AuditTreeHead.objects.order_by("id").values_list("size", flat=True))
    assert sizes == sorted(sizes) and sizes[-1] == 180
    proof = audit_trail.prove_consistency(sizes[0])
    assert audit_trail.check_consistency(proof) == ""


@pytest.mark.django_db(transaction=True)
def test_when_a_sequencer_dies_another_takes_over_issue_14(social_worker):
    """A worker dies mid-batch holding the sequencer's lock (PostgreSQL: an advisory lock;
    SQLite: the one writer's transaction). The other links nothing meanwhile, and everything
    once the dead one's connection is gone."""
    views(social_worker, 3)
    holding, die = threading.Event(), threading.Event()

    def dying_sequencer():
        with transaction.atomic():
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [audit.SEQUENCER_LOCK])
            holding.set()
            die.wait(30)
            connection.close()  # the process is gone: its transaction and lock with it

    dying, _ = in_thread(dying_sequencer)
    assert holding.wait(30)
    other, outcome = in_thread(audit.sequence)
    other.join(10 if connection.vendor == "postgresql" else 1)
    if connection.vendor == "postgresql":
        assert outcome == {"value": None}  # another sequencer holds the lock
    else:
        assert other.is_alive()  # waiting for the one writer
    assert AuditEntry.objects.filter(seq__isnull=True).count() == 3
    die.set()
    dying.join(30)
    other.join(30)
    if connection.vendor == "postgresql":
        other, outcome = in_thread(audit.sequence)
        other.join(30)
    assert outcome == {"value": 3}
    assert audit_trail.verify().ok


@pytest.mark.django_db
def test_an_entry_left_unsequenced_fails_verify_and_healthz_issue_14(social_worker, client,
                                                                      settings, time_machine):
    entry = views(social_worker, 1)[0]
    assert client.get("/healthz").json() == {"status": "ok", "database": "ok", "audit": "ok"}
    assert audit_trail.verify().ok
    time_machine.move_to(entry.at + timedelta(seconds=61), tick=False)
    answer = client.get("/healthz")
    assert answer.status_code == 503 and answer.json()["database"] == "ok"
    assert f"entry id {entry.pk}" in answer.json()["audit"]
    assert "has waited more than 60 s for the sequencer" in answer.json()["audit"]
    result = audit_trail.verify()
    assert not result.ok and f"entry id {entry.pk}" in result.problem
    with pytest.raises(CommandError, match="is `hearth worker` running"):
        call_command("audit", "verify")
    settings.AUDIT_SEQUENCE_MAX_DELAY = 120  # HEARTH_AUDIT_SEQUENCE_MAX_DELAY_SECONDS
    assert client.get("/healthz").status_code == 200
    settings.AUDIT_SEQUENCE_MAX_DELAY = 60
    call_command("audit", "sequence")
    assert client.get("/healthz").status_code == 200 and audit_trail.verify().ok


@pytest.fixture
def log_of_700(social_worker):
    """700 entries in three batches: heads at 300, 600 and 700; stored subtrees of 256 and
    512 entries."""
    with transaction.atomic():
        for i in range(700):
            audit.record("view", user=social_worker, object_type="people.person",
                         object_id=str(i))
    assert audit.sequence(batch=300) == 700
    assert list(AuditTreeHead.objects.values_list("size", flat=True)) == [300, 600, 700]
    assert set(AuditTreeNode.objects.values_list("level", "index")) == {(8, 0), (8, 1), (9, 0)}
    return dict(AuditEntry.objects.values_list("seq", "pk"))


@pytest.mark.django_db
def test_one_entry_is_proved_in_the_log_without_reading_it_all_issue_14(log_of_700):
    for seq in (1, 255, 256, 257, 512, 600, 700):
        with CaptureQueriesContext(connection) as queries:
            proof = audit_trail.prove(log_of_700[seq])
        assert len(queries.captured_queries) <= 8
        assert proof["seq"] == seq and proof["tree_size"] == 700
        assert audit_trail.check_proof(proof) == ""
    proof = audit_trail.prove(log_of_700[300])
    tampered = {**proof, "audit_path": [proof["audit_path"][0][::-1], *proof["audit_path"][1:]]}
    assert "does not lead from the entry" in audit_trail.check_proof(tampered)
    assert "not entry" in audit_trail.check_proof({**proof, "seq": 301, "leaf_index": 300})
    assert "not genuine" in audit_trail.check_proof({**proof, "tree_size": 701})
    with guard_off(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditentry SET reason = 'edited' WHERE seq = 300")
    assert "not entry" in audit_trail.check_proof(proof)


@pytest.mark.django_db
def test_hearth_audit_prove_prints_and_verifies_the_proof_issue_14(log_of_700, capsys,
                                                                  tmp_path, social_worker):
    call_command("audit", "prove", str(log_of_700[42]))
    captured = capsys.readouterr()
    proof = json.loads(captured.out)
    assert proof["entry"] == log_of_700[42] and len(proof["audit_path"]) == 10
    assert "Verified: entry" in captured.err
    saved = tmp_path / "proof.json"
    saved.write_text(json.dumps({**proof, "root_hash": "0" * 64}))
    with pytest.raises(CommandError, match="The proof fails: the proof's signed head"):
        call_command("audit", "prove", "--check", str(saved))
    waiting = views(social_worker, 1)[0]
    with pytest.raises(CommandError, match="waiting for the sequencer"):
        call_command("audit", "prove", str(waiting.pk))


@pytest.mark.django_db
def test_every_signed_head_is_checked_and_heads_prove_consistent_issue_14(log_of_700, capsys):
    call_command("audit", "consistency", "300")
    assert json.loads(capsys.readouterr().out)["second"]["tree_size"] == 700
    for table in ("access_audittreehead", "access_audittreenode"):
        with pytest.raises(Exception, match="append-only"), transaction.atomic():  # noqa: B017
            with connection.cursor() as cursor:
                cursor.execute(f"UPDATE {table} SET id = id")  # noqa: S608
    with guard_off(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_audittreehead SET root = %s WHERE size = 600", ["0" * 64])
    result = audit_trail.verify()
    assert not result.ok and "the signed head at 600 entries was changed or forged" in (
        result.problem)


@pytest.mark.django_db
def test_the_sequencer_will_not_extend_a_log_changed_under_its_head_issue_14(fletchers,
                                                                             social_worker):
    audit.sequence()
    with guard_off(), connection.cursor() as cursor:
        cursor.execute("UPDATE access_auditentry SET username = 'mallory' WHERE seq = "
                       "(SELECT MAX(seq) FROM access_auditentry)")
    views(social_worker, 1)
    with pytest.raises(audit.SequencerRefused, match="no longer match their signed head"):
        audit.sequence()
    with pytest.raises(CommandError, match="The sequencer refused"):
        call_command("audit", "sequence")
    assert "was changed" in audit_trail.verify().problem
