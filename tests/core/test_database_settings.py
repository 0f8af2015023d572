"""PostgreSQL's connection settings (issue 14): prepared statements after N runs, or "off"
behind PgBouncer in transaction mode, and the planner's random page cost. A bad value stops
start-up naming the setting, rather than failing at the first connection."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from hearth import settings as hearth_settings


@pytest.mark.parametrize(("value", "expected"), [
    (None, 1), ("", 1), ("0", 0), ("5", 5), ("off", None), (" OFF ", None)])
def test_the_prepare_threshold_is_a_whole_number_or_off(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv("HEARTH_PG_PREPARE_THRESHOLD", raising=False)
    else:
        monkeypatch.setenv("HEARTH_PG_PREPARE_THRESHOLD", value)
    assert hearth_settings._prepare_threshold() == expected


@pytest.mark.parametrize("value", ["sometimes", "-1", "2.5"])
def test_a_bad_prepare_threshold_stops_start_up_naming_it(monkeypatch, value):
    monkeypatch.setenv("HEARTH_PG_PREPARE_THRESHOLD", value)
    with pytest.raises(ImproperlyConfigured, match="HEARTH_PG_PREPARE_THRESHOLD.*off"):
        hearth_settings._prepare_threshold()


def test_the_random_page_cost_is_a_positive_number(monkeypatch):
    monkeypatch.delenv("HEARTH_PG_RANDOM_PAGE_COST", raising=False)
    assert hearth_settings._page_cost() == "1.1"
    monkeypatch.setenv("HEARTH_PG_RANDOM_PAGE_COST", "4")
    assert hearth_settings._page_cost() == "4"
    for bad in ("fast", "0", "-2", "1.1; DROP"):
        monkeypatch.setenv("HEARTH_PG_RANDOM_PAGE_COST", bad)
        with pytest.raises(ImproperlyConfigured, match="HEARTH_PG_RANDOM_PAGE_COST"):
            hearth_settings._page_cost()
