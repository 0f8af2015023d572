"""The FGC rules as plain functions (no database, no clock): R-FGC-1..4 and the census's
pre-proceedings FGDM items."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.fgc.codes import Status
from hearth.fgc.rules import census, conferences, preparation, referrals
from hearth.fgc.rules.conferences import PlanLine

TODAY = date(2026, 11, 17)  # a Tuesday


def problems(**overrides):
    given = {"reason": "school_attendance", "background": "Worries and strengths",
             "questions": ["How can Jack get to school?"], "process_explained": True,
             "family_agreed": True, "explained_on": date(2026, 11, 16), "today": TODAY}
    return referrals.referral_problems(**{**given, **overrides})


def test_a_complete_referral_has_no_problems_r_fgc_1():
    assert problems() == {}


@pytest.mark.parametrize("questions", [[], ["", "  "]])
def test_at_least_one_question_for_the_family_r_fgc_1(questions):
    assert problems(questions=questions) == {"questions": referrals.QUESTIONS_MISSING}


def test_at_most_six_questions_r_fgc_1():
    assert problems(questions=[f"Question {n}?" for n in range(7)]) == {
        "questions": referrals.QUESTIONS_TOO_MANY}
    assert problems(questions=[f"Question {n}?" for n in range(6)]) == {}


def test_a_question_too_long_names_its_number():
    assert "Question 2 is too long" in problems(questions=["Short?", "x" * 501])["questions"]


def test_the_process_explained_and_the_familys_agreement_are_both_required_r_fgc_2():
    found = problems(process_explained=False, family_agreed=False)
    assert found == {"process_explained": referrals.NOT_EXPLAINED,
                     "family_agreed": referrals.NOT_AGREED}


def test_an_unknown_reason_code_is_refused_naming_the_reason():
    assert set(problems(reason="housing")) == {"reason"}


def test_the_date_the_family_agreed_is_needed_and_not_in_the_future_r_fgc_2():
    assert "explained_on" in problems(explained_on=None)
    assert "future" in problems(explained_on=date(2026, 11, 18))["explained_on"]


def test_the_children_are_children_r_fgc_1():
    kerry = referrals.Child("Kerry Fletcher", date(1990, 4, 2))
    jack = referrals.Child("Jack Fletcher", date(2016, 9, 14))
    unborn = referrals.Child("Baby Fletcher", None)
    assert referrals.children_problems([jack, unborn], TODAY) == {}
    assert "Kerry Fletcher is not a child" in referrals.children_problems([jack, kerry],
                                                                          TODAY)["children"]
    assert "children" in referrals.children_problems([], TODAY)


def test_a_child_has_one_fgc_under_way_at_a_time():
    jack = referrals.Child("Jack Fletcher", date(2016, 9, 14), open_fgc_since=date(2026, 10, 1))
    amy = referrals.Child("Amy Fletcher", date(2019, 1, 30))
    assert referrals.already_open([amy]) == ""
    assert "Jack Fletcher already has a Family Group Conference under way (referred on 1 " \
           "October 2026)" in referrals.already_open([amy, jack])


def test_domestic_abuse_makes_a_split_conference_r_fgc_1():
    assert referrals.split_conference(domestic_abuse=True, split_requested=False)
    assert referrals.split_conference(domestic_abuse=False, split_requested=True)
    assert not referrals.split_conference(domestic_abuse=False, split_requested=False)


def test_who_allocates_and_who_is_the_fgc_service():
    assert referrals.is_fgc_manager("team_manager", "fgc")
    assert referrals.is_fgc_manager("service_manager", None)
    assert not referrals.is_fgc_manager("team_manager", "family_help")
    assert not referrals.is_fgc_manager("fgc_coordinator", "fgc")
    assert referrals.is_fgc_service("fgc_coordinator", None)
    assert not referrals.is_fgc_service("service_manager", None)
    assert referrals.can_coordinate("fgc_coordinator", True)
    assert not referrals.can_coordinate("fgc_coordinator", False)


@pytest.mark.parametrize(("step", "allowed"), [
    ("take", {Status.REFERRED}),
    ("prepare", {Status.ALLOCATED, Status.PREPARING}),
    ("conference", {Status.PREPARING}),
    ("plan", {Status.HELD, Status.PLAN_NOT_AGREED}),
    ("decide", {Status.PLAN_WAITING}),
    ("review", {Status.PLAN_AGREED, Status.REVIEWED}),
    ("end", {Status.REFERRED, Status.ALLOCATED, Status.PREPARING}),
])
def test_each_step_is_taken_from_its_statuses_only(step, allowed):
    for status in Status.values:
        assert (referrals.step_problem(step, status) == "") == (status in allowed), status


def test_an_ended_fgc_says_so_r_fgc_2():
    assert "has ended (declined by the family)" in referrals.step_problem("prepare", "declined")


def test_ending_needs_the_outcome_and_the_reason_r_fgc_2():
    assert set(referrals.end_problems(outcome="deleted", reason="")) == {"outcome", "reason"}
    assert referrals.end_problems(outcome="declined", reason="Kerry changed her mind") == {}


def test_a_referral_is_due_to_be_taken_five_working_days_after_it_was_made():
    # Friday 18 December 2026: five working days, skipping Christmas Day and Boxing Day's
    # substitute Monday.
    assert referrals.allocation_due(date(2026, 12, 18)) == date(2026, 12, 29)


# --- preparation -------------------------------------------------------------------------------

def test_a_preparation_visit_is_dated_between_the_referral_and_today():
    ok = {"who_seen": "Jack", "notes": "Talked", "referred_on": date(2026, 11, 10),
          "today": TODAY}
    assert preparation.visit_problems(visited_on=TODAY, **ok) == {}
    assert "future" in preparation.visit_problems(visited_on=date(2026, 11, 18),
                                                  **ok)["visited_on"]
    assert "before the referral" in preparation.visit_problems(visited_on=date(2026, 11, 9),
                                                               **ok)["visited_on"]
    assert set(preparation.visit_problems(visited_on=None, who_seen="", notes="",
                                          referred_on=TODAY, today=TODAY)) == {
        "visited_on", "who_seen", "notes"}


def test_someone_the_family_invites_has_a_relationship_and_how_they_were_reached():
    assert preparation.network_problems(name="Pat", relationship="Nan", kind="family",
                                        reached_by="phone") == {}
    assert set(preparation.network_problems(name="", relationship="", kind="cousin",
                                            reached_by="pigeon")) == {
        "name", "relationship", "kind", "reached_by"}


def test_the_childs_voice_r_fgc_3():
    """Whether they attend; for how much; who supports them; their wishes and feelings if
    they do not attend."""
    rows = [preparation.Participation("child_1", "Jack", "part"),
            preparation.Participation("child_2", "Amy", "none"),
            preparation.Participation("child_3", "Ben", "whole", supported_by="Nan"),
            preparation.Participation("child_4", "Cy", "")]
    assert preparation.participation_problems(rows) == {
        "child_1_attends_for": "Say how much of the conference Jack will attend",
        "child_1_supported_by": "Enter who will support Jack at the conference",
        "child_2_wishes_and_feelings": "Enter Amy's wishes and feelings, to be shared at the "
                                       "conference because they will not attend",
        "child_4_attendance": "Select whether Cy will attend"}


# --- the conference and the plan ---------------------------------------------------------------

STAGES = {"information_shared": "Shared", "private_family_time": "An hour",
          "plan_shared": "Agreed"}


def test_the_conference_records_its_three_stages_r_fgc_1():
    ok = {"held_on": TODAY, "split": False, "split_arrangements": "",
          "referred_on": date(2026, 11, 1), "today": TODAY}
    assert conferences.conference_problems(stages=STAGES, **ok) == {}
    assert set(conferences.conference_problems(stages={}, **ok)) == set(STAGES)


def test_a_split_conference_says_how_its_two_meetings_were_held_r_fgc_1():
    found = conferences.conference_problems(
        held_on=TODAY, stages=STAGES, split=True, split_arrangements="",
        referred_on=date(2026, 11, 1), today=TODAY)
    assert set(found) == {"split_arrangements"}


def test_every_plan_item_has_who_what_and_by_when_r_fgc_4():
    lines = [PlanLine("Nan", "School run", date(2026, 11, 24)), PlanLine(),
             PlanLine("", "Ring the school", date(2026, 11, 24)),
             PlanLine("Kerry", "", None)]
    found = conferences.plan_problems(lines, review_on=date(2027, 1, 5), held_on=TODAY)
    assert found == {
        "item_3_who": "Enter who will do item 3: every item needs someone who owns it",
        "item_4_what": "Enter what will be done in item 4",
        "item_4_by_when": "Enter the date item 4 will be done by"}


def test_a_plan_has_an_item_and_a_review_date_after_the_conference_r_fgc_4():
    assert set(conferences.plan_problems([PlanLine()], review_on=None, held_on=TODAY)) == {
        "items", "review_on"}
    assert "after the conference" in conferences.plan_problems(
        [PlanLine("Nan", "School run", TODAY)], review_on=TODAY, held_on=TODAY)["review_on"]


def test_a_plan_not_agreed_says_why_r_fgc_4():
    assert conferences.decision_problems(agreed=True, reason="") == {}
    assert set(conferences.decision_problems(agreed=False, reason=" ")) == {"reason"}
    assert set(conferences.decision_problems(agreed=None, reason="")) == {"agreed"}


def test_a_review_says_how_each_item_is_going_r_fgc_4():
    found = conferences.review_problems(held_on=TODAY, progress=[(1, "done"), (2, "")],
                                        next_review_on=TODAY, conference_on=date(2026, 10, 1),
                                        today=TODAY)
    assert found == {"item_2_progress": "Select how item 2 is going",
                     "next_review_on": "The next review must be after this one"}


def test_the_plan_is_checked_for_plain_language_as_a_parents_summary_is():
    warnings = conferences.plan_warnings(
        ["What will help before the ICPC?"],
        [PlanLine("Nan", "Come to the core group", TODAY)])
    assert any('Question 1 uses "initial child protection conference"' in w for w in warnings)
    assert any('Item 1 uses "core group"' in w for w in warnings)
    assert conferences.plan_warnings(["How can we help Jack?"],
                                     [PlanLine("Nan", "Walk Jack to school", TODAY)]) == []


def test_the_referrer_is_asked_to_agree_within_five_working_days():
    assert conferences.agreement_due(TODAY) == date(2026, 11, 24)


# --- the census --------------------------------------------------------------------------------

def test_census_offered_and_held_count_pre_proceedings_fgcs_in_the_period_r_fgc_4():
    start, end = date(2026, 4, 1), date(2027, 3, 31)
    facts = [census.CensusFacts(True, date(2026, 5, 1), date(2026, 6, 1)),
             census.CensusFacts(True, date(2027, 3, 1), None),
             census.CensusFacts(False, date(2026, 5, 1), date(2026, 6, 1)),
             census.CensusFacts(True, date(2026, 3, 1), date(2026, 4, 2))]
    assert census.census_flags(facts, start, end) == census.CensusFlags(
        offered=True, held=True, offered_count=2, held_count=2)
    assert census.census_flags(facts[2:3], start, end) == census.CensusFlags()
