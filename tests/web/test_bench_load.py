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
