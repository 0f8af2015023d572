"""The supervision rules on plain values: how often (R-SUP-3), when next due and overdue, and
what a session about a hostile family must contain (R-SUP-2)."""

from __future__ import annotations

from datetime import date

from hearth.supervision import rules
from hearth.supervision.codes import DEFAULT_EVERY_DAYS, SELF_CHECK_QUESTIONS
from hearth.supervision.rules import SessionFact

TODAY = date(2026, 11, 20)


def held(day: date) -> SessionFact:
    return SessionFact("held", day, day)


def planned(day: date) -> SessionFact:
    return SessionFact("planned", day)


def cancelled(day: date) -> SessionFact:
    return SessionFact("cancelled", day)


ALL_ANSWERED = {key: {"answer": "no", "note": ""} for key, _ in SELF_CHECK_QUESTIONS}


def test_R_SUP_3_a_workers_own_setting_wins_over_the_teams_which_wins_over_the_default():
    assert rules.every_days_for(worker_days=21, team_days=35) == 21
    assert rules.every_days_for(worker_days=None, team_days=35) == 35
    assert rules.every_days_for(worker_days=None, team_days=None) == DEFAULT_EVERY_DAYS


def test_R_SUP_3_next_due_is_the_gap_after_the_last_supervision_held():
    due = rules.supervision_due([held(date(2026, 10, 1)), held(date(2026, 11, 1))], 35, TODAY)
    assert due.last_held == date(2026, 11, 1)
    assert due.next_due == date(2026, 12, 6)
    assert not due.overdue and due.days_overdue == 0


def test_R_SUP_3_overdue_the_day_after_it_was_due():
    on_the_day = rules.supervision_due([held(date(2026, 10, 16))], 35, TODAY)
    assert on_the_day.next_due == TODAY and not on_the_day.overdue
    late = rules.supervision_due([held(date(2026, 10, 1))], 35, TODAY)
    assert late.next_due == date(2026, 11, 5)
    assert late.overdue and late.days_overdue == 15


def test_R_SUP_1_cancelled_and_planned_sessions_do_not_count_as_held():
    sessions = [held(date(2026, 9, 1)), cancelled(date(2026, 10, 6)),
                planned(date(2026, 11, 1)), planned(date(2026, 11, 27))]
    due = rules.supervision_due(sessions, 28, TODAY)
    assert due.last_held == date(2026, 9, 1)
    assert due.overdue and due.cancelled == 1
    assert due.next_planned == date(2026, 11, 27)  # the one still to come


def test_R_SUP_3_a_worker_never_supervised_is_overdue():
    due = rules.supervision_due([cancelled(date(2026, 11, 1))], 28, TODAY)
    assert due.last_held is None and due.next_due is None and due.overdue


def test_R_SUP_3_frequency_is_a_sensible_number_of_days():
    assert rules.frequency_problem(35) is None
    assert "number of days" in rules.frequency_problem(0)
    assert rules.frequency_problem(None)
    assert rules.frequency_problem(400)


def _problems(**given):
    values = {"status": "held", "session_date": TODAY, "today": TODAY,
              "needs_safety_items": False, "health_and_safety": "", "self_check": {}}
    values.update(given)
    return rules.session_problems(**values)


def test_a_held_supervision_is_not_in_the_future_but_a_planned_one_may_be():
    assert "session_date" in _problems(session_date=date(2026, 11, 21))
    assert _problems(status="planned", session_date=date(2026, 11, 21)) == {}


def test_R_SUP_2_a_held_session_about_a_hostile_family_needs_health_and_safety_and_self_check():
    problems = _problems(needs_safety_items=True)
    assert problems["health_and_safety"].startswith("Enter the health and safety item")
    for key, _question in SELF_CHECK_QUESTIONS:
        assert "yes or no" in problems[rules.self_check_field(key)]
    assert "colluding with the parents or carers by avoiding conflict?”" in problems[
        "self_check_colluding"]
    assert _problems(needs_safety_items=True, health_and_safety="Joint visits",
                     self_check=ALL_ANSWERED) == {}


def test_R_SUP_2_one_unanswered_question_is_named():
    answers = dict(ALL_ANSWERED, filtering={"answer": "", "note": "Not sure"})
    problems = _problems(needs_safety_items=True, health_and_safety="Joint visits",
                         self_check=answers)
    assert list(problems) == ["self_check_filtering"]


def test_R_SUP_2_a_planned_session_may_leave_the_safety_items_for_the_day():
    assert _problems(status="planned", needs_safety_items=True) == {}


def test_no_safety_items_are_asked_of_a_family_without_hostility():
    assert _problems() == {}


def test_held_supervision_cannot_go_back_to_planned_and_cancelled_is_not_changed():
    assert "status" in _problems(status="planned", previous_status="held")
    assert "" in _problems(previous_status="cancelled")


def test_R_SUP_1_only_a_planned_supervision_is_cancelled_and_always_with_a_reason():
    assert rules.cancel_problem(status="planned", reason="Sam off sick") is None
    assert rules.cancel_problem(status="planned", reason="  ") == (
        "reason", "Enter why the supervision was cancelled")
    assert rules.cancel_problem(status="held", reason="x")[1].endswith("cannot be cancelled.")
    assert rules.cancel_problem(status="cancelled", reason="x")


def test_an_action_says_what_who_and_by_when():
    assert rules.action_problems(what="", due_on=None, owner_ok=False) == {
        "what": "Enter what is to be done", "owner": "Select who will do it",
        "due_on": "Enter the date it is due by"}
    assert rules.action_problems(what="Visit", due_on=TODAY, owner_ok=True) == {}
