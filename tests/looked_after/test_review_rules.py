"""The pure rules and timescales of reviews, plans, statutory visits, health and education
(R-CLA-2..5): plain values in, answers out — no database, no clock."""

from __future__ import annotations

from datetime import date

import pytest

from hearth import calendar
from hearth.looked_after.rules import health, reviews, visits

MON = date(2027, 3, 1)  # a Monday with no bank holiday near it


def test_r_cla_3_reviews_first_20_working_days_then_3_months_then_6_monthly():
    first = reviews.next_review(MON, [])
    # 20 working days: four weeks, and two more for Good Friday and Easter Monday 2027
    assert (first.number, first.due_on) == (1, date(2027, 3, 31))
    assert reviews.next_review(MON, [date(2027, 3, 20)]).due_on == date(2027, 6, 20)
    third = reviews.next_review(MON, [date(2027, 3, 20), date(2027, 6, 18)])
    assert (third.number, third.label, third.due_on) == (3, "Review", date(2027, 12, 18))


def test_r_cla_3_a_date_the_iro_brings_forward_counts_only_when_earlier():
    brought = reviews.next_review(MON, [date(2027, 3, 20)], date(2027, 5, 1))
    assert (brought.due_on, brought.brought_forward) == (date(2027, 5, 1), True)
    assert reviews.next_review(MON, [date(2027, 3, 20)], date(2027, 7, 1)).due_on == date(
        2027, 6, 20)
    problems = reviews.bring_forward_problems(due_on=date(2027, 7, 1),
                                              current_due=date(2027, 6, 20), last_review=None,
                                              today=MON, reason="")
    assert set(problems) == {"due_on", "reason"} and "never put back" in problems["due_on"]


def test_r_cla_3_pn0_if_and_only_if_under_4_on_the_review_date():
    born = date(2023, 6, 10)
    assert reviews.participation_problem("PN0", born, date(2027, 6, 9)) == ""
    assert "under 4" in reviews.participation_problem("PN1", born, date(2027, 6, 9))
    assert "only for a child under 4" in reviews.participation_problem("PN0", born,
                                                                       date(2027, 6, 10))
    assert reviews.participation_problem("PN1", born, date(2027, 6, 10)) == ""
    assert "from the list" in reviews.participation_problem("PN9", born, date(2027, 6, 10))


def test_r_cla_3_a_review_before_entering_care_names_the_date():
    problems = reviews.review_problems(held_on=date(2027, 2, 28), entered_care=MON,
                                       left_care=None, today=date(2027, 3, 5),
                                       participation="PN1", born=date(2015, 1, 1),
                                       decisions="Stay", iro_view="Good")
    assert list(problems) == ["held_on"] and "became looked after" in problems["held_on"]


def test_r_cla_2_care_plan_10_and_placement_plan_5_working_days():
    assert calendar.care_plan_due(MON).date() == date(2027, 3, 15)
    assert calendar.placement_plan_due(MON).date() == date(2027, 3, 8)
    # Good Friday and Easter Monday 2027 (26 and 29 March) are not working days.
    assert calendar.placement_plan_due(date(2027, 3, 24)).date() == date(2027, 4, 2)


@pytest.mark.parametrize(("last", "long_term", "due"), [
    (None, False, date(2027, 3, 8)),               # within a week of the start
    (date(2027, 2, 1), False, date(2027, 3, 8)),   # a visit before the placement: not counted
    (date(2027, 3, 5), True, date(2027, 4, 16)),   # first year: 6 weeks, even if long-term
    (date(2028, 3, 10), True, date(2028, 6, 10)),  # after the first year, long-term: 3 months
    (date(2028, 3, 10), False, date(2028, 4, 21)),  # after the first year otherwise: 6 weeks
])
def test_r_cla_4_statutory_visit_schedule(last, long_term, due):
    assert visits.visit_due(MON, last, long_term=long_term) == due


def test_r_cla_4_seen_but_not_alone_says_why():
    assert "not_seen_alone_reason" in visits.seen_alone_problems(
        child_seen=True, seen_alone=False, not_seen_alone_reason=" ")
    assert visits.seen_alone_problems(child_seen=True, seen_alone=False,
                                      not_seen_alone_reason="She refused") == {}


def test_r_cla_5_health_reviews_by_age_and_the_sdq_4_to_16():
    assert health.initial_health_due(MON) == date(2027, 3, 31)  # in time for the first review
    assert health.health_review_due(date(2023, 1, 1), MON) == date(2027, 9, 1)  # under 5
    assert health.health_review_due(date(2022, 1, 1), MON) == date(2028, 3, 1)  # from 5
    assert health.sdq_due(date(2015, 5, 5), MON, None) == date(2028, 3, 1)
    assert health.sdq_due(date(2024, 5, 5), MON, None) == date(2028, 5, 5)  # at 4
    assert health.sdq_due(date(2010, 5, 5), MON, None) is None  # 17 before it is due


@pytest.mark.parametrize(("score", "reason", "field"), [
    (41, "", "sdq_score"), (-1, "", "sdq_score"), (None, "", "sdq_score"),
    (None, "SDQ9", "sdq_reason"), (12, "SDQ2", "sdq_reason")])
def test_r_cla_5_an_sdq_is_a_score_0_to_40_or_the_reason(score, reason, field):
    assert field in health.sdq_problems(score, reason)


def test_r_cla_5_a_pep_each_term_for_a_child_of_school_age():
    born = date(2018, 10, 2)  # 5 on 2 October 2023: school age from 1 January 2024
    assert health.school_age_starts(born) == date(2024, 1, 1)
    assert health.school_age_ends(born) == date(2035, 6, 29)  # last Friday of June 2035
    assert health.term_of(date(2027, 10, 5)) == ("autumn", date(2027, 9, 1),
                                                 date(2027, 12, 31))
    assert health.term_of(date(2027, 8, 5)) is None
    assert health.pep_due(born, date(2027, 5, 3), []) == date(2027, 7, 31)
    assert health.pep_due(born, date(2027, 5, 3), [date(2027, 4, 20)]) is None
    assert health.pep_due(date(2023, 1, 1), date(2027, 5, 3), []) is None  # not school age
