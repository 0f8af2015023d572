"""Unit tests for the visit-timing rules (R-RES-5): plain values, no database, no clock."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.visits import rules

LONDON = ZoneInfo("Europe/London")


def at(day: int, hour: int, minute: int = 0, month: int = 11) -> datetime:
    """A time in November 2026, London (Tuesday 17 November is a working day)."""
    return datetime(2026, month, day, hour, minute, tzinfo=LONDON)


@pytest.mark.parametrize(("starts_at", "band"), [
    (at(17, 8, 59), "early_morning"),
    (at(17, 9, 0), "office_hours"),
    (at(17, 16, 59), "office_hours"),
    (at(17, 17, 0), "evening"),
    (at(17, 6, 30), "early_morning"),
    (at(17, 21, 15), "evening"),
    (at(21, 11, 0), "weekend_or_holiday"),   # Saturday
    (at(22, 7, 0), "weekend_or_holiday"),    # Sunday, early: still the weekend
    (datetime(2026, 12, 25, 11, 0, tzinfo=LONDON), "weekend_or_holiday"),  # Christmas Day
    (datetime(2026, 12, 28, 10, 0, tzinfo=LONDON), "weekend_or_holiday"),  # substitute Boxing Day
    (datetime(2026, 8, 31, 10, 0, tzinfo=LONDON), "weekend_or_holiday"),   # summer bank holiday
])
def test_R_RES_5_timing_band_in_london(starts_at, band):
    assert rules.timing_band(starts_at) == band


def test_R_RES_5_timing_band_converts_utc_to_london_summer_time():
    """In July London is UTC+1: 07:59 UTC is 08:59 BST (early), 08:00 UTC is 09:00 BST."""
    assert rules.timing_band(datetime(2026, 7, 15, 7, 59, tzinfo=UTC)) == "early_morning"
    assert rules.timing_band(datetime(2026, 7, 15, 8, 0, tzinfo=UTC)) == "office_hours"
    assert rules.timing_band(datetime(2026, 7, 15, 15, 59, tzinfo=UTC)) == "office_hours"
    assert rules.timing_band(datetime(2026, 7, 15, 16, 0, tzinfo=UTC)) == "evening"


def test_timing_band_refuses_a_naive_datetime():
    with pytest.raises(ValueError, match="aware"):
        rules.timing_band(datetime(2026, 11, 17, 10, 0))  # noqa: DTZ001


def test_R_RES_5_three_office_hours_visits_need_varied_timing():
    assert rules.needs_varied_timing([at(16, 10), at(17, 14), at(18, 16, 59)]) is True


def test_R_RES_5_fewer_than_three_visits_are_not_yet_a_pattern():
    assert rules.needs_varied_timing([at(16, 10), at(17, 14)]) is False
    assert rules.needs_varied_timing([]) is False


def test_R_RES_5_one_visit_outside_office_hours_breaks_the_pattern():
    assert rules.needs_varied_timing([at(16, 10), at(17, 14), at(18, 17, 0)]) is False
    assert rules.needs_varied_timing([at(16, 10), at(17, 14), at(19, 8, 59)]) is False
    assert rules.needs_varied_timing([at(16, 10), at(17, 14), at(21, 11)]) is False


def test_R_RES_5_min_visits_can_be_changed():
    assert rules.needs_varied_timing([at(16, 10), at(17, 14)], min_visits=2) is True
    assert rules.needs_varied_timing([at(16, 10), at(17, 14), at(18, 11)], min_visits=4) is False


def test_a_completed_visit_in_the_future_is_a_problem():
    now = at(17, 12)
    assert rules.visit_problems(starts_at=at(17, 12, 1), outcome="completed", child_seen=True,
                                child_seen_alone=False, now=now) == {
        "starts_at": "A visit in the future cannot be completed"}
    assert rules.visit_problems(starts_at=at(17, 12), outcome="completed", child_seen=True,
                                child_seen_alone=False, now=now) == {}
    assert rules.visit_problems(starts_at=at(20, 18), outcome="cancelled_by_family",
                                child_seen=False, child_seen_alone=False, now=now) == {}


def test_R_REC_6_seen_alone_needs_seen():
    assert rules.visit_problems(starts_at=at(17, 10), outcome="completed", child_seen=False,
                                child_seen_alone=True, now=at(17, 12)) == {
        "child_seen_alone": "The child cannot have been seen alone if they were not seen"}
