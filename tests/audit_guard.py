"""Taking the database's guard off the audit trail, as only the owner of its tables can
(issue 13 item 3): the triggers of ``access/migrations/0008_audit_log_sequenced``.

Tests use it twice: to tamper with the trail as such an owner would, proving that
``hearth audit verify`` still notices; and around Django's flush, which empties every table
after a test that commits (``transaction=True``, the browser stories)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection as default_connection
from django.db import transaction

AUDIT_TABLES = ("access_auditentry", "access_audittreehead", "access_audittreenode")


@contextmanager
def guard_off(connection=None) -> Iterator[None]:
    """Within one transaction: the triggers off, then back on as they were."""
    connection = connection or default_connection
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in AUDIT_TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            yield
            for table in AUDIT_TABLES:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            return
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                       "tbl_name IN (%s, %s, %s)", AUDIT_TABLES)
        triggers = cursor.fetchall()
        for name, _ in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        yield
        for _, sql in triggers:
            cursor.execute(sql)


def flush_past_the_guard() -> None:
    """Make Django's flush (between tests that commit) take the guard off while it empties the
    tables (for the whole test session: every backend's operations class)."""
    from django.db import connections

    for alias in connections:
        ops = type(connections[alias].ops)
        if getattr(ops.execute_sql_flush, "past_the_audit_guard", False):
            continue
        original = ops.execute_sql_flush

        def execute_sql_flush(self, sql_list, _original=original):
            with guard_off(self.connection):
                _original(self, sql_list)

        execute_sql_flush.past_the_audit_guard = True  # type: ignore[attr-defined]
        ops.execute_sql_flush = execute_sql_flush
