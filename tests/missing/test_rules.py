"""The rules of a missing episode (R-CLA-6), as plain functions: no database, no clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hearth import calendar
from hearth.missing import rules

NOW = datetime(2027, 3, 30, 12, 0, tzinfo=UTC)


def test_the_return_interview_is_due_72_hours_after_the_return_R_CLA_6():
    returned = datetime(2027, 3, 26, 22, 15, tzinfo=calendar.LONDON)  # the clocks go forward
    assert calendar.return_interview_due(returned) == returned + timedelta(hours=72)
    assert calendar.due("return-interview", returned) == returned + timedelta(hours=72)
    assert rules.interview_due(returned).tzinfo is not None


def test_three_episodes_in_90_days_alert_and_two_do_not_R_CLA_6():
    day = timedelta(days=1)
    assert rules.repeated([NOW - 90 * day, NOW - 10 * day, NOW], NOW)
    assert not rules.repeated([NOW - 91 * day, NOW - 10 * day, NOW], NOW)
    assert not rules.repeated([NOW - 10 * day, NOW], NOW)


def test_bad_episodes_are_refused_naming_the_field_R_CLA_6():
    problems = rules.episode_problems(kind="X", started_at=NOW + timedelta(hours=1),
                                      reported_by=" ", now=NOW)
    assert set(problems) == {"kind", "started_at", "reported_by"}
    assert "M" in problems["kind"] and "A" in problems["kind"]
    ended = rules.return_problems(started_at=NOW, ended_at=NOW - timedelta(minutes=5),
                                  now=NOW)
    assert "cannot be before they went missing" in ended["ended_at"]
    early = rules.interview_problems(ended_at=NOW - timedelta(hours=2),
                                     offered_at=NOW - timedelta(hours=3), accepted=True,
                                     held_at=NOW - timedelta(hours=4), held_by="Sam", now=NOW)
    assert "before the child returned" in early["offered_at"]
    assert "before the child returned" in early["held_at"]


def test_a_missing_episode_is_recorded_for_a_child_not_an_adult_R_CLA_6():
    today = NOW.date()
    assert rules.is_child(calendar.birthday(today, -18) + timedelta(days=1), today)
    assert not rules.is_child(today.replace(year=today.year - 18), today)
    assert rules.is_child(None, today)


def test_an_interview_is_outstanding_until_offered_and_if_accepted_held_R_CLA_6():
    back = NOW - timedelta(hours=1)
    assert not rules.interview_outstanding(ended_at=None, offered_at=None, accepted=None,
                                           held_at=None)
    assert rules.interview_outstanding(ended_at=back, offered_at=None, accepted=None,
                                       held_at=None)
    assert rules.interview_outstanding(ended_at=back, offered_at=NOW, accepted=True,
                                       held_at=None)
    assert not rules.interview_outstanding(ended_at=back, offered_at=NOW, accepted=False,
                                           held_at=None)
