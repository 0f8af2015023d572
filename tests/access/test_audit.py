"""The audit log cannot be quietly rewritten (ENGINEERING.md practice 6, issue 14). The database
refuses to change it (tests/access/test_audit_guard.py); here the owner of its tables has taken
that guard off, and ``hearth audit verify`` still names what they did once the sequencer has
linked the entries."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from hearth.access import queries as audit_trail
from hearth.access.actions import audit
from hearth.access.models import AuditEntry
from tests.audit_guard import guard_off


def raw(sql: str, params=()):
    """Tamper as the owner of the audit tables, who can take the triggers off."""
    with guard_off(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def chain(fletchers):
    """Sam's work on the Fletchers, linked into the log by the sequencer."""
    assert audit.sequence() >= 5
    result = audit_trail.verify()
    assert result.ok and result.linked >= 5 and result.waiting == 0
    return list(AuditEntry.objects.order_by("seq"))


@pytest.mark.django_db
def test_an_intact_log_verifies(chain, capsys):
    call_command("audit", "verify")
    assert f"{len(chain)} entries verified ({len(chain)} in the signed log, 0 waiting" in (
        capsys.readouterr().out)


@pytest.mark.django_db
def test_an_edited_entry_is_named_issue_14(chain):
    target = chain[2]
    raw("UPDATE access_auditentry SET username = %s WHERE seq = %s", ["mallory", target.seq])
    result = audit_trail.verify()
    assert not result.ok
    assert f"entry {target.seq} was changed" in result.problem
    with pytest.raises(CommandError, match=f"entry {target.seq} was changed"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_a_deleted_entry_is_named_issue_14(chain):
    raw("DELETE FROM access_auditentry WHERE seq = %s", [chain[3].seq])
    result = audit_trail.verify()
    assert not result.ok and f"entry {chain[3].seq} is missing" in result.problem


@pytest.mark.django_db
def test_a_deleted_tail_is_detected_by_the_signed_head_issue_14(chain):
    last = chain[-1].seq
    raw("DELETE FROM access_auditentry WHERE seq = %s", [last])
    result = audit_trail.verify()
    assert not result.ok
    assert f"its signed head names {last} entries: entries {last} to {last} were removed" in (
        result.problem)


@pytest.mark.django_db
def test_reordered_entries_are_detected_issue_14(chain):
    a, b = chain[1], chain[2]
    raw("UPDATE access_auditentry SET seq = -1 WHERE seq = %s", [a.seq])
    raw("UPDATE access_auditentry SET seq = %s WHERE seq = %s", [a.seq, b.seq])
    raw("UPDATE access_auditentry SET seq = %s WHERE seq = -1", [b.seq])
    result = audit_trail.verify()
    assert not result.ok
    assert f"entry {a.seq} is not where it was sequenced" in result.problem


@pytest.mark.django_db
def test_a_copied_entry_is_not_a_valid_entry_issue_14(chain):
    """The content MAC covers the entry's id: a row copied under a new id is found, waiting
    for the sequencer or linked."""
    source = chain[1]
    columns = ("at, user_id_snapshot, username, ip, user_agent, action, object_type, "
               "object_id, fields, reason, content_mac")
    raw(f"INSERT INTO access_auditentry (id, mac, {columns}) SELECT id + 100000, '', "  # noqa: S608
        f"{columns} FROM access_auditentry WHERE id = %s", [source.pk])
    assert f"entry id {source.pk + 100000}, waiting for the sequencer, was changed" in (
        audit_trail.verify().problem)
    audit.sequence()
    assert f"entry {chain[-1].seq + 1} was changed" in audit_trail.verify().problem


@pytest.mark.django_db
def test_a_forged_entry_without_the_key_is_detected(chain, settings):
    settings.AUDIT_HMAC_KEY = "not-the-real-key"
    with transaction.atomic():
        audit.record("view", object_type="people.person", object_id="x")
    settings.AUDIT_HMAC_KEY = settings.SECRET_KEY
    assert "waiting for the sequencer, was changed" in audit_trail.verify().problem
    audit.sequence()
    assert f"entry {len(chain) + 1} was changed" in audit_trail.verify().problem


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_through_the_orm(chain):
    entry = chain[0]
    entry.username = "mallory"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


@pytest.mark.django_db
def test_audit_rows_are_written_in_the_changes_transaction(social_worker):
    """A change that fails leaves neither the change nor its audit row (issue 14: nothing is
    kept if it rolls back)."""
    from hearth.people import actions
    from hearth.people.models import Person

    before = AuditEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017  (a database error of any kind)
        with transaction.atomic():
            actions.do_create_person(acting_user=social_worker, given_name="Ivy",
                                     family_name="Moss")
            raise RuntimeError("the request failed after the write")
    assert Person.objects.count() == 0
    assert AuditEntry.objects.count() == before
    assert audit.sequence() == before and audit_trail.verify().ok


@pytest.mark.django_db
def test_audit_records_who_when_where_and_what(fletchers, social_worker, as_user):
    from django.urls import reverse

    client = as_user(social_worker)
    client.get(reverse("web:person", args=[fletchers["jack"].pk]),
               HTTP_USER_AGENT="Firefox test", REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.filter(action="view").latest("at", "id")
    assert entry.username == "sam"
    assert entry.ip == "10.1.2.3" and entry.user_agent == "Firefox test"
    assert entry.object_type == "people.person" and entry.object_id == str(fletchers["jack"].pk)
    update = AuditEntry.objects.filter(action="add_relationship").first()
    assert update.fields["kind"] == "mother"


def test_audit_record_refuses_to_run_outside_a_transaction(transactional_db):
    with pytest.raises(RuntimeError):
        audit.record("view", object_type="x", object_id="y")


@pytest.mark.django_db(transaction=True)
def test_a_read_is_audited_in_its_own_transaction_and_linked(fletchers, social_worker):
    """Pages record a read with ``audit.record_read`` outside any transaction of theirs; the
    sequencer links it, the log verifies, and the new signed head is kept outside the
    database once its batch commits (issue 13 item 3, issue 14)."""
    assert not connection.in_atomic_block
    entry = audit.record_read("view", user=social_worker, obj=fletchers["jack"],
                              fields={"page": "chronology"})
    assert entry.seq is None and audit_trail.verify().waiting >= 1
    audit.sequence()
    last = AuditEntry.objects.order_by("-seq").first()
    assert last == entry and last.object_id == str(fletchers["jack"].pk)
    assert last.fields == {"page": "chronology"}
    result = audit_trail.verify()
    assert result.ok and result.waiting == 0
    kept = audit_trail.kept_head()
    assert kept is not None and kept.size == last.seq and kept == result.head
