"""`hearth bench search` prints figures from a scratch database of its own (R-PPL-2)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.demo import bench_search
from hearth.people.models import Person


@pytest.mark.bench
@pytest.mark.django_db
def test_R_PPL_2_bench_search_prints_one_json_line_of_figures():
    out = StringIO()
    call_command("bench", "search", "--people", "2000", "--queries", "30", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert {"people", "queries", "p50_ms", "p95_ms", "recall_at_5"} <= set(figures)
    assert figures["people"] == 2000
    assert figures["queries"] == 30
    assert isinstance(figures["recall_at_5"], float) and 0 <= figures["recall_at_5"] <= 1
    assert figures["recall_at_5"] >= 0.8  # a share of searches, not a time
    assert 0 < figures["p50_ms"] <= figures["p95_ms"]
    # Issue 14: the kinds of search the probe found weak are measured, each on its own.
    assert set(bench_search.SPECIAL) <= set(figures["kinds"])
    for kind in figures["kinds"].values():
        assert {"queries", "recall_at_5", "recall_at_1", "missed_on_a_tie", "p50_ms",
                "p95_ms"} <= set(kind)
        assert 0 <= kind["recall_at_1"] <= kind["recall_at_5"] <= 1
    assert sum(k["queries"] for k in figures["kinds"].values()) == 30
    assert not Person.objects.exists()  # the configured database was not touched


def test_the_scratch_mode_refuses_a_database_it_did_not_make():
    with pytest.raises(CommandError, match="scratch database only"):
        call_command("bench", "search", "--people", "10", "--in-scratch")
