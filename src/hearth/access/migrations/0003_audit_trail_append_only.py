"""The database itself keeps the audit trail append-only (issue 13 item 3).

Triggers refuse every UPDATE and DELETE of an audit entry (and, on PostgreSQL, a TRUNCATE of
the audit tables), refuse deleting the chain's head, and let the head move only forwards, to
an entry that is there with the MAC it names. Hearth never changes an entry (``AuditEntry.save``
refuses too); this stops anyone else who has the application's database login. The owner of the
tables can still drop the triggers: ``hearth audit verify`` then still finds the change, and
compares the chain with the head kept outside the database (``settings.AUDIT_HEAD_FILE``).

The SQL is written out here, not imported, so that the migration stays as it was applied.
"""

from django.db import migrations

REFUSED = "the audit trail is append-only"
HEAD_REFUSED = "the audit chain head only moves forward, to the newest entry"

POSTGRESQL = [
    f"""
    CREATE FUNCTION hearth_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        RAISE EXCEPTION '{REFUSED}: % on % refused', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    f"""
    CREATE FUNCTION hearth_audit_head_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id <> OLD.id OR NEW.seq <= OLD.seq OR NOT EXISTS (
                SELECT 1 FROM access_auditentry WHERE seq = NEW.seq AND mac = NEW.mac) THEN
            RAISE EXCEPTION '{HEAD_REFUSED} (from % to %)', OLD.seq, NEW.seq
                USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER access_auditentry_append_only BEFORE UPDATE OR DELETE ON access_auditentry
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_append_only()
    """,
    """
    CREATE TRIGGER access_auditentry_no_truncate BEFORE TRUNCATE ON access_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_audit_append_only()
    """,
    """
    CREATE TRIGGER access_audithead_no_delete BEFORE DELETE ON access_audithead
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_append_only()
    """,
    """
    CREATE TRIGGER access_audithead_no_truncate BEFORE TRUNCATE ON access_audithead
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_audit_append_only()
    """,
    """
    CREATE TRIGGER access_audithead_forward_only BEFORE UPDATE ON access_audithead
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_head_forward_only()
    """,
]

POSTGRESQL_REVERSE = [
    "DROP TRIGGER IF EXISTS access_audithead_forward_only ON access_audithead",
    "DROP TRIGGER IF EXISTS access_audithead_no_truncate ON access_audithead",
    "DROP TRIGGER IF EXISTS access_audithead_no_delete ON access_audithead",
    "DROP TRIGGER IF EXISTS access_auditentry_no_truncate ON access_auditentry",
    "DROP TRIGGER IF EXISTS access_auditentry_append_only ON access_auditentry",
    "DROP FUNCTION IF EXISTS hearth_audit_head_forward_only()",
    "DROP FUNCTION IF EXISTS hearth_audit_append_only()",
]

SQLITE = [
    f"""
    CREATE TRIGGER access_auditentry_no_update BEFORE UPDATE ON access_auditentry
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE on access_auditentry refused'); END
    """,
    f"""
    CREATE TRIGGER access_auditentry_no_delete BEFORE DELETE ON access_auditentry
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE on access_auditentry refused'); END
    """,
    f"""
    CREATE TRIGGER access_audithead_no_delete BEFORE DELETE ON access_audithead
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE on access_audithead refused'); END
    """,
    f"""
    CREATE TRIGGER access_audithead_forward_only BEFORE UPDATE ON access_audithead
    WHEN NEW.id <> OLD.id OR NEW.seq <= OLD.seq OR NOT EXISTS (
        SELECT 1 FROM access_auditentry WHERE seq = NEW.seq AND mac = NEW.mac)
    BEGIN SELECT RAISE(ABORT, '{HEAD_REFUSED}'); END
    """,
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS access_audithead_forward_only",
    "DROP TRIGGER IF EXISTS access_audithead_no_delete",
    "DROP TRIGGER IF EXISTS access_auditentry_no_delete",
    "DROP TRIGGER IF EXISTS access_auditentry_no_update",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0002_role_changes"),
    ]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
            elidable=False,
        ),
    ]
