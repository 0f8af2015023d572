"""`hearth bench load` (issue 14): a council's workforce at once. It seeds a scratch database of
its own, signs in the staff its simulated users act as, starts `hearth serve` and `hearth
worker`, drives the mix with locust and prints per-operation figures against /healthz; a run
also checks the audit log kept up with it. Here a handful of users for a few seconds: enough
that every kind of user and most operations ran, without asserting a time."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.people.models import Person


@pytest.mark.bench
@pytest.mark.django_db
def test_bench_load_drives_the_mix_and_prints_each_operation_against_the_floor():
    out = StringIO()
    call_command("bench", "load", "--users", "12", "--seconds", "8", "--families", "15",
                 "--web-workers", "2", "--spawn-rate", "12", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert figures["users"] == 12 and figures["people"] > 15
    operations = figures["operations"]
    assert {"healthz", "home_sw", "person_page", "search_api"} <= set(operations)
    assert operations["healthz"]["x_floor"] == 1.0
    assert figures["requests"] == sum(o["requests"] for o in operations.values()) > 0
    # Nothing in the mix is refused or fails: every error is named, with its operation.
    assert figures["failures"] == 0, figures["errors"]
    assert all(0 < o["p50_ms"] <= o["p95_ms"] for o in operations.values())
    # The audit log kept up with the writes and reads, and is whole.
    assert figures["audit_verify"] == "ok"
    assert not Person.objects.exists()  # the configured database was not touched


def test_bad_arguments_are_named():
    with pytest.raises(CommandError, match="--users, --seconds, --families"):
        call_command("bench", "load", "--users", "0")
    with pytest.raises(CommandError, match="--reuse is for PostgreSQL only"):
        call_command("bench", "load", "--engine", "sqlite", "--reuse")
    with pytest.raises(CommandError, match="scratch database only"):
        call_command("bench", "load", "--in-scratch")
    with pytest.raises(CommandError, match="invalid choice: 'everyone'"):
        call_command("bench", "load", "--mix", "everyone")


def test_a_reused_database_without_its_key_is_refused_with_what_to_do(tmp_path, monkeypatch):
    """`--reuse` keeps the database's secret key in bench/ of the data folder; a database made
    elsewhere (its key not here) would fail on its first signed head, so it is refused first,
    naming the database and how to start again. Nothing is created or run."""
    from hearth.demo import scratch

    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(scratch, "_exists", lambda server, name: True)
    monkeypatch.setattr(scratch, "_postgres", lambda *a: pytest.fail("touched the server"))
    with pytest.raises(RuntimeError, match=r'drop it \(DROP DATABASE "hearth_bench_load_3_9"\)'):
        scratch.in_scratch(["load"], engine="postgres", keep=False, label="load_3_9",
                           reuse=True)
    assert not (tmp_path / "bench" / "hearth_bench_load_3_9.secret").exists()


@pytest.mark.bench
@pytest.mark.django_db
def test_the_ceiling_mix_reused_starts_every_run_from_the_same_records(tmp_path, monkeypatch):
    """``--mix ceiling``: the same signed-in staff ask only their notifications page, the most
    a machine serves whatever the pages do; every request answered, the log whole. And
    `--reuse` seeds its database once and keeps it; each run writes (its users' sign-ins and
    reads in the audit log; the council's mix, contacts, notes and visits too) into a copy
    made afresh for it, so that the next run starts where the first did (issue 14: runs on
    one database grew its front-door queue and slowed every run after)."""
    import psycopg

    from hearth.demo import scratch

    monkeypatch.setenv("HEARTH_DATA_DIR", str(tmp_path))
    server = scratch.DEFAULT_SERVER
    kept, copy = "hearth_bench_load_11_77", "hearth_bench_load_11_77_run"

    def run() -> dict:
        out = StringIO()
        call_command("bench", "load", "--users", "6", "--seconds", "4", "--families", "11",
                     "--seed", "77", "--web-workers", "1", "--spawn-rate", "6", "--mix",
                     "ceiling", "--engine", "postgres", "--reuse", stdout=out)
        figures = json.loads(out.getvalue().strip().splitlines()[-1])
        assert figures["mix"] == "ceiling"
        assert set(figures["operations"]) == {"healthz", "signed_in"}
        assert figures["operations"]["signed_in"]["requests"] > 0
        assert figures["failures"] == 0, figures["errors"]
        assert figures["audit_verify"] == "ok"
        return figures

    def count(table: str) -> int:
        url = scratch.urlunsplit(scratch.urlsplit(server)._replace(path=f"/{kept}"))
        with psycopg.connect(url) as conn:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608

    try:
        first = run()
        logged, contacts = count("access_auditentry"), count("frontdoor_contact")
        second = run()
        assert second["contacts_at_start"] == first["contacts_at_start"] == contacts
        assert count("access_auditentry") == logged  # the kept database was not written to
        assert not scratch._exists(server, copy)  # the run's copy is dropped after it
        assert not (tmp_path / "bench" / f"{copy}.secret").exists()
    finally:
        for name in (copy, kept):
            scratch._postgres(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
