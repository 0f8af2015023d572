"""Person search (R-PPL-2): display name and kind on each search row, indexed blocking keys,
and a trigram index per engine.

- PostgreSQL: the blocking indexes become covering indexes (``INCLUDE`` every column search
  reads, so candidates come from a few index pages, not a heap page each); the pg_trgm
  extension and a GIN trigram index on ``full_norm``, led by ``birth_year`` when btree_gin is
  available so that a trigram search within a year of birth reads only that year's entries.
- SQLite: an FTS5 table with the trigram tokenizer over ``full_norm`` (external content:
  the rows live in ``people_personsearchname``), kept in step by triggers.
"""

from django.db import migrations, models, transaction

TABLE = "people_personsearchname"
FTS = "people_psn_fts"
READ = ["person_id", "kind", "display", "given_norm", "family_norm", "given_phon",
        "family_phon", "date_of_birth", "postcodes"]
COVERING = {
    "psn_phon_year": ["family_phon", "given_phon", "birth_year"],
    "psn_year_family": ["birth_year", "family_phon", "given_norm"],
    "psn_year_given": ["birth_year", "given_phon", "family_norm"],
    "psn_dob": ["date_of_birth"],
}

SQLITE_FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS} USING fts5("
    f"full_norm, content='{TABLE}', content_rowid='id', tokenize='trigram')",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ai AFTER INSERT ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}(rowid, full_norm) VALUES (new.id, new.full_norm); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_ad AFTER DELETE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, full_norm) VALUES ('delete', old.id, old.full_norm); END",
    f"CREATE TRIGGER IF NOT EXISTS {FTS}_au AFTER UPDATE ON {TABLE} BEGIN "
    f"INSERT INTO {FTS}({FTS}, rowid, full_norm) VALUES ('delete', old.id, old.full_norm); "
    f"INSERT INTO {FTS}(rowid, full_norm) VALUES (new.id, new.full_norm); END",
    f"INSERT INTO {FTS}({FTS}) VALUES ('rebuild')",
]
SQLITE_REVERSE = [
    f"DROP TRIGGER IF EXISTS {FTS}_ai",
    f"DROP TRIGGER IF EXISTS {FTS}_ad",
    f"DROP TRIGGER IF EXISTS {FTS}_au",
    f"DROP TABLE IF EXISTS {FTS}",
]


def _covering(name, keys, cover):
    include = [c for c in READ if c not in keys]
    extra = f" INCLUDE ({', '.join(include)})" if cover else ""
    return [f"DROP INDEX IF EXISTS {name}",
            f"CREATE INDEX {name} ON {TABLE} ({', '.join(keys)}){extra}"]


def forward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for sql in SQLITE_FORWARD:
                cursor.execute(sql)
        elif connection.vendor == "postgresql":
            for name, keys in COVERING.items():
                for sql in _covering(name, keys, cover=True):
                    cursor.execute(sql)
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            try:
                with transaction.atomic(using=connection.alias):
                    cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
                    cursor.execute(f"CREATE INDEX psn_full_trgm ON {TABLE} "
                                   f"USING gin (birth_year, full_norm gin_trgm_ops)")
            except Exception:  # noqa: BLE001 - no btree_gin: a trigram index on its own
                cursor.execute(f"CREATE INDEX psn_full_trgm ON {TABLE} "
                               f"USING gin (full_norm gin_trgm_ops)")


def backward(apps, schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for sql in SQLITE_REVERSE:
                cursor.execute(sql)
        elif connection.vendor == "postgresql":
            cursor.execute("DROP INDEX IF EXISTS psn_full_trgm")
            for name, keys in COVERING.items():
                for sql in _covering(name, keys, cover=False):
                    cursor.execute(sql)


def refresh_keys(apps, schema_editor):
    """Existing rows: the sound keys changed and the new columns need values."""
    from hearth.people.rules.normalise import phonetic

    PersonSearchName = apps.get_model("people", "PersonSearchName")
    rows = list(PersonSearchName.objects.all())
    for row in rows:
        row.given_phon = phonetic(row.given_norm)
        row.family_phon = phonetic(row.family_norm)
        row.kind = "primary" if row.is_primary else "alias"
        row.display = row.display or row.full_norm.title()
    PersonSearchName.objects.bulk_update(
        rows, ["given_phon", "family_phon", "kind", "display"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ("people", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="personsearchname",
            name="kind",
            field=models.CharField(default="primary", max_length=10),
        ),
        migrations.AddField(
            model_name="personsearchname",
            name="display",
            field=models.CharField(blank=True, default="", max_length=201),
        ),
        migrations.AlterField(
            model_name="personsearchname",
            name="given_phon",
            field=models.CharField(max_length=20),
        ),
        migrations.AlterField(
            model_name="personsearchname",
            name="date_of_birth",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RemoveIndex(model_name="personsearchname", name="psn_phon"),
        migrations.RemoveIndex(model_name="personsearchname", name="psn_family"),
        migrations.AddIndex(
            model_name="personsearchname",
            index=models.Index(fields=["family_phon", "given_phon", "birth_year"],
                               name="psn_phon_year"),
        ),
        migrations.AddIndex(
            model_name="personsearchname",
            index=models.Index(fields=["birth_year", "family_phon", "given_norm"],
                               name="psn_year_family"),
        ),
        migrations.AddIndex(
            model_name="personsearchname",
            index=models.Index(fields=["birth_year", "given_phon", "family_norm"],
                               name="psn_year_given"),
        ),
        migrations.AddIndex(
            model_name="personsearchname",
            index=models.Index(fields=["date_of_birth"], name="psn_dob"),
        ),
        migrations.AddIndex(
            model_name="personsearchname",
            index=models.Index(fields=["given_phon"], name="psn_given_phon"),
        ),
        migrations.RunPython(refresh_keys, migrations.RunPython.noop),
        migrations.RunPython(forward, backward),
    ]
