"""The pure child-protection rules: two workers on a Section 47 visit (R-TWO-1), the two-worker
criteria (R-TWO-2), a CP plan's checks and due dates (R-CP-1, R-CP-2), and what is due and
overdue, as the pages, the dashboard and the API all show it."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.protection.codes import WorkerKind
from hearth.protection.rules import pathway as rules

TODAY = date(2026, 11, 17)
SW, CSC, POLICE, KNOWN = (WorkerKind.SOCIAL_WORKER, WorkerKind.CSC_WORKER, WorkerKind.POLICE,
                          WorkerKind.KNOWN_PROFESSIONAL)


@pytest.mark.parametrize("kinds, joint, police_absent", [
    ([POLICE, SW], True, False),
    ([SW, SW], False, False),
    ([SW, CSC], False, False),
    ([SW, KNOWN], False, False),
    ([SW, POLICE, CSC], True, False),
    # R-TWO-1: the police could not attend a joint enquiry's visit: two still go.
    ([SW, CSC], True, True),
    ([SW, SW], True, True),
    ([SW, KNOWN], True, True),
])
def test_r_two_1_these_pairs_with_a_qualified_social_worker_may_make_a_section_47_visit(
        kinds, joint, police_absent):
    assert rules.s47_workers_problem(kinds, joint=joint, qualified_social_worker=True,
                                     police_could_not_attend=police_absent) is None


@pytest.mark.parametrize("kinds, joint, message", [
    ([SW], False, "A Section 47 visit needs two workers"),
    ([], True, "A Section 47 visit needs two workers"),
    ([SW, SW], True, "If the police could not attend, say so and why"),
    ([POLICE, KNOWN], True, "must be a qualified social worker"),
    ([SW, POLICE], False, "A police officer makes Section 47 visits on a joint enquiry"),
])
def test_r_two_1_one_worker_or_the_wrong_pair_is_refused(kinds, joint, message):
    assert message in rules.s47_workers_problem(kinds, joint=joint,
                                                qualified_social_worker=SW in kinds)


@pytest.mark.parametrize("kinds, joint, police_absent", [
    ([CSC, CSC], False, False),      # two family practitioners
    ([CSC, KNOWN], False, False),    # a practitioner and a teacher
    ([KNOWN, KNOWN], False, False),
    ([SW, KNOWN], False, False),     # a social worker named by hand, not a colleague
    ([POLICE, SW], True, False),     # the police and a social worker named by hand
    ([CSC, CSC], True, True),        # the police could not attend: still a social worker
])
def test_r_two_1_one_of_the_two_is_always_a_qualified_social_worker(kinds, joint,
                                                                    police_absent):
    """R-TWO-1: a social worker leads every Section 47 enquiry, so one of the two workers on
    every visit is a qualified social worker. (Two CSC workers were allowed before.)"""
    assert "must be a qualified social worker" in rules.s47_workers_problem(
        kinds, joint=joint, qualified_social_worker=False,
        police_could_not_attend=police_absent)


@pytest.mark.parametrize("form, significant", [
    ("ambivalence", False), ("avoidance", False), ("", False),
    ("confrontation", True), ("violence_threatened", True), ("violence_actual", True)])
def test_r_two_2_significant_hostility_is_confrontation_or_worse(form, significant):
    """R-TWO-2 (seed 004 §2): significant hostility is confrontation or violence, not
    ambivalence or avoidance."""
    assert rules.significant_hostility([form]) is significant
    assert rules.significant_hostility(["ambivalence", "ambivalence", "avoidance"]) is False


def test_r_two_2_four_children_on_plans_must_be_considered():
    three = rules.two_worker_criteria(children_on_plans=3, significant_hostility=False,
                                      worker_safety_warning=False, complex_needs=False)
    assert not three.met and three.reasons == []
    four = rules.two_worker_criteria(children_on_plans=4, significant_hostility=True,
                                     worker_safety_warning=False, complex_needs=False)
    assert four.must_consider and not four.should_consider and four.met
    assert four.reasons == ["4 children in the family are subject to child protection plans",
                            "The family has shown significant hostility"]


@pytest.mark.parametrize("hostility, warning, complex_needs", [
    (True, False, False), (False, True, False), (False, False, True)])
def test_r_two_2_hostility_a_warning_or_complex_needs_should_be_considered(
        hostility, warning, complex_needs):
    criteria = rules.two_worker_criteria(children_on_plans=1, significant_hostility=hostility,
                                         worker_safety_warning=warning,
                                         complex_needs=complex_needs)
    assert criteria.should_consider and not criteria.must_consider
    assert len(criteria.reasons) == 1


ICPC = date(2026, 11, 20)


def test_a_plan_starting_at_its_icpc_may_be_saved():
    assert rules.plan_problems(icpc_on=ICPC, start=ICPC, review_on=date(2027, 2, 20)) == {}


def test_bad_plans_are_refused_with_a_message_each():
    assert rules.plan_problems(icpc_on=None, start=ICPC) == {
        "icpc": "A child protection plan starts at an initial conference: record the ICPC "
                "first"}
    assert rules.plan_problems(icpc_on=ICPC, start=ICPC, end=date(2026, 11, 19),
                               review_on=date(2026, 11, 1), other_open_plans=1) == {
        "end": "The plan cannot end before it started",
        "review_on": "The review cannot be before the plan started"}
    assert rules.plan_problems(icpc_on=ICPC, start=ICPC, other_open_plans=1) == {
        "child": "This child already has an open child protection plan"}
    assert rules.plan_problems(icpc_on=ICPC, start=date(2026, 11, 21))["start"] == (
        "The plan starts on the date of the initial conference")


def test_r_cp_2_first_core_group_and_review_dates():
    # ICPC on Friday 20 November 2026: 10 working days later is Friday 4 December; the first
    # review is three months later, 20 February 2027.
    dates = rules.plan_dates(ICPC)
    assert dates.first_core_group_due == date(2026, 12, 4)
    assert dates.first_review_due == date(2027, 2, 20)
    # Over Christmas the bank holidays push the core group back.
    assert rules.plan_dates(date(2026, 12, 18)).first_core_group_due == date(2027, 1, 6)


# --- the dashboards (R-CP-1, R-CP-2) ----------------------------------------------------------

def test_r_cp_1_an_icpc_is_overdue_once_its_due_date_has_passed():
    def overdue(due):
        return rules.icpc_overdue(icpc_due=due, today=TODAY, outcome="", icpc_held=False)

    assert overdue(date(2026, 11, 16))
    assert not overdue(TODAY)
    assert not overdue(date(2026, 12, 1))


def test_r_cp_2_reviews_within_28_days_are_due_and_past_ones_overdue():
    assert rules.review_state(date(2026, 11, 16), TODAY) == rules.OVERDUE
    assert rules.review_state(TODAY, TODAY) == rules.DUE
    assert rules.review_state(date(2026, 12, 15), TODAY) == rules.DUE  # 28 days
    assert rules.review_state(date(2026, 12, 16), TODAY) is None


def test_r_cp_2_the_first_core_group_is_overdue_after_its_due_date_with_no_meeting():
    first_due = date(2026, 11, 16)
    assert rules.core_group_overdue(first_due=first_due, last_held=None, next_meeting_on=None,
                                    today=TODAY) == first_due
    assert rules.core_group_overdue(first_due=TODAY, last_held=None, next_meeting_on=None,
                                    today=TODAY) is None
    assert rules.core_group_overdue(first_due=first_due, last_held=date(2026, 11, 12),
                                    next_meeting_on=date(2026, 12, 3), today=TODAY) is None


def test_r_cp_2_a_later_core_group_is_overdue_once_the_date_set_at_the_last_has_passed():
    assert rules.core_group_overdue(
        first_due=date(2026, 9, 1), last_held=date(2026, 10, 1),
        next_meeting_on=date(2026, 11, 5), today=TODAY) == date(2026, 11, 5)
    assert rules.core_group_overdue(first_due=date(2026, 9, 1), last_held=date(2026, 10, 1),
                                    next_meeting_on=None, today=TODAY) is None


def test_a_repeat_plan_within_two_years_of_the_last_one_ending_is_flagged():
    assert rules.repeat_within(date(2026, 11, 16), date(2024, 11, 16))
    assert not rules.repeat_within(date(2026, 11, 17), date(2024, 11, 16))
    # A plan that ended on 29 February: two years on is 28 February.
    assert rules.repeat_within(date(2026, 2, 28), date(2024, 2, 29))
    assert not rules.repeat_within(date(2026, 3, 1), date(2024, 2, 29))


def test_r_cp_2_the_plan_page_flags_come_from_the_same_rules_and_a_closed_plan_has_none():
    from types import SimpleNamespace

    from hearth.protection.queries.conferences import plan_flags

    plan = SimpleNamespace(first_core_group_due=date(2026, 9, 1), next_review_due=TODAY,
                           is_open=True)
    missed = SimpleNamespace(held_on=date(2026, 10, 1), next_meeting_on=date(2026, 11, 5))
    assert plan_flags(plan, missed, TODAY) == {"core_group_overdue": date(2026, 11, 5),
                                               "review_overdue": False}
    assert plan_flags(plan, None, date(2026, 11, 18)) == {
        "core_group_overdue": date(2026, 9, 1), "review_overdue": True}
    plan.is_open = False
    assert plan_flags(plan, None, date(2026, 11, 18)) == {"core_group_overdue": None,
                                                          "review_overdue": False}
