"""The pure rules of worker-safety warnings and visit plans (no database, no clock)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hearth.safety import rules
from hearth.safety.codes import PLAN_QUESTIONS

TODAY = date(2026, 11, 17)
NOW = datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London"))


def _problems(**changes) -> dict[str, str]:
    given = {"kind": "violence", "what_happened": "Pushed the worker", "source": "Witnessed",
             "occurred_on": TODAY, "disclosed_to_person": True, "not_disclosed_reason": "",
             "review_on": None, "profession": "", "today": TODAY, **changes}
    return rules.warning_problems(**given)


def test_R_SAFE_1_a_warning_needs_a_type_what_happened_a_source_and_a_date():
    assert _problems() == {}
    assert _problems(kind="gossip") == {"kind": "Select the type of risk"}
    assert _problems(source="  ") == {"source": "Enter where this information came from"}
    assert "source" in _problems(source="x" * 201)
    assert _problems(what_happened="") == {"what_happened": "Enter what happened"}
    assert _problems(occurred_on=TODAY + timedelta(days=1)) == {
        "occurred_on": "Enter the date it happened, today or in the past"}
    assert _problems(review_on=TODAY) == {"review_on": "The review date must be in the future"}


def test_R_SAFE_1_why_not_told_and_which_profession():
    assert _problems(disclosed_to_person=False) == {
        "not_disclosed_reason": "Say why the person has not been told about the warning"}
    assert _problems(disclosed_to_person=False, not_disclosed_reason="Would raise the risk") == {}
    assert _problems(disclosed_to_person=None) == {
        "disclosed_to_person": "Select whether the person has been told"}
    assert _problems(kind="hostile_to_profession") == {
        "profession": "Enter which profession the person is hostile to"}
    assert _problems(kind="hostile_to_profession", profession="Social workers") == {}


def test_R_SAFE_1_sign_off_is_a_managers_never_the_authors():
    awaiting = "awaiting_sign_off"
    assert rules.sign_off_refusal(status=awaiting, author_id=1, manager_id=2,
                                  may_sign_off=True) is None
    assert "another manager" in rules.sign_off_refusal(status=awaiting, author_id=2,
                                                       manager_id=2, may_sign_off=True)
    assert "Only a manager" in rules.sign_off_refusal(status=awaiting, author_id=1,
                                                      manager_id=2, may_sign_off=False)
    assert "not awaiting" in rules.sign_off_refusal(status="active", author_id=1, manager_id=2,
                                                    may_sign_off=True)


def test_R_SAFE_1_a_review_needs_a_future_date_and_a_note_and_a_live_warning():
    assert rules.review_problems(status="active", review_on=TODAY + timedelta(days=90),
                                 note="Still a risk", today=TODAY) == {}
    assert set(rules.review_problems(status="active", review_on=TODAY, note="",
                                     today=TODAY)) == {"review_on", "note"}
    assert "" in rules.review_problems(status="ended", review_on=TODAY + timedelta(days=1),
                                       note="x", today=TODAY)
    assert rules.end_problems(status="active", reason="") == {
        "reason": "Enter why the warning is ending"}
    assert rules.end_problems(status="ended", reason="x") == {
        "": "This warning has already ended."}


def test_R_SAFE_2_a_plan_answers_every_question_of_seed_004_for_a_visit_to_come():
    answers = {key: {"answer": True, "note": ""} for key, _ in PLAN_QUESTIONS}
    later = NOW + timedelta(days=2)
    assert rules.plan_problems(planned_for=later, answers=answers, worker_id=1,
                               joint_worker_id=None, now=NOW) == {}
    missing = {**answers, "summon_help": {"answer": None, "note": ""}}
    assert list(rules.plan_problems(planned_for=later, answers=missing, worker_id=1,
                                    joint_worker_id=None, now=NOW)) == ["summon_help"]
    assert list(rules.plan_problems(planned_for=NOW - timedelta(hours=1), answers=answers,
                                    worker_id=1, joint_worker_id=None, now=NOW)) == \
        ["planned_for"]
    assert list(rules.plan_problems(planned_for=later, answers=answers, worker_id=1,
                                    joint_worker_id=1, now=NOW)) == ["joint_worker"]


def test_R_SAFE_2_a_manager_agrees_once_never_to_their_own_visit_and_only_where_needed():
    agree = dict(worker_id=1, manager_id=2, may_agree=True, already_agreed=False,
                 agreement_wanted=True, joint_worker_named=False)
    assert rules.agree_refusal(**agree) is None
    assert "your own visit" in rules.agree_refusal(**{**agree, "worker_id": 2})
    assert "Only a manager" in rules.agree_refusal(**{**agree, "may_agree": False})
    assert "already agreed" in rules.agree_refusal(**{**agree, "already_agreed": True})
    assert "no warning asks" in rules.agree_refusal(**{**agree, "agreement_wanted": False})
    assert "a joint worker is named" in rules.agree_refusal(
        **{**agree, "agreement_wanted": False, "joint_worker_named": True})
