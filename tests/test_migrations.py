"""Every model change has its migration: a deployment migrates to exactly what the code
expects."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exc:  # makemigrations --check exits 1 when something is missing
        pytest.fail(f"missing migrations (exit {exc.code}):\n{out.getvalue()}")


def test_a_database_made_before_the_one_shape_refactor_migrates_and_reads(tmp_path):
    """Issue 12 moved code, not data: a database made by ``main`` before the refactor (4f7b8de:
    `hearth migrate`, then Sam, his
    team and Jack, with its audit row, dumped to tests/fixtures) migrates with ``hearth
    migrate``, has nothing left to apply, keeps an intact audit chain, and Sam still sees Jack
    through the visibility now registered from above."""
    import gzip
    import os
    import sqlite3
    import subprocess
    import sys
    from pathlib import Path

    dump = Path(__file__).parent / "fixtures" / "database_before_one_shape.sql.gz"
    database = tmp_path / "before.sqlite3"
    with sqlite3.connect(database) as connection:
        connection.executescript(gzip.open(dump, "rt").read())
    env = {**os.environ, "HEARTH_DATABASE_URL": f"sqlite:///{database}",
           "HEARTH_DATA_DIR": str(tmp_path),
           "HEARTH_AUDIT_KEY": "synthetic-audit-key-for-the-migration-test"}

    def hearth(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "hearth.cli", *args], env=env,
                              capture_output=True, text=True, timeout=300)

    migrated = hearth("migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    assert hearth("migrate", "--check").returncode == 0
    verified = hearth("audit", "verify")
    assert verified.returncode == 0 and "1 entries verified" in verified.stdout
    # Issue 13 item 3: the first verify keeps the head outside the database, and the migrated
    # database refuses to empty the trail.
    assert (tmp_path / "audit_head").exists()
    with sqlite3.connect(database) as connection, pytest.raises(sqlite3.DatabaseError,
                                                                match="append-only"):
        connection.execute("DELETE FROM access_auditentry")
    seen = hearth("shell", "-c", "from hearth.access.models import User; "
                  "from hearth.people.models import Person; "
                  "sam = User.objects.get(username='sam'); "
                  "print(list(Person.objects.visible_to(sam).values_list('given_name', "
                  "flat=True)))")
    assert seen.returncode == 0, seen.stderr
    assert "['Jack']" in seen.stdout
