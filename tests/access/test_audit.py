"""The audit trail cannot be quietly rewritten (ENGINEERING.md practice 6). The database
refuses to change it (tests/access/test_audit_guard.py); here the owner of its tables has taken
that guard off, and ``hearth audit verify`` still names what they did."""

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
    result = audit_trail.verify()
    assert result.ok and result.checked >= 5
    return list(AuditEntry.objects.order_by("seq"))


@pytest.mark.django_db
def test_an_intact_chain_verifies(chain, capsys):
    call_command("audit", "verify")
    assert f"{len(chain)} entries verified" in capsys.readouterr().out


@pytest.mark.django_db
def test_an_edited_entry_is_named(chain):
    target = chain[2]
    raw("UPDATE access_auditentry SET username = %s WHERE seq = %s", ["mallory", target.seq])
    result = audit_trail.verify()
    assert not result.ok
    assert f"entry {target.seq} was changed" in result.problem
    with pytest.raises(CommandError, match=f"entry {target.seq} was changed"):
        call_command("audit", "verify")


@pytest.mark.django_db
def test_a_deleted_entry_is_named(chain):
    raw("DELETE FROM access_auditentry WHERE seq = %s", [chain[3].seq])
    result = audit_trail.verify()
    assert not result.ok and f"entry {chain[3].seq} is missing" in result.problem


@pytest.mark.django_db
def test_a_deleted_tail_is_detected_by_the_head(chain):
    raw("DELETE FROM access_auditentry WHERE seq = %s", [chain[-1].seq])
    result = audit_trail.verify()
    assert not result.ok and f"entry {chain[-1].seq} is missing" in result.problem


@pytest.mark.django_db
def test_reordered_entries_are_detected(chain):
    a, b = chain[1], chain[2]
    raw("UPDATE access_auditentry SET seq = -1 WHERE seq = %s", [a.seq])
    raw("UPDATE access_auditentry SET seq = %s WHERE seq = %s", [a.seq, b.seq])
    raw("UPDATE access_auditentry SET seq = %s WHERE seq = -1", [b.seq])
    result = audit_trail.verify()
    assert not result.ok
    assert f"entry {a.seq}" in result.problem


@pytest.mark.django_db
def test_a_forged_entry_without_the_key_is_detected(chain, settings):
    settings.AUDIT_HMAC_KEY = "not-the-real-key"
    with transaction.atomic():
        audit.record("view", object_type="people.person", object_id="x")
    settings.AUDIT_HMAC_KEY = settings.SECRET_KEY
    assert not audit_trail.verify().ok


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
    """A change that fails leaves neither the change nor its audit row."""
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


@pytest.mark.django_db
def test_audit_records_who_when_where_and_what(fletchers, social_worker, as_user):
    from django.urls import reverse

    client = as_user(social_worker)
    client.get(reverse("web:person", args=[fletchers["jack"].pk]),
               HTTP_USER_AGENT="Firefox test", REMOTE_ADDR="10.1.2.3")
    entry = AuditEntry.objects.filter(action="view").latest("seq")
    assert entry.username == "sam"
    assert entry.ip == "10.1.2.3" and entry.user_agent == "Firefox test"
    assert entry.object_type == "people.person" and entry.object_id == str(fletchers["jack"].pk)
    update = AuditEntry.objects.filter(action="add_relationship").first()
    assert update.fields["kind"] == "mother"


def test_audit_record_refuses_to_run_outside_a_transaction(transactional_db):
    with pytest.raises(RuntimeError):
        audit.record("view", object_type="x", object_id="y")


@pytest.mark.django_db(transaction=True)
def test_a_read_is_audited_in_its_own_transaction_and_chained(fletchers, social_worker):
    """Pages record a read with ``audit.record_read`` outside any transaction of theirs; the
    entry still joins the chain, which still verifies."""
    assert not connection.in_atomic_block
    entry = audit.record_read("view", user=social_worker, obj=fletchers["jack"],
                              fields={"page": "chronology"})
    last = AuditEntry.objects.order_by("-seq").first()
    assert last == entry and last.object_id == str(fletchers["jack"].pk)
    assert last.fields == {"page": "chronology"}
    assert audit_trail.verify().ok
    # Once committed, its head is kept outside the database too (issue 13 item 3).
    kept = audit_trail.kept_head()
    assert kept is not None and (kept.seq, kept.mac) == (last.seq, last.mac)
