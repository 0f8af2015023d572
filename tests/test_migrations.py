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
    migrate``, has nothing left to apply, keeps an intact audit log, and Sam still sees Jack
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
    # Issue 14: the old chain was checked and its entry waits for the sequencer (`hearth
    # worker`, or by hand), which links it; the first verify keeps the head outside the
    # database (issue 13 item 3), and the migrated database refuses to empty the trail.
    waiting = hearth("audit", "verify")
    assert waiting.returncode == 1 and "has waited more than 60 s" in waiting.stderr
    assert "Linked 1 entries" in hearth("audit", "sequence").stdout
    verified = hearth("audit", "verify")
    assert verified.returncode == 0 and "1 entries verified (1 in the signed log" in (
        verified.stdout)
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


def test_an_upgrade_does_not_seal_a_tampered_trail_issue_14(tmp_path):
    """Issue 14 re-seals the old chain's entries for the sequencer: it checks the old chain
    first, and stops rather than launder an entry edited before the upgrade."""
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
        connection.execute("UPDATE access_auditentry SET username = 'mallory'")
    env = {**os.environ, "HEARTH_DATABASE_URL": f"sqlite:///{database}",
           "HEARTH_DATA_DIR": str(tmp_path),
           "HEARTH_AUDIT_KEY": "synthetic-audit-key-for-the-migration-test"}
    migrated = subprocess.run([sys.executable, "-m", "hearth.cli", "migrate", "--noinput"],
                              env=env, capture_output=True, text=True, timeout=300)
    assert migrated.returncode != 0
    assert "The audit chain is broken at entry 1" in migrated.stderr
