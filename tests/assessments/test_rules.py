"""Pure assessment rules: no database, no clock."""

from __future__ import annotations

from datetime import date, datetime

from hearth.access.codes import Role
from hearth.assessments import rules
from hearth.calendar import LONDON, assessment_due


def test_R_REC_7_gaps_are_the_expected_sources_that_did_not_contribute():
    gaps = rules.source_gaps({"parents", "school", "other"})
    assert "parents" not in gaps and "school" not in gaps
    assert gaps[:3] == ["child", "siblings", "grandparents"]
    assert "neighbours" in gaps and "ex_partners" in gaps
    assert "other" not in rules.source_gaps(set())


def test_R_REC_7_no_gaps_when_every_expected_source_contributed():
    assert rules.source_gaps(set(rules.EXPECTED_SOURCES)) == []


def test_a_manager_may_authorise_but_never_their_own_assessment():
    assert rules.may_authorise(1, 2, Role.TEAM_MANAGER)
    assert rules.may_authorise(1, 2, Role.SERVICE_MANAGER)
    assert not rules.may_authorise(2, 2, Role.TEAM_MANAGER)
    assert not rules.may_authorise(1, 2, Role.SOCIAL_WORKER)
    assert not rules.may_authorise(None, None, Role.TEAM_MANAGER)


def test_overdue_after_the_due_day_unless_authorised():
    due = assessment_due(date(2026, 12, 18))
    assert due == datetime(2027, 2, 24, 23, 59, 59, tzinfo=LONDON)
    on_the_day = datetime(2027, 2, 24, 18, 0, tzinfo=LONDON)
    next_day = datetime(2027, 2, 25, 9, 0, tzinfo=LONDON)
    assert not rules.is_overdue(due, on_the_day, "in_progress")
    assert rules.is_overdue(due, next_day, "submitted")
    assert not rules.is_overdue(due, next_day, "authorised")
    assert rules.describe_due(due, on_the_day, "in_progress") == "due today"
    assert rules.describe_due(due, next_day, "in_progress") == "overdue by 1 working day"
    a_week_before = datetime(2027, 2, 17, 12, 0, tzinfo=LONDON)
    assert rules.describe_due(due, a_week_before, "in_progress") == "5 working days left"


def test_submission_needs_a_summary_and_an_outcome():
    assert rules.missing_for_submission("", "") == ["summary", "outcome"]
    assert rules.missing_for_submission("  ", "cin_plan") == ["summary"]
    assert rules.missing_for_submission("Seen twice", "nonsense") == ["outcome"]
    assert rules.missing_for_submission("Seen twice", "close") == []
