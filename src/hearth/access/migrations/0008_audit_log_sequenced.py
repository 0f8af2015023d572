"""The audit trail becomes a log sequenced like a transparency log (issue 14).

Entries are written without a lock, each sealed with an HMAC of its content and id
(``content_mac``); the sequencer gives each its place (``seq``) and chain MAC (``mac``) later,
and publishes signed heads of the RFC 6962 Merkle tree (``AuditTreeHead``), keeping the larger
complete subtrees (``AuditTreeNode``) for inclusion proofs. The single locked head row goes.

Existing entries: the old chain is checked first (an upgrade must not seal a trail that was
tampered with: it stops, and ``hearth audit verify`` on the previous version names where);
then each entry gets its content MAC and waits for the sequencer, which links them in their
old order (run ``hearth audit sequence`` or start ``hearth worker`` after migrating).

The triggers of ``0003_audit_trail_append_only`` are replaced: an entry may be updated only to
be given its place, once (``seq`` and ``mac`` from empty, nothing else changed); heads and
nodes, and entries otherwise, are never updated or deleted (nor truncated, on PostgreSQL).

The SQL and the MACs are written out here, not imported, so that the migration stays as it was
applied.
"""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import migrations, models

REFUSED = "the audit trail is append-only"
PLACED = "an audit entry is only given its place, once"

OLD_TRIGGERS = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS access_audithead_forward_only ON access_audithead",
        "DROP TRIGGER IF EXISTS access_audithead_no_truncate ON access_audithead",
        "DROP TRIGGER IF EXISTS access_audithead_no_delete ON access_audithead",
        "DROP TRIGGER IF EXISTS access_auditentry_no_truncate ON access_auditentry",
        "DROP TRIGGER IF EXISTS access_auditentry_append_only ON access_auditentry",
        "DROP FUNCTION IF EXISTS hearth_audit_head_forward_only()",
        "DROP FUNCTION IF EXISTS hearth_audit_append_only()",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS access_audithead_forward_only",
        "DROP TRIGGER IF EXISTS access_audithead_no_delete",
        "DROP TRIGGER IF EXISTS access_auditentry_no_delete",
        "DROP TRIGGER IF EXISTS access_auditentry_no_update",
    ],
}

CONTENT = ("at", "user_id_snapshot", "username", "ip", "user_agent", "action", "object_type",
           "object_id", "fields", "reason", "content_mac")
LOG_TABLES = ("access_audittreehead", "access_audittreenode")
#: Every column but ``seq`` and ``mac``: a column added to entries must be added here too.
_NEW = ", ".join(f"NEW.{column}" for column in ("id", *CONTENT))
_OLD = ", ".join(f"OLD.{column}" for column in ("id", *CONTENT))

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
    CREATE FUNCTION hearth_audit_placed_once() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.mac <> ''
                AND ({_NEW}) IS NOT DISTINCT FROM ({_OLD}) THEN
            RETURN NEW;
        END IF;
        RAISE EXCEPTION '{REFUSED}: UPDATE on % refused ({PLACED})', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END
    $$
    """,
    """
    CREATE TRIGGER access_auditentry_placed_once BEFORE UPDATE ON access_auditentry
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_placed_once()
    """,
    """
    CREATE TRIGGER access_auditentry_no_delete BEFORE DELETE ON access_auditentry
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_append_only()
    """,
    """
    CREATE TRIGGER access_auditentry_no_truncate BEFORE TRUNCATE ON access_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_audit_append_only()
    """,
] + [sql for table in LOG_TABLES for sql in (
    f"""
    CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION hearth_audit_append_only()
    """,
    f"""
    CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
    FOR EACH STATEMENT EXECUTE FUNCTION hearth_audit_append_only()
    """)]

POSTGRESQL_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_{kind} ON {table}"
      for table in LOG_TABLES for kind in ("append_only", "no_truncate")),
    "DROP TRIGGER IF EXISTS access_auditentry_no_truncate ON access_auditentry",
    "DROP TRIGGER IF EXISTS access_auditentry_no_delete ON access_auditentry",
    "DROP TRIGGER IF EXISTS access_auditentry_placed_once ON access_auditentry",
    "DROP FUNCTION IF EXISTS hearth_audit_placed_once()",
    "DROP FUNCTION IF EXISTS hearth_audit_append_only()",
]

_UNCHANGED = " AND ".join(f"NEW.{column} IS OLD.{column}" for column in ("id", *CONTENT))
SQLITE = [
    f"""
    CREATE TRIGGER access_auditentry_placed_once BEFORE UPDATE ON access_auditentry
    WHEN NOT (OLD.seq IS NULL AND NEW.seq IS NOT NULL AND NEW.mac <> '' AND {_UNCHANGED})
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE on access_auditentry refused ({PLACED})'); END
    """,
    f"""
    CREATE TRIGGER access_auditentry_no_delete BEFORE DELETE ON access_auditentry
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE on access_auditentry refused'); END
    """,
] + [sql for table in LOG_TABLES for sql in (
    f"""
    CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table}
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: UPDATE on {table} refused'); END
    """,
    f"""
    CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
    BEGIN SELECT RAISE(ABORT, '{REFUSED}: DELETE on {table} refused'); END
    """)]

SQLITE_REVERSE = [
    *(f"DROP TRIGGER IF EXISTS {table}_{kind}"
      for table in LOG_TABLES for kind in ("no_update", "no_delete")),
    "DROP TRIGGER IF EXISTS access_auditentry_no_delete",
    "DROP TRIGGER IF EXISTS access_auditentry_placed_once",
]


def _run(statements: dict[str, list[str]]):
    def run(apps, schema_editor):
        for sql in statements.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql, params=None)
    return run


def _mac(data: bytes) -> str:
    key = hashlib.sha256(("hearth-audit:" + settings.AUDIT_HMAC_KEY).encode()).digest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _json(body) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), default=str).encode()


def seal_existing_entries(apps, schema_editor):
    """Check the old chain end to end, then give every entry its content MAC and leave it to
    the sequencer (in batches, keyed by seq: no cursor is open while rows change)."""
    AuditEntry = apps.get_model("access", "AuditEntry")
    AuditHead = apps.get_model("access", "AuditHead")
    connection = schema_editor.connection
    previous, expected = "0" * 64, 1
    while True:
        batch = list(AuditEntry.objects.filter(seq__gte=expected).order_by("seq")[:2000])
        if not batch:
            break
        sealed = []
        for entry in batch:
            body = {"at": entry.at.isoformat(), "user": entry.user_id_snapshot,
                    "username": entry.username, "ip": entry.ip, "ua": entry.user_agent,
                    "action": entry.action, "type": entry.object_type, "id": entry.object_id,
                    "fields": entry.fields, "reason": entry.reason}
            old = previous.encode() + b"|" + _json({**body, "seq": entry.seq})
            if (entry.seq != expected or entry.prev_mac != previous
                    or not hmac.compare_digest(_mac(old), entry.mac)):
                raise RuntimeError(
                    f"The audit chain is broken at entry {expected}: the upgrade will not seal "
                    f"a trail that was tampered with. Run `hearth audit verify` on the previous "
                    f"version to see what changed.")
            previous, expected = entry.mac, expected + 1
            content = [entry.id, entry.at.isoformat(), entry.user_id_snapshot, entry.username,
                       entry.ip, entry.user_agent, entry.action, entry.object_type,
                       entry.object_id, entry.fields, entry.reason]
            sealed.append((entry.id, _mac(b"entry|" + _json(content))))
        with connection.cursor() as cursor:
            cursor.executemany("UPDATE access_auditentry SET content_mac = %s, seq = NULL, "
                               "mac = '' WHERE id = %s", [(mac, pk) for pk, mac in sealed])
    head = AuditHead.objects.filter(id=1).first()
    if expected > 1 and (head is None or head.seq != expected - 1 or head.mac != previous):
        raise RuntimeError("The audit chain's head does not name its last entry: the upgrade "
                           "will not seal a trail that was tampered with. Run `hearth audit "
                           "verify` on the previous version to see what changed.")


class Migration(migrations.Migration):

    dependencies = [
        ("access", "0007_notification_people"),
    ]

    operations = [
        migrations.RunPython(_run(OLD_TRIGGERS), migrations.RunPython.noop, elidable=False),
        migrations.AddField(
            model_name="auditentry",
            name="content_mac",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="seq",
            field=models.BigIntegerField(blank=True, null=True, unique=True),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="mac",
            field=models.CharField(blank=True, default="", max_length=64),
        ),
        migrations.RunPython(seal_existing_entries, elidable=False),
        migrations.RemoveField(model_name="auditentry", name="prev_mac"),
        migrations.RemoveIndex(model_name="auditentry", name="access_audi_object__5ea5f2_idx"),
        migrations.AlterField(  # (object_type, object_id, at) below serves every query
            model_name="auditentry",
            name="object_id",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.AlterModelOptions(name="auditentry", options={"ordering": ["at", "id"]}),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["object_type", "object_id", "at"],
                               name="access_audit_object_at"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(condition=models.Q(("seq__isnull", True)), fields=["at", "id"],
                               name="access_audit_unsequenced"),
        ),
        migrations.DeleteModel(name="AuditHead"),
        migrations.CreateModel(
            name="AuditTreeHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("size", models.BigIntegerField(unique=True)),
                ("root", models.CharField(max_length=64)),
                ("chain", models.CharField(max_length=64)),
                ("signed_at", models.DateTimeField()),
                ("signature", models.CharField(max_length=64)),
            ],
            options={"ordering": ["size"]},
        ),
        migrations.CreateModel(
            name="AuditTreeNode",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False,
                                           verbose_name="ID")),
                ("level", models.PositiveSmallIntegerField()),
                ("index", models.BigIntegerField()),
                ("hash", models.CharField(max_length=64)),
            ],
        ),
        migrations.AddConstraint(
            model_name="audittreenode",
            constraint=models.UniqueConstraint(fields=("level", "index"),
                                               name="access_audit_node_once"),
        ),
        migrations.RunPython(_run({"postgresql": POSTGRESQL, "sqlite": SQLITE}),
                             _run({"postgresql": POSTGRESQL_REVERSE, "sqlite": SQLITE_REVERSE}),
                             elidable=False),
    ]
