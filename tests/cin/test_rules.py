"""The CIN plan's timescales and rules as plain functions (R-CIN-1, R-CIN-2): no database,
no clock."""

from __future__ import annotations

from datetime import date

from hearth import calendar
from hearth.cin import rules
from hearth.cin.rules import ActionLine

START = date(2026, 11, 16)  # a Monday
TODAY = date(2026, 11, 17)


def test_R_CIN_1_the_review_is_due_3_months_after_the_last_meeting_or_the_start():
    assert calendar.cin_review_due(START) == date(2027, 2, 16)
    assert calendar.cin_review_due(date(2026, 11, 30), 3) == date(2027, 2, 28)  # clamped
    assert calendar.cin_review_due(START, 1) == date(2026, 12, 16)  # a local setting


def test_R_CIN_1_the_visit_is_due_20_working_days_after_the_last_one_seen():
    # Christmas Day, Boxing Day (Monday 28 December, substitute) and New Year's Day are not
    # working days.
    assert calendar.cin_visit_due(date(2026, 12, 14)) == date(2027, 1, 14)
    assert calendar.cin_visit_due(START, 10) == date(2026, 11, 30)


def test_R_CIN_1_next_meeting_on_the_date_set_but_never_later_than_the_review():
    due = rules.next_meeting_due(start_on=START, last_held_on=None, next_meeting_on=None,
                                 months=3)
    assert due == date(2027, 2, 16)
    assert rules.next_meeting_due(start_on=START, last_held_on=date(2026, 12, 1),
                                  next_meeting_on=date(2027, 1, 5), months=3) == date(2027, 1, 5)
    assert rules.next_meeting_due(start_on=START, last_held_on=date(2026, 12, 1),
                                  next_meeting_on=date(2027, 6, 1), months=3) == date(2027, 3, 1)


def test_R_CIN_1_a_visit_before_the_plan_does_not_count():
    assert rules.visit_due(start_on=START, last_seen_on=date(2026, 11, 1),
                           working_days=20) == calendar.add_working_days(START, 20)
    assert rules.visit_due(start_on=START, last_seen_on=TODAY,
                           working_days=20) == calendar.add_working_days(TODAY, 20)


def test_R_CIN_1_a_plan_needs_a_start_needs_and_actions_with_owners_and_dates():
    ok = [ActionLine("School nurse referral", "Sam", date(2026, 12, 1))]
    assert rules.start_problems(start_on=START, today=TODAY, authorised_on=START,
                                needs="School", actions=ok) == {}
    problems = rules.start_problems(
        start_on=None, today=TODAY, authorised_on=START, needs=" ",
        actions=[ActionLine("Nurse", "", None), ActionLine("", "Kerry", date(2026, 11, 1))])
    assert problems == {
        "start_on": "Enter the date the plan starts",
        "needs": "Enter the child's needs the plan is to meet",
        "actions.0.owner": "Enter who does action 1",
        "actions.0.due_on": "Enter the date action 1 is due by",
        "actions.1.what": "Enter what action 2 is"}
    assert rules.action_problems([ActionLine("a", "b", date(2026, 11, 1))], start_on=START) == {
        "actions.0.due_on": "Action 1 cannot be due before the plan starts on 16 November 2026"}
    assert rules.start_problems(start_on=date(2026, 11, 18), today=TODAY, authorised_on=None,
                                needs="x", actions=ok)["start_on"].endswith("in the future")
    assert "before the assessment was authorised" in rules.start_problems(
        start_on=date(2026, 11, 1), today=TODAY, authorised_on=START, needs="x",
        actions=ok)["start_on"]
    assert rules.start_problems(start_on=START, today=TODAY, authorised_on=None, needs="x",
                                actions=[])["actions"].startswith("Add at least one action")


def test_R_CIN_2_a_plan_ends_with_a_known_reason_not_before_it_started():
    assert rules.end_problems(end_on=TODAY, start_on=START, today=TODAY,
                              reason="step_down") == {}
    assert rules.end_problems(end_on=date(2026, 11, 15), start_on=START, today=TODAY,
                              reason="nonsense") == {
        "end_on": "The plan cannot end before it started on 16 November 2026",
        "end_reason": "Select why the plan ended"}
    # "CP plan" is the conference's reason, not a worker's choice.
    assert "end_reason" in rules.end_problems(end_on=TODAY, start_on=START, today=TODAY,
                                              reason="cp_plan")


def test_R_CIN_1_a_meeting_is_after_the_plan_started_with_who_came_and_each_action():
    problems = rules.meeting_problems(held_on=date(2026, 11, 10), plan_start=START, today=TODAY,
                                      attendees=[" "], progress=[(1, "done"), (2, "")],
                                      next_meeting_on=None)
    assert problems == {
        "held_on": "The meeting cannot be before the plan started on 16 November 2026",
        "attendees": "Enter who attended the meeting",
        "progress.1.status": "Select how action 2 is going"}
    assert rules.meeting_problems(held_on=TODAY, plan_start=START, today=TODAY,
                                  attendees=["Kerry"], progress=[(1, "done")],
                                  next_meeting_on=TODAY) == {
        "next_meeting_on": "The next meeting must be after this one"}
