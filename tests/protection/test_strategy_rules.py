"""The pure rules of strategy discussions and Section 47 enquiries: the police and another
agency at every strategy discussion, owners for every action, the ICPC due 15 working days
after the discussion that started the enquiry (R-CP-1), two different workers of the right
kinds on every Section 47 visit (R-TWO-1), and the outcome's reasons and dates."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.protection.codes import S47Outcome, StrategyDecision, WorkerKind
from hearth.protection.rules import pathway as protection_rules
from hearth.protection.rules import strategy as rules

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 17)
NOW = datetime(2026, 11, 17, 11, 0, tzinfo=LONDON)
SAM = rules.Participant("Sam Worker", "Children's services", "social_care")
PAT = rules.Participant("DC Pat Officer", "Hampshire Police", "police")
AMIRA = rules.Participant("Amira Shah", "Northam Primary School", "education")
SW, CSC, POLICE, KNOWN = (WorkerKind.SOCIAL_WORKER, WorkerKind.CSC_WORKER, WorkerKind.POLICE,
                          WorkerKind.KNOWN_PROFESSIONAL)


def discussion(**changes):
    values = {"held_on": date(2026, 11, 16), "today": TODAY, "participants": [SAM, PAT],
              "information_shared": "Police: a callout in October.",
              "decision": StrategyDecision.S47_JOINT, "decision_reasons": "Jack's account.",
              "actions": [rules.ActionLine("Visit Jack", "Sam Worker", date(2026, 11, 18))]}
    return rules.strategy_problems(**{**values, **changes})


# --- R-CP-1: the ICPC's due date ------------------------------------------------------------

@pytest.mark.parametrize(("held_on", "due"), [
    (date(2026, 11, 10), date(2026, 12, 1)),    # 15 working days, no holidays
    (date(2026, 12, 14), date(2027, 1, 7)),     # over Christmas, Boxing Day (Mon 28) and New Year
    (date(2026, 11, 14), date(2026, 12, 4)),    # a Saturday discussion is day 0 all the same
])
def test_r_cp_1_the_icpc_is_due_15_working_days_after_the_strategy_discussion(held_on, due):
    assert rules.icpc_due_from(held_on) == due


@pytest.mark.parametrize(("outcome", "held", "today", "overdue"), [
    ("", False, date(2026, 12, 2), True),                           # no outcome, past due
    ("", False, date(2026, 12, 1), False),                          # due today: not yet
    (S47Outcome.SUBSTANTIATED_ICPC, False, date(2026, 12, 2), True),
    (S47Outcome.SUBSTANTIATED_ICPC, True, date(2026, 12, 2), False),  # held
    (S47Outcome.NOT_SUBSTANTIATED, False, date(2026, 12, 2), False),  # none needed
    (S47Outcome.ICPC_NOT_REQUIRED, False, date(2026, 12, 2), False),
])
def test_r_cp_1_the_icpc_is_overdue_only_while_one_is_still_needed(outcome, held, today,
                                                                    overdue):
    assert protection_rules.icpc_overdue(icpc_due=date(2026, 12, 1), today=today, outcome=outcome,
                                         icpc_held=held) is overdue


# --- who takes part in a strategy discussion --------------------------------------------------

def test_a_discussion_with_the_police_and_children_services_may_be_recorded():
    assert discussion() == {}
    assert discussion(participants=[SAM, PAT, AMIRA], actions=[]) == {}


@pytest.mark.parametrize(("participants", "says"), [
    ([SAM, AMIRA], "The police must take part"),
    ([PAT, rules.Participant("DS Lee", "hampshire  police", "police")], "Only the police"),
    ([SAM, rules.Participant("Tina Manager", "Children's Services")], "Only one agency"),
    ([], "Enter who took part"),
])
def test_the_police_and_at_least_one_other_agency_take_part(participants, says):
    problems = discussion(participants=participants)
    assert list(problems) == ["participants"]
    assert says in problems["participants"]


def test_each_participant_row_names_someone_and_their_agency():
    problems = discussion(participants=[SAM, PAT, rules.Participant("", "Solent NHS", "health"),
                                        rules.Participant("Gita", "", "")])
    assert problems == {"participants.2.name": "Enter the name of participant 3, or clear "
                                               "the row",
                        "participants.3.agency": "Enter the agency of participant 4"}


def test_every_action_has_an_owner_and_is_not_due_before_the_discussion():
    problems = discussion(actions=[rules.ActionLine("Visit Jack", "", None),
                                   rules.ActionLine("Check school records", "Amira Shah",
                                                    date(2026, 11, 15))])
    assert problems == {
        "actions.0.owner": "Enter who owns action 1",
        "actions.1.due_on": "Action 2 cannot be due before the strategy discussion "
                            "(16 November 2026)"}


def test_the_discussion_is_not_in_the_future_and_says_what_was_decided_and_why():
    problems = discussion(held_on=date(2026, 11, 18), information_shared=" ", decision="maybe",
                          decision_reasons="")
    assert set(problems) == {"held_on", "information_shared", "decision", "decision_reasons"}
    assert problems["held_on"] == "The date of the discussion cannot be in the future"
    assert discussion(held_on=None)["held_on"] == "Enter the date of the discussion"


@pytest.mark.parametrize("decision", [StrategyDecision.S47_SINGLE_AGENCY,
                                      StrategyDecision.S47_JOINT,
                                      StrategyDecision.IMMEDIATE_PROTECTION])
def test_r_cp_1_no_second_enquiry_while_one_has_no_outcome(decision):
    problems = discussion(decision=decision, open_enquiry_since=date(2026, 11, 2))
    assert problems == {"decision": "The child already has a Section 47 enquiry without an "
                                    "outcome (started 2 November 2026): record its outcome "
                                    "before starting another"}
    assert discussion(decision=StrategyDecision.NO_FURTHER_S47,
                      open_enquiry_since=date(2026, 11, 2)) == {}


@pytest.mark.parametrize(("decision", "police", "joint"), [
    (StrategyDecision.S47_JOINT, True, True),
    (StrategyDecision.S47_SINGLE_AGENCY, True, False),
    (StrategyDecision.IMMEDIATE_PROTECTION, True, True),
    (StrategyDecision.IMMEDIATE_PROTECTION, False, False),
])
def test_r_cp_1_the_decision_says_whether_the_enquiry_is_joint(decision, police, joint):
    assert rules.enquiry_joint(decision, police_took_part=police) is joint


# --- R-TWO-1: two workers on every Section 47 visit -----------------------------------------

def sam(kind=SW):
    """Sam, a colleague in a social work role recorded as the social worker: qualified."""
    return rules.Worker(kind, "Sam Worker", user_id=1, qualified=kind == SW)


def test_r_two_1_a_visit_with_one_worker_cannot_be_saved():
    assert rules.workers_problems([sam()], joint=False) == {
        "workers": "A Section 47 visit needs two workers: add the second worker"}
    assert "two workers" in rules.workers_problems([], joint=True)["workers"]


def test_r_two_1_the_two_workers_are_two_different_people():
    twice = rules.workers_problems([sam(), rules.Worker(CSC, "Sam Worker", user_id=1)],
                                   joint=False)
    assert twice == {"workers": "The two workers must be two different people: the same "
                                "person is named twice"}
    by_name = [rules.Worker(SW, "Gita Shah"), rules.Worker(CSC, " gita  SHAH ")]
    assert "two different people" in rules.workers_problems(by_name, joint=False)["workers"]


def test_r_two_1_a_joint_enquiry_needs_a_police_officer_and_a_social_worker():
    two_social_workers = [sam(), rules.Worker(SW, "Tina Manager", user_id=2, qualified=True)]
    assert "one of the two workers must be a police officer" in rules.workers_problems(
        two_social_workers, joint=True)["workers"]
    with_police = [sam(), rules.Worker(POLICE, "DC Pat Officer", agency="Hampshire Police")]
    assert rules.workers_problems(with_police, joint=True) == {}


def test_r_two_1_when_the_police_cannot_attend_a_joint_visit_two_workers_still_go():
    """R-TWO-1: on a joint enquiry the police could not attend: two CSC workers, or a social
    worker and a professional who knows the family, make the visit (refused before)."""
    tina = rules.Worker(SW, "Tina Manager", user_id=2, qualified=True)
    kim = rules.Worker(CSC, "Kim Family Support", user_id=3)
    gita = rules.Worker(KNOWN, "Gita Shah", agency="Health visiting")
    for pair in ([sam(), tina], [sam(), kim], [sam(), gita]):
        assert rules.workers_problems(pair, joint=True, police_could_not_attend=True) == {}
        assert visit(workers=pair, police_could_not_attend=True,
                     police_absence_reason="No officer free before school ended.") == {}
    assert visit(workers=[sam(), kim], police_could_not_attend=True) == {
        "police_absence_reason": "Enter why the police could not attend"}


def test_r_two_1_only_a_joint_enquiry_without_the_police_records_their_absence():
    says = rules.police_absence_problems
    pat = rules.Worker(POLICE, "DC Pat Officer")
    assert "not joint" in says(joint=False, police_could_not_attend=True, reason="x",
                               workers=[sam()])["police_could_not_attend"]
    assert "police officer is named" in says(joint=True, police_could_not_attend=True,
                                             reason="x", workers=[sam(), pat])[
        "police_could_not_attend"]
    assert says(joint=True, police_could_not_attend=False, reason="", workers=[sam()]) == {}


def test_r_two_1_otherwise_two_social_care_workers_or_a_known_professional():
    assert rules.workers_problems([sam(), rules.Worker(CSC, "Kim Family Support")],
                                  joint=False) == {}
    assert rules.workers_problems([sam(), rules.Worker(KNOWN, "Gita Health visitor")],
                                  joint=False) == {}


def test_r_two_1_two_family_practitioners_or_a_practitioner_and_a_teacher_cannot_visit():
    """R-TWO-1: one of the two is a qualified social worker, in every case (allowed before);
    a social worker named by hand from outside Hearth is never the qualified one."""
    kim = rules.Worker(CSC, "Kim Practitioner", user_id=3)
    fran = rules.Worker(CSC, "Fran Practitioner", user_id=4)
    teacher = rules.Worker(KNOWN, "Amira Shah", agency="Northam Primary School")
    by_hand = rules.Worker(SW, "Lee Social Worker", agency="Another council")
    for pair in ([kim, fran], [kim, teacher], [by_hand, teacher]):
        assert "must be a qualified social worker" in rules.workers_problems(
            pair, joint=False)["workers"]


def test_r_two_1_each_worker_row_says_who_and_what_kind():
    problems = rules.workers_problems([rules.Worker("", "", None), sam()], joint=False)
    assert problems == {"workers.0.kind": "Select what kind of worker worker 1 is",
                        "workers.0.name": "Choose a colleague as worker 1, or enter their name"}


def visit(**changes):
    values = {"visited_at": datetime(2026, 11, 16, 14, 0, tzinfo=LONDON), "now": NOW,
              # Sam and DC Officer.
              "started_on": date(2026, 11, 10), "outcome_on": None, "place": "School",
              "child_seen": True, "child_seen_alone": True, "notes": "Jack said...",
              "workers": [sam(), rules.Worker(POLICE, "DC Pat Officer")], "joint": True}
    return rules.visit_problems(**{**values, **changes})


def test_a_visit_is_within_the_enquiry_and_not_in_the_future():
    assert visit() == {}
    assert visit(visited_at=datetime(2026, 11, 17, 12, 0, tzinfo=LONDON)) == {
        "visited_at": "The date of the visit cannot be in the future"}
    assert "before the strategy discussion" in visit(
        visited_at=datetime(2026, 11, 9, 23, 30, tzinfo=LONDON))["visited_at"]
    assert "not part of this enquiry" in visit(outcome_on=date(2026, 11, 15))["visited_at"]
    assert visit(outcome_on=date(2026, 11, 16)) == {}
    assert "offset" in visit(visited_at=datetime(2026, 11, 16, 14, 0))["visited_at"]  # noqa: DTZ001


def test_r_rec_6_a_child_not_seen_was_not_seen_alone():
    assert visit(child_seen=False, child_seen_alone=True) == {
        "child_seen_alone": "The child cannot have been seen alone if they were not seen"}
    assert visit(child_seen=False, child_seen_alone=False) == {}


@pytest.mark.parametrize(("outcome", "reasons", "problems"), [
    (S47Outcome.SUBSTANTIATED_ICPC, "", set()),
    (S47Outcome.NOT_SUBSTANTIATED, "", {"reasons"}),
    (S47Outcome.ICPC_NOT_REQUIRED, " ", {"reasons"}),
    (S47Outcome.ICPC_NOT_REQUIRED, "Safety plan agreed with Kerry.", set()),
    ("perhaps", "", {"outcome"}),
])
def test_the_outcome_gives_its_reasons_when_there_will_be_no_conference(outcome, reasons,
                                                                         problems):
    found = rules.outcome_problems(outcome=outcome, reasons=reasons,
                                   outcome_on=date(2026, 11, 16),
                                   started_on=date(2026, 11, 10), today=TODAY)
    assert set(found) == problems


def test_the_outcome_is_dated_within_the_enquiry():
    def on(day):
        return rules.outcome_problems(outcome=S47Outcome.SUBSTANTIATED_ICPC, reasons="",
                                      outcome_on=day, started_on=date(2026, 11, 10),
                                      today=TODAY)
    assert on(date(2026, 11, 9)) == {
        "outcome_on": "The outcome cannot be before the enquiry started (10 November 2026)"}
    assert on(date(2026, 11, 18)) == {"outcome_on": "The date of the outcome cannot be in the "
                                                    "future"}
    assert on(None) == {"outcome_on": "Enter the date of the outcome"}
    assert on(date(2026, 11, 10)) == {}


# --- R-CP-1: an outcome with no conference waits for a team manager -------------------------

@pytest.mark.parametrize(("outcome", "waits"), [
    (S47Outcome.SUBSTANTIATED_ICPC, False),
    (S47Outcome.NOT_SUBSTANTIATED, True),
    (S47Outcome.ICPC_NOT_REQUIRED, True)])
def test_r_cp_1_only_an_outcome_with_no_conference_waits_for_authorisation(outcome, waits):
    assert rules.needs_authorisation(outcome) is waits


def test_r_cp_1_a_team_manager_of_the_team_holding_the_case_authorises_never_the_proposer():
    def who(**changes):
        values = {"team_manager": True, "of_the_team": True, "proposer": False,
                  "teams": ["North Family Safeguarding"]}
        return rules.authoriser_problem(**{**values, **changes})
    assert who() is None
    assert who(team_manager=False) == ("Only the team manager of North Family Safeguarding "
                                       "can authorise this outcome or return it")
    assert "Only the team manager of North" in who(of_the_team=False)
    assert "You proposed this outcome" in who(proposer=True)
    assert "No team has an open case" in who(teams=[])


def test_r_cp_1_returning_an_outcome_says_why():
    says = rules.decision_on_outcome_problems
    assert says(decision="authorise", reason="") == {}
    assert says(decision="return", reason="Speak to the school first.") == {}
    assert says(decision="return", reason=" ") == {
        "reason": "Enter why you are returning the outcome: the worker will see it"}
    assert list(says(decision="maybe", reason="")) == ["decision"]
