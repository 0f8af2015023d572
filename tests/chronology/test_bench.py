"""`hearth bench chronology` prints figures for the chronology page from a scratch database of
its own (R-CHR-3); the page's query count does not grow with the number of events."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.chronology.models import Event


def bench(events: int) -> dict:
    out = StringIO()
    call_command("bench", "chronology", "--events", str(events), "--requests", "3", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


@pytest.mark.bench
@pytest.mark.django_db
def test_bench_chronology_prints_one_json_line_and_queries_do_not_grow_with_events():
    small, large = bench(20), bench(600)
    assert small["events"] == 20 and large["events"] == 600
    assert 0 < large["p50_ms"] <= large["p95_ms"]
    assert small["queries"] == large["queries"]
    assert not Event.objects.exists()  # the configured database was not touched


def test_the_scratch_mode_refuses_a_database_it_did_not_make():
    with pytest.raises(CommandError, match="scratch database only"):
        call_command("bench", "chronology", "--events", "10", "--in-scratch")


def test_bad_arguments_are_named():
    with pytest.raises(CommandError, match="--events and --requests must be at least 1"):
        call_command("bench", "chronology", "--events", "0")
