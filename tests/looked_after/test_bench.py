"""`hearth bench looked-after` prints figures for the children-in-care dashboard from a scratch
database of its own (one run: each builds and migrates its own database; that the dashboard's
query count does not grow with the number of children is proved in ``test_pages``)."""

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
def test_bench_looked_after_prints_one_json_line():
    found = bench(12)
    assert found["children"] == 12
    assert found["episodes"] > 12 * 10  # ten years of episodes each
    assert 0 < found["p50_ms"] <= found["p95_ms"]
    assert found["queries"] > 0  # the whole request's (test_pages counts the dashboard's)
    assert not CarePeriod.objects.exists()  # the configured database was not touched


def test_bad_arguments_are_named():
    with pytest.raises(CommandError, match="--children and --requests must be at least 1"):
        call_command("bench", "looked-after", "--children", "0")
