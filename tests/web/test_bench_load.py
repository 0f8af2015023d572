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


@pytest.mark.bench
@pytest.mark.django_db
def test_the_ceiling_mix_asks_only_a_signed_in_page_and_the_floor():
    """``--mix ceiling``: the same signed-in staff ask only their notifications page, the most
    a machine serves whatever the pages do; every request answered, the log whole."""
    out = StringIO()
    call_command("bench", "load", "--users", "6", "--seconds", "4", "--families", "10",
                 "--web-workers", "1", "--spawn-rate", "6", "--mix", "ceiling", stdout=out)
    figures = json.loads(out.getvalue().strip().splitlines()[-1])
    assert figures["mix"] == "ceiling"
    assert set(figures["operations"]) == {"healthz", "signed_in"}
    assert figures["operations"]["signed_in"]["requests"] > 0
    assert figures["failures"] == 0, figures["errors"]
    assert figures["audit_verify"] == "ok"


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
