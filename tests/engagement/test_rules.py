"""The engagement rules as plain functions: no database, no clock (practice 5)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from hearth.engagement import rules
from hearth.engagement.codes import ALERT_QUESTIONS
from hearth.engagement.rules import Avoidance

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 17, 11, 0, tzinfo=LONDON)
KEYS = [key for key, _ in ALERT_QUESTIONS]


def at(days_ago: float) -> datetime:
    return NOW - timedelta(days=days_ago)


def no_answer(pk: int, days_ago: float, what: str = "event") -> Avoidance:
    return Avoidance((what, pk), "no_answer", at(days_ago))


# --- R-RES-3: repeated avoidance -----------------------------------------------------------

def test_two_avoidances_within_28_days_need_follow_up_R_RES_3():
    found = rules.repeated_avoidance([no_answer(1, 20), no_answer(2, 3)], now=NOW)
    assert [i.key for i in found] == [("event", 1), ("event", 2)]  # oldest first


def test_one_avoidance_or_two_far_apart_do_not_R_RES_3():
    assert rules.repeated_avoidance([no_answer(1, 3)], now=NOW) == []
    assert rules.repeated_avoidance([no_answer(1, 40), no_answer(2, 3)], now=NOW) == []


def test_the_window_and_the_count_are_configurable_R_RES_3():
    items = [no_answer(1, 40), no_answer(2, 3)]
    assert len(rules.repeated_avoidance(items, now=NOW, days=60)) == 2
    three = [*items, no_answer(3, 1)]
    assert rules.repeated_avoidance(three, now=NOW, events=3) == []
    assert len(rules.repeated_avoidance(three, now=NOW, events=3, days=60)) == 3


def test_what_was_already_followed_up_does_not_count_again_R_RES_3():
    items = [no_answer(1, 10), no_answer(2, 5), no_answer(3, 1)]
    assert rules.repeated_avoidance(items, now=NOW, covered=[("event", 1), ("event", 2)]) == []
    assert len(rules.repeated_avoidance(items, now=NOW, covered=[("event", 1)])) == 2


def test_a_visit_and_an_event_count_separately_but_each_only_once_R_RES_3():
    items = [no_answer(7, 4, "visit"), no_answer(7, 4, "visit"), no_answer(7, 2)]
    assert [i.key for i in rules.repeated_avoidance(items, now=NOW)] == [("visit", 7),
                                                                         ("event", 7)]


def test_events_in_the_future_are_not_counted():
    assert rules.repeated_avoidance([no_answer(1, 2), no_answer(2, -1)], now=NOW) == []


def test_what_counts_as_avoidance_R_RES_3():
    assert rules.is_avoidance("missed_appointment")
    assert rules.is_avoidance("no_answer")
    assert rules.is_avoidance("communication_blocked")
    assert rules.is_avoidance("cancelled_visit", "family")
    assert not rules.is_avoidance("cancelled_visit", "professional")  # not the family's doing
    assert not rules.is_avoidance("cut_short")
    assert not rules.is_avoidance("hostility")


def test_the_reason_names_each_time():
    text = rules.follow_up_reason([no_answer(1, 7), no_answer(2, 0)])
    assert text.startswith("2 times in 28 days")
    assert "no answer at the door (10 November 2026)" in text


def test_thresholds_come_from_settings_with_defaults():
    assert rules.configured(SimpleNamespace()) == rules.Thresholds(2, 28, 90, 5)
    custom = rules.configured(SimpleNamespace(HEARTH_AVOIDANCE_EVENTS="3",
                                              HEARTH_AVOIDANCE_DAYS=14))
    assert (custom.avoidance_events, custom.avoidance_days) == (3, 14)


def test_the_worker_or_a_manager_completes_a_task_with_an_outcome():
    assert rules.may_complete(5, 5, False)
    assert rules.may_complete(5, 9, True)
    assert not rules.may_complete(5, 9, False)
    assert rules.outcome_problem("  ") == "Enter what was done to follow up and what happened"
    assert rules.outcome_problem("Seen at 7:45 unannounced") is None


# --- R-RES-4: escalating hostility ---------------------------------------------------------

def test_confrontation_or_worse_escalates_R_RES_4():
    for form in ("confrontation", "violence_threatened", "violence_actual"):
        assert rules.hostility_escalates(form, NOW, [])
    assert "Violence threatened" in rules.escalation_reason("violence_threatened", NOW, [])


def test_a_first_ambivalence_or_avoidance_does_not_R_RES_4():
    assert not rules.hostility_escalates("ambivalence", NOW, [])
    assert not rules.hostility_escalates("avoidance", NOW, [("avoidance", at(10))])
    assert not rules.hostility_escalates("ambivalence", NOW, [("avoidance", at(10))])


def test_more_serious_than_the_last_hostility_within_90_days_escalates_R_RES_4():
    assert rules.hostility_escalates("avoidance", NOW, [("ambivalence", at(30))])
    reason = rules.escalation_reason("avoidance", NOW, [("ambivalence", at(30))])
    assert reason == ("Avoidance is more serious than the hostility recorded on 18 October 2026 "
                      "(ambivalence).")
    # It is the most recent hostility that counts, and only within the window.
    assert not rules.hostility_escalates("avoidance", NOW, [("ambivalence", at(60)),
                                                            ("avoidance", at(5))])
    assert not rules.hostility_escalates("avoidance", NOW, [("ambivalence", at(100))])
    assert rules.hostility_escalates("avoidance", NOW, [("ambivalence", at(100))], days=120)


def test_any_yes_means_sharing_is_expected_and_refusing_needs_a_reason_R_RES_4():
    all_no = dict.fromkeys(KEYS, False)
    assert not rules.sharing_expected(all_no)
    assert rules.alert_problems(all_no, KEYS, told=0, not_shared_reason="") == {}
    one_yes = {**all_no, "fearful": True}
    assert rules.sharing_expected(one_yes)
    problems = rules.alert_problems(one_yes, KEYS, told=0, not_shared_reason=" ")
    assert "say why you are not sharing it" in problems["not_shared_reason"]
    assert rules.alert_problems(one_yes, KEYS, told=0, not_shared_reason="Police told us "
                                "not to: a live investigation") == {}
    assert rules.alert_problems(one_yes, KEYS, told=2, not_shared_reason="") == {}


def test_every_question_needs_an_answer_R_RES_4():
    problems = rules.alert_problems({"experience": True}, KEYS, told=1, not_shared_reason="")
    assert problems["answer_fearful"] == "Answer yes or no to each question"
    assert "answers" in rules.alert_problems({**dict.fromkeys(KEYS, False), "made_up": True},
                                             KEYS, told=1, not_shared_reason="")


# --- recording an event (R-RES-1, R-RES-2) -------------------------------------------------

def event(**changes):
    base = {"kind": "no_answer", "occurred_at": at(1), "agency": "Children's services",
            "cancelled_by": "", "believed_in": True, "form": "", "behaviours": [],
            "by_person": None, "by_whom": "", "account": ""}
    return {**base, **changes}


def test_a_plain_event_is_accepted_R_RES_1():
    assert rules.event_problems(event(), NOW) == {}


def test_hostility_needs_its_form_who_and_the_workers_account_R_RES_2():
    problems = rules.event_problems(event(kind="hostility", believed_in=None), NOW)
    assert problems == {"form": "Select the form the hostility took",
                        "by_whom": "Say who was hostile: choose a person on the record or "
                                   "describe them",
                        "account": "Enter your account of what happened"}
    ok = event(kind="hostility", believed_in=None, form="confrontation",
               behaviours=["shouting", "swearing"], by_whom="Mr Fletcher",
               account="He shouted and swore at me on the doorstep.")
    assert rules.event_problems(ok, NOW) == {}


def test_behaviours_must_be_known_codes_R_RES_2():
    bad = event(kind="hostility", believed_in=None, form="confrontation",
                behaviours=["shouting", "rudeness"], by_whom="Kerry", account="Shouting")
    assert "not known: rudeness" in rules.event_problems(bad, NOW)["behaviours"]
    assert "behaviours" in rules.event_problems(event(behaviours=["shouting"]), NOW)


def test_no_future_dates_and_no_naive_times():
    assert "future" in rules.event_problems(event(occurred_at=NOW + timedelta(minutes=5)),
                                            NOW)["occurred_at"]
    naive = datetime(2026, 11, 16, 10, 0)  # noqa: DTZ001 - the point of the test
    assert "occurred_at" in rules.event_problems(event(occurred_at=naive), NOW)


def test_a_cancelled_visit_says_who_cancelled_R_RES_1():
    assert rules.event_problems(event(kind="cancelled_visit", believed_in=None),
                                NOW) == {"cancelled_by": "Select who cancelled the visit"}
    assert rules.event_problems(event(kind="cancelled_visit", believed_in=None,
                                      cancelled_by="family"), NOW) == {}
    assert "cancelled_by" in rules.event_problems(event(cancelled_by="family"), NOW)


def test_unknown_kind_and_missing_agency():
    problems = rules.event_problems(event(kind="tantrum", agency=" "), NOW)
    assert problems["kind"] == "Select what happened"
    assert problems["agency"] == "Enter which agency it happened to"


def test_the_last_twelve_months():
    months = rules.last_months(date(2026, 11, 17))
    assert months[0] == date(2025, 12, 1) and months[-1] == date(2026, 11, 1)
    assert len(months) == 12
