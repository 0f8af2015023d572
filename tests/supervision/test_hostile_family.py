"""Supervision about a family with hostility or a worker-safety warning (R-SUP-2, R-SAFE-3):
the seed 004 §3.2 self-check questions and a health-and-safety item are asked and required,
and the visit action plan agreed is what the next visit's safety plan reads."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.utils import timezone

from hearth.core.refusals import Refused
from hearth.safety.actions.warnings import do_add_warning
from hearth.safety.models import VisitPlan
from hearth.supervision import queries
from hearth.supervision.codes import SELF_CHECK_QUESTIONS
from hearth.supervision.models import SupervisionSession
from tests.supervision.conftest import ALL_NO, LONDON, held, hostility, planned

pytestmark = [pytest.mark.django_db]

SELF_CHECK_FORM = {f"self_check_{key}": "no" for key, _question in SELF_CHECK_QUESTIONS}


def _form(jack, **extra) -> dict:
    return {"status": "held", "session_date": "19/11/2026", "cases": [str(jack.pk)],
            "attendees": "Sam Worker, Tina Manager",
            "discussion": "Kerry threatened Sam at the door on Monday.", **extra}


def test_R_SUP_2_for_a_hostile_family_the_self_check_and_health_and_safety_are_asked_and_required(
        fletchers, social_worker, team_manager, as_user):
    jack = fletchers["jack"]
    hostility(fletchers["mum"], social_worker)  # on Kerry: Jack's family
    tina = as_user(team_manager)
    url = f"/supervision/new?worker={social_worker.pk}"
    html = tina.get(url).content.decode()
    assert "Hostility and worker safety" in html
    assert "Jack Fletcher (born 14/09/2016) – hostility has been recorded in the family" in html
    for _key, question in SELF_CHECK_QUESTIONS:
        assert question.replace("'", "&#x27;") in html
    assert "Health and safety" in html and "Action plan for the next visit" in html

    refused = tina.post(url, _form(jack))
    assert refused.status_code == 400
    page = refused.content.decode()
    assert "Enter the health and safety item: a family discussed has hostility" in page
    assert ("Answer the self-check question “Am I changing my behaviour to avoid conflict?” "
            "with yes or no") in page
    assert "Is the child keeping &#x27;safe&#x27; by not telling me things?”" in page
    assert not SupervisionSession.objects.exists()

    missing_one = dict(SELF_CHECK_FORM)
    del missing_one["self_check_filtering"]
    refused = tina.post(url, _form(jack, health_and_safety="Joint visits only", **missing_one))
    assert refused.status_code == 400
    assert "Am I filtering out or minimising negative information?" in refused.content.decode()
    assert "Enter the health and safety item" not in refused.content.decode()

    saved = tina.post(url, _form(
        jack, health_and_safety="Joint visits only; Sam carries the personal alarm.",
        impact_on_worker="Sam is anxious before visits and has been shortening them.",
        visit_action_plan="Next visit jointly with Tina, in daylight, car parked facing out.",
        self_check_changing_behaviour="yes",
        self_check_changing_behaviour_note="Sam has stopped asking to see Jack's room.",
        **{k: v for k, v in SELF_CHECK_FORM.items() if k != "self_check_changing_behaviour"}))
    assert saved.status_code == 302
    session = SupervisionSession.objects.get()
    assert session.self_check["changing_behaviour"] == {
        "answer": "yes", "note": "Sam has stopped asking to see Jack's room."}
    assert session.self_check["colluding"] == {"answer": "no", "note": ""}
    assert len(session.self_check) == len(SELF_CHECK_QUESTIONS)
    assert session.health_and_safety.startswith("Joint visits only")

    shown = tina.get(f"/supervision/{session.pk}").content.decode()
    assert "Jack Fletcher: hostility has been recorded in the family." in shown
    assert "Sam has stopped asking to see Jack&#x27;s room." in shown
    assert "No visit safety plan has used it yet." in shown


def test_R_SAFE_3_the_visit_action_plan_is_read_by_the_next_visit_plan_and_linked_back(
        fletchers, social_worker, team_manager, as_user):
    jack = fletchers["jack"]
    hostility(fletchers["mum"], social_worker)
    older = held(team_manager, social_worker, date(2026, 11, 2), [jack],
                 health_and_safety="Joint visits", self_check=ALL_NO,
                 visit_action_plan="Visit with a colleague")
    latest = held(team_manager, social_worker, date(2026, 11, 19), [jack],
                  health_and_safety="Joint visits", self_check=ALL_NO,
                  visit_action_plan="Visit with Tina, in daylight, car facing out")
    planned(team_manager, social_worker, date(2026, 12, 1), [jack],
            visit_action_plan="Not agreed yet")
    assert queries.latest_visit_action_plan([jack.pk]) == latest
    assert queries.latest_visit_action_plan([fletchers["amy"].pk]) is None
    assert older != latest

    VisitPlan.objects.create(person=jack, worker=social_worker, supervision_session=latest,
                             planned_for=datetime(2026, 11, 23, 10, 0, tzinfo=LONDON),
                             created_at=timezone.now())
    shown = as_user(team_manager).get(f"/supervision/{latest.pk}").content.decode()
    assert "Visit to Jack Fletcher planned for 23 November 2026 10:00 by Sam Worker" in shown


def test_R_SUP_2_a_worker_safety_warning_in_the_family_asks_the_same(fletchers, social_worker,
                                                                     team_manager):
    do_add_warning(acting_user=social_worker, person=fletchers["mum"], kind="threats",
                   what_happened="Kerry threatened Sam", source="Sam's visit",
                   occurred_on=date(2026, 11, 16), disclosed_to_person=True)
    assert queries.safety_reasons([fletchers["amy"].pk]) == {
        fletchers["amy"].pk: ["worker-safety warning: threats"]}
    with pytest.raises(Refused) as refused:
        held(team_manager, social_worker, date(2026, 11, 19), [fletchers["amy"]])
    assert refused.value.field == "health_and_safety"
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["amy"]],
                   health_and_safety="Joint visits", self_check=ALL_NO)
    assert session.status == "held"


def test_R_SUP_2_a_planned_session_leaves_them_for_the_day_it_is_held(
        fletchers, social_worker, team_manager, as_user):
    jack = fletchers["jack"]
    hostility(fletchers["mum"], social_worker)
    session = planned(team_manager, social_worker, date(2026, 11, 20), [jack])
    tina = as_user(team_manager)
    refused = tina.post(f"/supervision/{session.pk}/edit",
                        _form(jack, session_date="20/11/2026", version=session.version))
    assert refused.status_code == 400
    assert "Enter the health and safety item" in refused.content.decode()
    session.refresh_from_db()
    assert session.status == "planned"
    assert tina.post(f"/supervision/{session.pk}/edit", _form(
        jack, session_date="20/11/2026", version=session.version,
        health_and_safety="Joint visits", **SELF_CHECK_FORM)).status_code == 302
    session.refresh_from_db()
    assert session.status == "held" and session.health_and_safety == "Joint visits"


def test_a_family_without_hostility_is_not_asked(fletchers, social_worker, team_manager,
                                                 as_user):
    html = as_user(team_manager).get(
        f"/supervision/new?worker={social_worker.pk}").content.decode()
    assert "Hostility and worker safety" not in html and "self_check" not in html
    session = held(team_manager, social_worker, date(2026, 11, 19), [fletchers["jack"]])
    assert session.self_check == {} and session.health_and_safety == ""


def test_R_SUP_2_hostility_towards_a_sibling_counts_for_the_whole_family(fletchers,
                                                                         social_worker):
    hostility(fletchers["amy"], social_worker)
    family = queries.families_of([fletchers["jack"].pk])[fletchers["jack"].pk]
    assert {fletchers["mum"].pk, fletchers["amy"].pk, fletchers["jack"].pk} <= family
    assert queries.needs_safety_items([fletchers["jack"].pk])
