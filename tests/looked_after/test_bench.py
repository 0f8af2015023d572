"""`hearth bench looked-after` prints figures for the children-in-care dashboard from a scratch
database of its own; the page's query count does not grow with the number of children."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from hearth.looked_after.models import CarePeriod


def bench(children: int) -> dict:
    out = StringIO()
    call_command("bench", "looked-after", "--children", str(children), "--requests", "2",
                 stdout=out)
    return json.loads(out.getvalue().strip().splitlines()[-1])


@pytest.mark.bench
@pytest.mark.django_db
def test_bench_looked_after_prints_one_json_line_and_queries_do_not_grow_with_children():
    small, large = bench(3), bench(40)
    assert (small["children"], large["children"]) == (3, 40)
    assert large["episodes"] > 40 * 10  # ten years of episodes each
    assert 0 < large["p50_ms"] <= large["p95_ms"]
    assert small["queries"] == large["queries"]
    assert not CarePeriod.objects.exists()  # the configured database was not touched


def test_bad_arguments_are_named():
    with pytest.raises(CommandError, match="--children and --requests must be at least 1"):
        call_command("bench", "looked-after", "--children", "0")
