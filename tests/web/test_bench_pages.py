"""`hearth bench pages` (issue 14) seeds a scratch database of its own, signs the demo users
in, and times every page of its list (the load benchmark's too) through `hearth serve`, with
/healthz as the floor; every page must answer 200 for its user or the benchmark fails."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.demo.bench_pages import PAGES
from hearth.people.models import Person


@pytest.mark.bench
@pytest.mark.django_db
def test_bench_pages_prints_each_page_of_its_list_against_the_floor():
    out = StringIO()
    call_command("bench", "pages", "--families", "12", "--requests", "1", "--engine", "sqlite",
                 stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert len(lines) == 1
    figures = json.loads(lines[0])
    assert figures["families"] == 12 and figures["people"] > 12
    assert set(figures["pages"]) == {p.name for p in PAGES}
    assert figures["pages"]["healthz"]["x_floor"] == 1.0
    assert figures["pages"]["allocation_queue"]["user"] == "demo.teammanager"
    assert all(page["bytes"] > 0 and 0 < page["p50_ms"] <= page["p95_ms"]
               for page in figures["pages"].values())
    assert not Person.objects.exists()  # the configured database was not touched


def test_bad_arguments_are_named():
    with pytest.raises(CommandError, match="--families and --requests must be at least 1"):
        call_command("bench", "pages", "--requests", "0")
    with pytest.raises(CommandError, match="--reuse is for PostgreSQL only"):
        call_command("bench", "pages", "--engine", "sqlite", "--reuse")
    with pytest.raises(CommandError, match="scratch database only"):
        call_command("bench", "pages", "--families", "1", "--in-scratch")
