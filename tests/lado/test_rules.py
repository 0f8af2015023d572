"""The LADO's rules as plain functions (no database, no clock): R-LADO-1 (criteria, low-level
concerns), R-LADO-2 (the notification and response clocks), R-LADO-3 (who sees matters; the
notification's content), R-LADO-4 (outcomes, referrals, closing) and R-LADO-5 (the reporting
year and the bands of time to outcome)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from hearth.access.codes import Role
from hearth.lado.codes import Disciplinary, MatterStatus
from hearth.lado.rules import matters as rules
from hearth.lado.rules import notifications as notice
from hearth.lado.rules import report
from hearth.lado.rules.children import ChildLine, children_problems
from hearth.lado.rules.meetings import ActionLine, Attendee, meeting_problems
from tests.lado.conftest import NOW, SCHOOL, TODAY, at, notification


def test_a_complete_notification_has_no_problems():
    assert notice.notification_problems(SCHOOL, now=NOW) == {}


@pytest.mark.parametrize("field", sorted(notice.REQUIRED_TEXT))
def test_each_required_answer_is_named_when_missing(field):
    problems = notice.notification_problems(notification(**{field: "  "}), now=NOW)
    assert list(problems) == [field]
    assert problems[field].startswith("Enter ")


def test_r_lado_3_the_sector_is_one_of_the_fixed_list():
    problems = notice.notification_problems(notification(sector="banking"), now=NOW)
    assert list(problems) == ["sector"]
    assert "education, early years, health" in problems["sector"]
    assert "sport and leisure, voluntary, transport, other" in problems["sector"]


def test_dates_in_the_future_or_out_of_order_are_named():
    later = notification(incident_on=TODAY + timedelta(days=1),
                         concern_shared_at=NOW + timedelta(hours=1),
                         notified_at=NOW + timedelta(hours=2),
                         subject_date_of_birth=TODAY + timedelta(days=1))
    assert set(notice.notification_problems(later, now=NOW)) == {
        "incident_on", "concern_shared_at", "notified_at", "subject_date_of_birth"}
    backwards = notification(concern_shared_at=at(2026, 11, 15, 10, 0),
                             notified_at=at(2026, 11, 14, 10, 0))
    problems = notice.notification_problems(backwards, now=NOW)
    assert "before the incident happened (16 November 2026)" in problems["concern_shared_at"]
    assert "before the concern was shared" in problems["notified_at"]


def test_r_lado_2_told_more_than_24_hours_after_the_concern_is_late():
    shared = at(2026, 11, 16, 15, 30)
    assert notice.notification_due(shared) == at(2026, 11, 17, 15, 30)
    assert not notice.notified_late(concern_shared_at=shared, notified_at=at(2026, 11, 17, 15, 30))
    assert notice.notified_late(concern_shared_at=shared, notified_at=at(2026, 11, 17, 15, 31))


def test_r_lado_2_the_response_is_due_in_24_working_hours():
    """Friday 15:00 is due Monday 15:00 (the weekend does not count)."""
    assert rules.response_due(at(2026, 11, 20, 15, 0)) == at(2026, 11, 23, 15, 0)
    due = rules.response_due(at(2026, 11, 17, 9, 0))
    assert due == at(2026, 11, 18, 9, 0)
    assert not rules.response_overdue(due=due, responded_at=None, now=NOW)
    assert rules.response_overdue(due=due, responded_at=None, now=due + timedelta(minutes=1))
    assert not rules.response_overdue(due=due, responded_at=NOW,
                                      now=due + timedelta(minutes=1))


def test_r_lado_2_time_left_in_words():
    due = at(2026, 11, 18, 9, 0)
    assert rules.time_left(due, NOW) == "22 hours left"
    assert rules.time_left(due, due + timedelta(minutes=5)) == "overdue by 5 minutes"
    assert rules.time_left(due, due + timedelta(days=3)) == "overdue by 3 days"


def test_r_lado_1_a_concern_meeting_no_criterion_is_low_level_and_needs_advice():
    assert rules.is_low_level([])
    assert not rules.is_low_level(["harm"])
    assert list(rules.criteria_problems([], "")) == ["advice"]
    assert rules.criteria_problems([], "Speak to the teacher about professional boundaries") == {}
    assert rules.criteria_problems(["harm", "offence"], "") == {}
    assert list(rules.criteria_problems(["gossip"], "x")) == ["criteria"]


def test_r_lado_2_the_response_is_not_before_the_lado_was_told_nor_in_the_future():
    told = at(2026, 11, 17, 9, 0)
    assert rules.response_problems(responded_at=NOW, response="Advice", notified_at=told,
                                   now=NOW) == {}
    assert set(rules.response_problems(responded_at=at(2026, 11, 17, 8, 0), response="",
                                       notified_at=told, now=NOW)) == {"response",
                                                                       "responded_at"}
    assert "future" in rules.response_problems(
        responded_at=NOW + timedelta(hours=1), response="x", notified_at=told,
        now=NOW)["responded_at"]


def test_r_lado_4_a_suspension_decision_goes_with_considering_it():
    assert rules.employer_problems(suspension_considered=True, suspension="suspended") == {}
    assert list(rules.employer_problems(suspension_considered=True, suspension="")) == [
        "suspension"]
    assert list(rules.employer_problems(suspension_considered=False,
                                        suspension="suspended")) == ["suspension"]
    assert list(rules.employer_problems(suspension_considered=None,
                                        disciplinary="sacked")) == ["disciplinary"]


def test_r_lado_4_the_outcome_is_one_of_five_and_dated_after_the_notification():
    told = date(2026, 11, 17)
    for outcome in ("substantiated", "false", "malicious", "unsubstantiated", "unfounded"):
        assert rules.outcome_problems(outcome=outcome, outcome_on=TODAY, notes="",
                                      notified_on=told, today=TODAY) == {}
    assert list(rules.outcome_problems(outcome="proven", outcome_on=TODAY, notes="",
                                       notified_on=told, today=TODAY)) == ["outcome"]
    before = rules.outcome_problems(outcome="false", outcome_on=date(2026, 11, 16), notes="",
                                    notified_on=told, today=TODAY)
    assert before == {"outcome_on": "The date of the outcome cannot be before the LADO was "
                                    "told (17 November 2026)"}
    assert "future" in rules.outcome_problems(outcome="false", outcome_on=TODAY + timedelta(1),
                                              notes="", notified_on=told,
                                              today=TODAY)["outcome_on"]


def test_r_lado_4_referrals_are_dated_and_a_regulator_named():
    told = date(2026, 11, 1)
    ok = rules.referral_problems(dbs_referred_on=TODAY, regulator="Teaching Regulation Agency",
                                 regulator_referred_on=TODAY, notified_on=told, today=TODAY)
    assert ok == {}
    assert list(rules.referral_problems(dbs_referred_on=None, regulator="",
                                        regulator_referred_on=TODAY, notified_on=told,
                                        today=TODAY)) == ["regulator"]
    assert list(rules.referral_problems(dbs_referred_on=None, regulator="Ofsted",
                                        regulator_referred_on=None, notified_on=told,
                                        today=TODAY)) == ["regulator_referred_on"]
    assert list(rules.referral_problems(dbs_referred_on=date(2026, 10, 1), regulator="",
                                        regulator_referred_on=None, notified_on=told,
                                        today=TODAY)) == ["dbs_referred_on"]


def test_r_lado_4_a_matter_closes_only_with_an_outcome():
    problems, state = rules.close_problems(status=MatterStatus.OPEN, outcome="",
                                           disciplinary="", dbs_referred_on=None)
    assert list(problems) == ["outcome"] and not state
    assert rules.close_problems(status=MatterStatus.OPEN, outcome="false", disciplinary="",
                                dbs_referred_on=None) == ({}, False)
    assert rules.close_problems(status=MatterStatus.NEW, outcome="", disciplinary="",
                                dbs_referred_on=None)[1] is True
    assert rules.close_problems(status=MatterStatus.CLOSED, outcome="false", disciplinary="",
                                dbs_referred_on=None)[1] is True


def test_r_lado_4_a_dismissed_person_is_referred_to_the_dbs_before_closing():
    for left in (Disciplinary.DISMISSED, Disciplinary.LEFT):
        problems, _ = rules.close_problems(status=MatterStatus.OPEN, outcome="substantiated",
                                           disciplinary=left, dbs_referred_on=None)
        assert list(problems) == ["dbs_referred_on"]
        assert rules.close_problems(status=MatterStatus.OPEN, outcome="substantiated",
                                    disciplinary=left, dbs_referred_on=TODAY) == ({}, False)


def test_where_a_matter_stands():
    def stage(**kw):
        base = {"status": MatterStatus.NEW, "criteria_decided": False, "responded": False,
                "response_overdue": False, "meetings": 0, "outcome": ""}
        return rules.stage(**{**base, **kw})

    assert stage() == "new"
    assert stage(status=MatterStatus.OPEN, criteria_decided=True) == "awaiting_response"
    assert stage(response_overdue=True) == "response_overdue"
    assert stage(status=MatterStatus.OPEN, responded=True) == "responded"
    assert stage(status=MatterStatus.OPEN, responded=True, meetings=1) == "meeting_held"
    assert stage(status=MatterStatus.OPEN, meetings=1, outcome="false") == "outcome_recorded"
    assert stage(status=MatterStatus.CLOSED, outcome="false") == "closed"
    assert stage(status=MatterStatus.LOW_LEVEL) == "low_level"


def test_r_lado_5_the_same_person_is_found_whatever_the_spelling_of_case_and_spaces():
    key = rules.subject_key("Mark", "Benson", date(1985, 3, 2))
    assert rules.subject_key(" mark ", "BENSON", date(1985, 3, 2)) == key
    assert rules.subject_key("Mark", "Ben-son", date(1985, 3, 2)) == key
    assert rules.subject_key("Mark", "Benson", date(1985, 3, 3)) != key


def test_r_lado_3_only_the_lado_and_their_service_manager_see_matters():
    assert rules.sees_matters(Role.LADO, with_a_lado_in_team=False)
    assert rules.sees_matters(Role.SERVICE_MANAGER, with_a_lado_in_team=True)
    assert not rules.sees_matters(Role.SERVICE_MANAGER, with_a_lado_in_team=False)
    for role in (Role.TEAM_MANAGER, Role.SOCIAL_WORKER, Role.FRONT_DOOR, Role.MASH_PARTNER):
        assert not rules.sees_matters(role, with_a_lado_in_team=True)


def test_r_lado_3_a_matter_concerns_at_least_one_child_each_named_or_linked():
    assert list(children_problems([], today=TODAY)) == ["children"]
    assert children_problems([ChildLine(person_id="x")], today=TODAY) == {}
    problems = children_problems([ChildLine("Jack", ""), ChildLine("", "", None, "a"),
                                  ChildLine(person_id="a"),
                                  ChildLine("Amy", "Fletcher", TODAY + timedelta(days=1))],
                                 today=TODAY)
    assert set(problems) == {"children.0.family_name", "children.2.person_id",
                             "children.3.date_of_birth"}


def test_r_lado_4_a_meeting_has_attendees_and_actions_with_owners_and_dates():
    ok = meeting_problems(held_on=TODAY, information_shared="Shared",
                          attendees=[Attendee("Lara Officer", "LADO")],
                          actions=[ActionLine("Interview", "Police", TODAY)],
                          next_meeting_on=TODAY + timedelta(days=14),
                          notified_on=TODAY - timedelta(days=3), today=TODAY)
    assert ok == {}
    bad = meeting_problems(held_on=TODAY - timedelta(days=5), information_shared="",
                           attendees=[Attendee("Lara", "")],
                           actions=[ActionLine("Interview", "", None)],
                           next_meeting_on=TODAY - timedelta(days=6),
                           notified_on=TODAY - timedelta(days=3), today=TODAY)
    assert set(bad) == {"held_on", "information_shared", "attendees.0.agency",
                        "actions.0.owner", "actions.0.due_on", "next_meeting_on"}
    assert list(meeting_problems(held_on=TODAY, information_shared="x", attendees=[],
                                 actions=[], next_meeting_on=None, notified_on=TODAY,
                                 today=TODAY)) == ["attendees"]


def test_r_lado_5_the_reporting_year_runs_april_to_march():
    assert report.reporting_year(date(2026, 3, 31)) == 2025
    assert report.reporting_year(date(2026, 4, 1)) == 2026
    assert report.year_bounds(2026) == (date(2026, 4, 1), date(2027, 4, 1))
    assert report.year_label(2026) == "April 2026 to March 2027"
    assert report.year_asked("", today=TODAY) == (2026, "")
    assert report.year_asked("2024", today=TODAY) == (2024, "")
    for bad in ("2030", "1999", "twenty", "２０２４"):
        year, problem = report.year_asked(bad, today=TODAY)
        assert year == 2026 and "Choose a reporting year" in problem


def test_r_lado_5_time_from_notification_to_outcome_in_bands():
    told = date(2026, 1, 31)
    assert report.band(told, date(2026, 2, 28)) == "month"  # the month's last day
    assert report.band(told, date(2026, 3, 1)) == "quarter"
    assert report.band(told, date(2026, 4, 30)) == "quarter"
    assert report.band(told, date(2026, 5, 1)) == "year"
    assert report.band(told, date(2027, 1, 31)) == "year"
    assert report.band(told, date(2027, 2, 1)) == "longer"
