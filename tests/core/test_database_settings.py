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


def test_prepared_statements_keep_their_generic_plan_unless_told(monkeypatch):
    """Left to choose, PostgreSQL planned the many-join statements afresh each run (issue
    14): the default keeps a generic plan; ``auto`` gives the choice back; anything else
    stops start-up naming the setting (it goes into the connection's options)."""
    monkeypatch.delenv("HEARTH_PG_PLAN_CACHE_MODE", raising=False)
    assert hearth_settings._plan_cache_mode() == "force_generic_plan"
    monkeypatch.setenv("HEARTH_PG_PLAN_CACHE_MODE", "auto")
    assert hearth_settings._plan_cache_mode() == "auto"
    for bad in ("generic", "auto -c work_mem=1GB", ""):
        monkeypatch.setenv("HEARTH_PG_PLAN_CACHE_MODE", bad)
        if bad == "":
            assert hearth_settings._plan_cache_mode() == "force_generic_plan"
            continue
        with pytest.raises(ImproperlyConfigured, match="HEARTH_PG_PLAN_CACHE_MODE"):
            hearth_settings._plan_cache_mode()


@pytest.mark.django_db
def test_the_connection_keeps_generic_plans_on_postgresql():
    from django.db import connection

    if connection.vendor != "postgresql":  # SQLite has no plans to keep: nothing to ask
        assert "plan_cache_mode" not in str(connection.settings_dict.get("OPTIONS", {}))
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW plan_cache_mode")
        assert cursor.fetchone()[0] == "force_generic_plan"
