"""The pure rules of resolving professional differences (R-PD-1..3): no database, no clock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hearth.differences import rules

LONDON = ZoneInfo("Europe/London")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def test_r_pd_1_a_stage_is_due_two_working_days_after_the_day_it_started():
    # Tuesday -> end of Thursday; Thursday -> end of Monday (the weekend is not counted).
    assert rules.stage_due(date(2026, 11, 17)) == at(2026, 11, 19, 23, 59, 59)
    assert rules.stage_due(date(2026, 11, 19)) == at(2026, 11, 23, 23, 59, 59)
    # Started on a Saturday: day 0 whatever kind of day it is, then Monday and Tuesday.
    assert rules.stage_due(date(2026, 11, 21)) == at(2026, 11, 24, 23, 59, 59)
    # Christmas: Wednesday 23 December 2026 -> Thursday 24, then Tuesday 29 (25, 26 and the
    # substitute Boxing Day on Monday 28 are not working days).
    assert rules.stage_due(date(2026, 12, 23)) == at(2026, 12, 29, 23, 59, 59)


def test_r_pd_2_a_stage_not_resolved_by_its_due_time_is_overdue():
    due = at(2026, 11, 19, 23, 59, 59)
    assert not rules.stage_overdue(due_at=due, resolved=None, is_open=True,
                                   now=at(2026, 11, 19, 23, 59, 59))
    assert rules.stage_overdue(due_at=due, resolved=None, is_open=True,
                               now=at(2026, 11, 20, 0, 0))
    # Its outcome recorded as not resolved: still flagged, it may now be escalated.
    assert rules.stage_overdue(due_at=due, resolved=False, is_open=True,
                               now=at(2026, 11, 20, 9, 0))
    # A stage that resolved it, or any stage of a resolved difference, is not overdue.
    assert not rules.stage_overdue(due_at=due, resolved=True, is_open=True,
                                   now=at(2026, 11, 25, 9, 0))
    assert not rules.stage_overdue(due_at=due, resolved=None, is_open=False,
                                   now=at(2026, 11, 25, 9, 0))


GOOD = {"decision": "The plan ends", "decision_by": "Sam Worker", "decision_agency": "social_care",
        "why": "Jack is losing weight", "raised_before": "cin_meeting", "raised_before_note": ""}


def test_r_pd_2_a_difference_says_what_was_decided_by_whom_why_and_where_raised_first():
    assert rules.raise_problems(**GOOD) == {}
    assert rules.raise_problems(**{**GOOD, "why": "  "}) == {"why": "Enter why you disagree"}
    assert set(rules.raise_problems(**{**GOOD, "decision": "", "decision_by": "",
                                       "decision_agency": "nobody"})) == {
        "decision", "decision_by", "decision_agency"}
    assert "5,000 characters" in rules.raise_problems(**{**GOOD, "why": "x" * 5001})["why"]


def test_r_pd_2_another_meeting_or_no_time_to_raise_it_first_needs_a_note():
    assert rules.raise_problems(**{**GOOD, "raised_before": ""}) == {
        "raised_before": rules.RAISED_BEFORE_MISSING}
    assert rules.raise_problems(**{**GOOD, "raised_before": "other"}) == {
        "raised_before_note": "Enter which meeting or discussion you raised it at, and when"}
    assert rules.raise_problems(**{**GOOD, "raised_before": "not_raised"}) == {
        "raised_before_note": "Enter why the child's timescale did not allow raising it first"}
    assert rules.raise_problems(**{**GOOD, "raised_before": "not_raised",
                                   "raised_before_note": "Jack was due home that night"}) == {}
    assert rules.raise_problems(**{**GOOD, "raised_before": "core_group"}) == {}


def test_r_pd_2_a_difference_is_about_a_child():
    today = date(2026, 11, 17)
    assert rules.child_problem(name="Jack", born=date(2016, 9, 14), today=today) is None
    assert rules.child_problem(name="Jack", born=None, today=today) is None
    assert rules.child_problem(name="Kerry Fletcher", born=date(1990, 4, 2), today=today) == (
        "Professional differences are about a child: Kerry Fletcher is 36, so is not a child")
    assert rules.child_problem(name="Sam", born=date(2008, 11, 18), today=today) is None
    assert rules.child_problem(name="Sam", born=date(2008, 11, 17), today=today) is not None


def outcome(**changes):
    values = {"number": 2, "started_on": date(2026, 11, 17), "held_on": date(2026, 11, 18),
              "who": "Hana", "with_whom": "Sam", "discussed": "Weight", "resolved": False,
              "chaired_by": "", "today": date(2026, 11, 18)}
    return rules.outcome_problems(**{**values, **changes})


def test_r_pd_2_each_stage_records_who_with_whom_when_what_and_whether_it_resolved():
    assert outcome() == {}
    assert outcome(held_on=None, who="", with_whom=" ", discussed="", resolved=None) == {
        "held_on": rules.HELD_ON_MISSING, "who": rules.WHO_MISSING,
        "with_whom": rules.WITH_WHOM_MISSING, "discussed": rules.DISCUSSED_MISSING,
        "resolved": rules.RESOLVED_MISSING}
    assert outcome(held_on=date(2026, 11, 19)) == {"held_on": rules.HELD_ON_FUTURE}
    assert outcome(held_on=date(2026, 11, 16)) == {
        "held_on": "The date of the discussion must be on or after the day stage 2 started "
                   "(17 November 2026)"}


def test_r_pd_1_stage_5_records_the_partnerships_resolution_meeting():
    assert outcome(number=5) == {"chaired_by": rules.CHAIR_MISSING,
                                 "resolved": rules.LAST_STAGE_UNRESOLVED}
    assert outcome(number=5, chaired_by="The independent scrutineer", resolved=True) == {}


def test_r_pd_1_escalating_needs_the_stages_outcome_recorded_and_not_resolved():
    field, message = rules.escalate_problem(number=2, resolved=None)
    assert field == "outcome"
    assert message == ("Record the outcome of stage 2 (inter-agency discussion) before "
                       "escalating to stage 3")
    assert rules.escalate_problem(number=2, resolved=True)[0] == "outcome"
    assert rules.escalate_problem(number=2, resolved=False) is None
    assert rules.escalate_problem(number=4, resolved=False) is None
    assert rules.escalate_problem(number=5, resolved=False) == ("", rules.NO_NEXT_STAGE)


def test_r_pd_2_resolving_records_what_was_agreed_and_who_tells_the_worker():
    state, given = rules.resolve_problems(number=3, resolved=True, agreed="Plan continues",
                                          teller_chosen=True)
    assert (state, given) == ({}, {})
    state, given = rules.resolve_problems(number=3, resolved=None, agreed="",
                                          teller_chosen=False)
    assert list(state) == ["outcome"] and "before recording the resolution" in state["outcome"]
    assert given == {"agreed": rules.AGREED_MISSING, "teller": rules.TELLER_MISSING}
    state, _ = rules.resolve_problems(number=3, resolved=False, agreed="x", teller_chosen=True)
    assert "did not resolve" in state["outcome"]


def test_r_pd_2_the_worker_is_told_on_or_after_the_day_it_was_resolved():
    resolved, today = date(2026, 11, 17), date(2026, 11, 18)
    assert rules.told_problems(told_on=today, resolved_on=resolved, today=today) == {}
    assert rules.told_problems(told_on=None, resolved_on=resolved, today=today) == {
        "told_on": rules.TOLD_MISSING}
    assert rules.told_problems(told_on=today + timedelta(days=1), resolved_on=resolved,
                               today=today) == {"told_on": rules.TOLD_FUTURE}
    assert list(rules.told_problems(told_on=date(2026, 11, 16), resolved_on=resolved,
                                    today=today)) == ["told_on"]


def test_who_may_act_on_a_difference():
    assert rules.may_act(1, raiser_id=1, owner_id=2, manager=False)
    assert rules.may_act(2, raiser_id=1, owner_id=2, manager=False)
    assert rules.may_act(3, raiser_id=1, owner_id=2, manager=True)
    assert not rules.may_act(3, raiser_id=1, owner_id=2, manager=False)
    assert rules.may_record_told(4, teller_id=4, worker_id=5, manager=False)
    assert rules.may_record_told(5, teller_id=4, worker_id=5, manager=False)
    assert not rules.may_record_told(1, teller_id=4, worker_id=5, manager=False)


def test_r_pd_3_time_to_resolve_is_in_working_days():
    # Raised on Tuesday 17 November, resolved the next Tuesday: 5 working days.
    assert rules.working_days_to_resolve(date(2026, 11, 17), date(2026, 11, 24)) == 5
    assert rules.working_days_to_resolve(date(2026, 11, 17), date(2026, 11, 17)) == 0
    # Over Christmas: 24, 29, 30, 31 December and 4 January (1 January is a bank holiday).
    assert rules.working_days_to_resolve(date(2026, 12, 23), date(2027, 1, 4)) == 5


def test_r_pd_3_the_median_from_the_middle_rows():
    assert rules.middle_rows(0) == (0, 0)
    assert rules.middle_rows(1) == (0, 1)
    assert rules.middle_rows(4) == (1, 3)
    assert rules.middle_rows(5) == (2, 3)
    values = sorted([9, 1, 4, 2, 7])
    start, stop = rules.middle_rows(len(values))
    assert rules.median(values[start:stop]) == 4
    values = sorted([1, 2, 3, 10])
    start, stop = rules.middle_rows(len(values))
    assert rules.median(values[start:stop]) == 2.5
    assert rules.median([]) is None


def test_r_pd_3_the_childs_record_says_a_difference_is_open_and_at_which_stage():
    assert rules.status_label(3) == "Professional difference open — stage 3"
