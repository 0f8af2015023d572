"""The pure rules for conferences, plans and core groups (R-CP-1..4): no database, no clock."""

from __future__ import annotations

from datetime import date

import pytest

from hearth import calendar
from hearth.protection.codes import ConferenceKind, FamilyParticipation, S47Outcome
from hearth.protection.rules import conferences as r
from hearth.protection.rules import pathway as rules

TODAY = date(2026, 11, 17)


def _arrange(**kw):
    base = {"kind": ConferenceKind.ICPC, "held_on": date(2026, 11, 30), "child": "Jack Fletcher",
            "enquiry_outcome": S47Outcome.SUBSTANTIATED_ICPC}
    return r.arrange_problems(**{**base, **kw})


def test_r_cp_1_an_icpc_follows_an_enquiry_that_found_one_is_needed():
    assert _arrange() == {}
    assert _arrange(enquiry_outcome=None)["enquiry"] == r.ICPC_NEEDS_ENQUIRY
    assert _arrange(enquiry_is_childs=False)["enquiry"] == r.ICPC_NEEDS_ENQUIRY
    assert _arrange(enquiry_outcome=S47Outcome.NOT_SUBSTANTIATED)["enquiry"] == (
        r.ICPC_NOT_NEEDED)
    assert _arrange(enquiry_outcome="")["enquiry"] == r.ICPC_NOT_NEEDED


def test_r_cp_1_only_one_icpc_per_enquiry_and_none_for_a_child_already_on_a_plan():
    assert _arrange(conferences_for_enquiry=1) == {"enquiry": r.ONE_ICPC}
    assert _arrange(has_open_plan=True) == {
        "kind": "Jack Fletcher is already subject to a child protection plan: arrange a review "
                "conference instead"}


def test_r_cp_2_a_review_date_before_the_plans_start_is_refused():
    rcpc = {"kind": ConferenceKind.RCPC, "enquiry_outcome": None, "plan_open": True,
            "plan_start": date(2026, 11, 16), "has_open_plan": True}
    assert _arrange(**rcpc, held_on=date(2027, 2, 16)) == {}
    assert _arrange(**rcpc, held_on=date(2026, 11, 16)) == {}
    assert _arrange(**rcpc, held_on=date(2026, 11, 13)) == {
        "held_on": "The review conference cannot be before the plan started on 16 November "
                   "2026: a review date before the plan's start is not possible"}


def test_a_review_needs_the_childs_open_plan_and_only_one_at_a_time():
    rcpc = {"kind": ConferenceKind.RCPC, "enquiry_outcome": None}
    assert _arrange(**rcpc)["plan"] == r.RCPC_NEEDS_PLAN
    assert _arrange(**rcpc, plan_open=True, plan_is_childs=False)["plan"] == r.RCPC_NEEDS_PLAN
    assert "has ended" in _arrange(**rcpc, plan_open=False)["plan"]
    assert "already arranged" in _arrange(**rcpc, plan_open=True, rcpcs_arranged=1)["plan"]


def test_a_risk_outside_the_home_conference_is_for_a_child_not_on_a_plan_here():
    roth = {"kind": ConferenceKind.ROTH, "enquiry_outcome": None}
    assert _arrange(**roth) == {}
    assert "already subject to a child protection plan: a risk" in _arrange(
        **roth, has_open_plan=True)["kind"]


def test_a_conference_needs_its_date_chair_and_kind():
    assert _arrange(held_on=None, chair_named=False) == {
        "held_on": "Enter the date of the conference",
        "chair": "Select the conference chair, or enter their name"}
    assert _arrange(kind="strategy") == {"kind": "Select the kind of conference"}


def test_invitees_need_a_name_and_an_agency():
    assert r.invitee_problems([]) == {
        "invitees": "Add at least one professional invited to the conference"}
    assert r.invitee_problems([{"name": "DC Officer", "agency": "Police"},
                               {"name": "", "agency": ""},
                               {"name": "Ms Shah", "agency": " "}]) == {
        "invitees-1-name": "Enter the name of invitee 2",
        "invitees-1-agency": "Enter the agency of invitee 2",
        "invitees-2-agency": "Enter the agency of Ms Shah"}


def test_r_cp_4_an_exclusion_always_has_its_reason_and_a_part_exclusion_its_part():
    part = FamilyParticipation.EXCLUDED_PART
    assert r.family_problems([{"name": "Kerry Fletcher", "participation": part,
                               "excluded_from": "The police update",
                               "exclusion_reason": "It could prejudice the investigation"}]) == {}
    assert r.family_problems([{"name": "Kerry Fletcher", "participation": part}]) == {
        "family-0-exclusion_reason": "Enter why Kerry Fletcher was excluded: the reason must "
                                     "always be recorded",
        "family-0-excluded_from": "Enter which part of the conference Kerry Fletcher was "
                                  "excluded from"}
    assert r.family_problems([
        {"name": "Kerry", "participation": FamilyParticipation.ATTENDED},
        {"name": "Dean", "participation": FamilyParticipation.EXCLUDED_ALL,
         "exclusion_reason": "  "}]) == {
        "family-1-exclusion_reason": "Enter why Dean was excluded: the reason must always be "
                                     "recorded"}
    assert r.family_problems([{"name": "", "participation": ""}]) == {
        "family-0-name": "Enter the name of family member 1",
        "family-0-participation": "Select how family member 1 took part"}


def _outcome(**kw):
    base = {"kind": ConferenceKind.ICPC, "held_on": TODAY, "today": TODAY, "decision": "plan",
            "category": "NEG", "minutes": "Minutes", "outline_plan": "Plan", "lead_chosen": True,
            "attendance": {7: ("DC Officer", "attended")}}
    return r.outcome_problems(**{**base, **kw})


def test_an_outcome_records_a_decision_the_kind_may_make():
    assert _outcome() == {}
    assert _outcome(decision="no_plan", category="", outline_plan="", lead_chosen=False) == {}
    assert _outcome(decision="continue") == {"decision": "Select the conference's decision"}
    rcpc = {"kind": ConferenceKind.RCPC, "plan_start": date(2026, 8, 1), "plan_open": True}
    assert _outcome(**rcpc, decision="continue", category="", outline_plan="") == {}
    assert _outcome(**rcpc, decision="plan")["decision"]


def test_a_new_plan_needs_its_category_lead_outline_and_minutes():
    assert _outcome(category="", lead_chosen=False, minutes=" ", outline_plan="") == {
        "category": "Select the category of abuse for the child protection plan",
        "lead_social_worker": "Select the plan's lead social worker",
        "minutes": "Enter the minutes of the conference",
        "outline_plan": "Enter the outline child protection plan"}
    assert _outcome(category="XYZ")["category"] == "Select a category of abuse"


def test_an_outcome_is_recorded_once_held_with_everyones_attendance():
    assert "today or in the past" in _outcome(held_on=date(2026, 11, 18))["held_on"]
    assert _outcome(attendance={7: ("DC Officer", "not_known"), 8: ("Ms Shah", "")}) == {
        "attendance_7": "Select whether DC Officer attended",
        "attendance_8": "Select whether Ms Shah attended"}


def test_r_cp_2_a_review_outcome_is_not_before_the_plan_nor_for_an_ended_plan():
    rcpc = {"kind": ConferenceKind.RCPC, "decision": "continue", "category": ""}
    assert "before the plan started" in _outcome(
        **rcpc, plan_start=date(2026, 11, 18), plan_open=True)["held_on"]
    assert "has ended" in _outcome(**rcpc, plan_start=date(2026, 8, 1),
                                   plan_open=False)["plan"]


def test_a_plan_cannot_end_before_it_started_nor_in_the_future():
    start = date(2026, 11, 16)
    end = {"start": start, "today": TODAY, "reason": "no_longer_at_risk", "notes": "",
           "is_open": True}
    assert r.end_problems(**end, end=TODAY) == {}
    assert r.end_problems(**end, end=date(2026, 11, 15)) == {
        "end_on": "The plan cannot end before it started on 16 November 2026: enter a date on "
                  "or after that"}
    assert "today or in the past" in r.end_problems(**end, end=date(2026, 11, 18))["end_on"]
    assert r.end_problems(**{**end, "reason": "other"}, end=TODAY) == {
        "notes": "Enter why the plan ended"}
    assert r.end_problems(**{**end, "is_open": False}, end=TODAY) == {
        "": "This child protection plan has ended already"}


def test_r_cp_3_every_core_group_member_has_an_agency_role_and_tasks():
    assert r.member_problems(name="Ms Shah", agency="School", role="Teacher",
                             tasks="Report absences") == {}
    assert set(r.member_problems(name="", agency="", role="", tasks="")) == {
        "name", "agency", "role", "tasks"}


def test_a_core_group_meeting_is_within_the_plan_and_not_in_the_future():
    base = {"start": date(2026, 11, 16), "end": None, "today": TODAY, "attendees": "Sam",
            "progress": "Good", "next_meeting_on": None}
    assert r.meeting_problems(held_on=TODAY, **base) == {}
    assert "before the plan started" in r.meeting_problems(held_on=date(2026, 11, 13),
                                                           **base)["held_on"]
    assert "today or in the past" in r.meeting_problems(held_on=date(2026, 11, 18),
                                                        **base)["held_on"]
    ended = {**base, "end": date(2026, 11, 16)}
    assert "ended on 16 November 2026" in r.meeting_problems(held_on=TODAY, **ended)["held_on"]
    assert r.meeting_problems(held_on=TODAY, **{**base, "next_meeting_on": TODAY}) == {
        "next_meeting_on": "The next meeting must be after this one"}


def test_r_cp_1_an_icpc_is_late_after_its_due_date():
    due = date(2026, 12, 1)
    assert not r.icpc_late(due=due, held_on=date(2026, 11, 30), held=False, today=TODAY)
    assert r.icpc_late(due=due, held_on=date(2026, 12, 2), held=False, today=TODAY)
    assert r.icpc_late(due=due, held_on=date(2026, 11, 30), held=False, today=date(2026, 12, 2))
    assert not r.icpc_late(due=due, held_on=date(2026, 11, 30), held=True,
                           today=date(2026, 12, 2))


def test_r_cp_2_overdue_core_groups_and_reviews():
    due = date(2026, 11, 30)
    assert rules.core_group_overdue(first_due=due, last_held=None, next_meeting_on=None,
                                    today=due) is None
    assert rules.core_group_overdue(first_due=due, last_held=None, next_meeting_on=None,
                                    today=date(2026, 12, 1)) == due
    assert rules.core_group_overdue(first_due=due, last_held=due, next_meeting_on=None,
                                    today=date(2027, 1, 1)) is None
    assert rules.review_overdue(due=due, today=date(2026, 12, 1), is_open=True)
    assert not rules.review_overdue(due=due, today=date(2026, 12, 1), is_open=False)


@pytest.mark.parametrize("icpc_on, core_group, first_review", [
    # Monday 16 November 2026: 10 working days is Monday 30 November; 3 months, 16 February.
    (date(2026, 11, 16), date(2026, 11, 30), date(2027, 2, 16)),
    # Monday 21 December 2026: Christmas Day, Boxing Day (substitute Monday 28th) and New
    # Year's Day are bank holidays, so the core group is due on Thursday 7 January 2027.
    (date(2026, 12, 21), date(2027, 1, 7), date(2027, 3, 21)),
    # Monday 30 November 2026: the review is clamped to the last day of February.
    (date(2026, 11, 30), date(2026, 12, 14), date(2027, 2, 28)),
    # Thursday 25 March 2027: Good Friday (26th) and Easter Monday (29th) push it to 12 April.
    (date(2027, 3, 25), date(2027, 4, 12), date(2027, 6, 25)),
])
def test_r_cp_2_plan_dates_with_bank_holidays(icpc_on, core_group, first_review):
    dates = rules.plan_dates(icpc_on)
    assert dates.first_core_group_due == core_group
    assert dates.first_review_due == first_review
    assert calendar.rcpc_next_due(first_review).date() == calendar.add_months(first_review, 6)


def test_r_cp_1_an_icpc_is_not_before_its_enquiry_started():
    started = date(2026, 11, 10)
    assert _arrange(enquiry_started=started, held_on=started) == {}
    assert _arrange(enquiry_started=started, held_on=date(2026, 11, 9)) == {
        "held_on": "The initial conference cannot be before the Section 47 enquiry started on "
                   "10 November 2026"}
    assert _outcome(enquiry_started=started, held_on=date(2026, 11, 9))["held_on"] == (
        "The initial conference cannot be before the Section 47 enquiry started on 10 November "
        "2026")
