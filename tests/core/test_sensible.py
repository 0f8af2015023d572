"""Issue 13 items 1 and 2: the ground floor's range checks, as plain functions (no database,
no clock: "today" and "now" are passed in)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hearth.core import sensible

TODAY = date(2026, 11, 17)
NOW = datetime(2026, 11, 17, 10, 0, tzinfo=UTC)


def test_issue_13_item_1_a_date_from_1900_to_2199():
    assert sensible.sensible_date(date(1, 1, 1)) == sensible.TOO_EARLY
    assert sensible.sensible_date(date(1899, 12, 31)) == sensible.TOO_EARLY
    assert sensible.sensible_date(date(1900, 1, 1)) is None
    assert sensible.sensible_date(date(9999, 12, 31)) == sensible.TOO_LATE
    assert sensible.sensible_date(TODAY + timedelta(days=1), today=TODAY) == sensible.IN_FUTURE
    assert sensible.sensible_date(TODAY, today=TODAY) is None


def test_issue_13_item_1_an_event_is_not_before_the_person_was_born():
    born = date(2015, 3, 2)
    assert "2 March 2015" in sensible.sensible_date(date(2015, 3, 1), born=born)
    assert sensible.sensible_date(born, born=born) is None
    # 23:30 UTC on 1 March is 1 March in London (GMT): before the birth.
    assert sensible.sensible_datetime(datetime(2015, 3, 1, 23, 30, tzinfo=UTC), born=born)
    assert sensible.sensible_datetime(datetime(2015, 3, 2, 0, 30, tzinfo=UTC), born=born) is None


def test_issue_13_item_1_year_one_at_plus_fourteen_is_refused_without_overflowing():
    kiribati = timezone(timedelta(hours=14))
    assert sensible.sensible_datetime(datetime(1, 1, 1, tzinfo=kiribati)) == sensible.TOO_EARLY
    assert sensible.sensible_datetime(datetime(9999, 12, 31, 23, 59, tzinfo=timezone(
        timedelta(hours=-14)))) == sensible.TOO_LATE
    # Midnight on 1 January 1900 at +14:00 was still 1899 in London.
    assert sensible.sensible_datetime(datetime(1900, 1, 1, tzinfo=kiribati)) == sensible.TOO_EARLY


def test_issue_13_item_1_an_event_is_not_in_the_future_when_that_is_impossible():
    assert sensible.sensible_datetime(NOW + timedelta(seconds=1), now=NOW) == sensible.IN_FUTURE
    assert sensible.sensible_datetime(NOW, now=NOW) is None
    assert sensible.sensible_datetime(NOW + timedelta(days=30)) is None  # a planned visit


def test_issue_13_item_2_offsets_beyond_fourteen_hours_are_not_real():
    assert sensible.sensible_datetime(datetime(2026, 1, 1, tzinfo=timezone(
        timedelta(hours=15)))) == sensible.BAD_OFFSET
    assert sensible.sensible_datetime(datetime(2026, 1, 1, tzinfo=timezone(
        -timedelta(hours=14, minutes=1)))) == sensible.BAD_OFFSET
    assert sensible.sensible_datetime(datetime(2026, 1, 1, tzinfo=timezone(
        timedelta(hours=14)))) is None


def test_issue_13_item_2_text_with_a_nul_is_refused_and_values_are_looked_through():
    assert sensible.sensible_text("Kerry\x00") == sensible.NUL
    assert sensible.sensible_text("Kerry said “no”") is None
    assert sensible.sensible_value(["ok", "bad\x00"]) == sensible.NUL
    assert sensible.sensible_value({"k": date(1, 1, 1)}) == sensible.TOO_EARLY
    assert sensible.sensible_value(42) is None


def test_issue_13_item_2_half_a_character_is_refused():
    assert sensible.sensible_text("Jack \ud83d") == sensible.SURROGATE
    assert sensible.sensible_text("Jack 🙂") is None
