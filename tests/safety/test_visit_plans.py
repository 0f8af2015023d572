"""Planning a visit to a flagged family (R-SAFE-2, R-SAFE-3): the questions of seed 004 §8.1
as a checklist, a joint worker or a manager's recorded agreement where a warning asks for a
joint visit, and the visit action plan agreed in supervision linked to the plan."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Notification
from hearth.core.refusals import Refused as PlanRefused
from hearth.people import actions as people
from hearth.safety.actions.plans import do_agree_plan, do_plan_visit
from hearth.safety.codes import PLAN_QUESTIONS
from hearth.safety.models import VisitPlan
from hearth.supervision.models import SupervisionSession
from tests.conftest import make_user
from tests.safety.warning_helpers import LONDON, NOW, all_answered, plan_form, warn

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def colleague(north):
    return make_user("cara", Role.SOCIAL_WORKER, team=north, first="Cara", last="Colleague")


def test_R_SAFE_2_sam_plans_a_visit_to_jack_and_tina_agrees_to_him_going_alone(
        fletchers, social_worker, team_manager, as_user):
    """Kerry's warning says visits need two workers. Sam plans to go alone: the plan is not
    ready until Tina records her agreement."""
    kerry, jack = fletchers["mum"], fletchers["jack"]
    people.do_add_address(jack, acting_user=social_worker, line1="12 Acacia Road",
                          postcode="SO14 2AB", start_date=date(2020, 1, 1))
    warning = warn(team_manager, person=kerry, joint=True)
    sam = as_user(social_worker)
    page = sam.get(f"/people/{jack.pk}/visit-plans/new").content.decode()
    for _, question in PLAN_QUESTIONS:
        assert question.split("?")[0].replace("'", "&#x27;") in page
    assert "A warning asks for a joint visit" in page and "12 Acacia Road" in page
    response = sam.post(f"/people/{jack.pk}/visit-plans/new", plan_form(
        daylight_note="Morning visit", neutral_venue="no"))
    plan = VisitPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/visit-plans/{plan.pk}"
    assert plan.person == jack and plan.worker == social_worker and plan.joint_worker is None
    assert plan.planned_for == datetime(2026, 11, 24, 10, 30, tzinfo=LONDON)
    assert plan.address.line1 == "12 Acacia Road"
    assert plan.answers["daylight"] == {"answer": True, "note": "Morning visit"}
    assert plan.answers["neutral_venue"]["answer"] is False
    assert list(plan.warnings.all()) == [warning]
    assert AuditEntry.objects.filter(action="safety.visit_plan", object_id=str(jack.pk)).exists()
    assert Notification.objects.filter(
        user=team_manager, subject="Agree a visit without a joint worker on Jack Fletcher")

    shown = sam.get(f"/visit-plans/{plan.pk}").content.decode()
    assert "Not ready: a joint worker or a manager" in shown and "Morning visit" in shown
    assert "Agree to the visit" not in shown  # Sam is not a manager
    assert sam.post(f"/visit-plans/{plan.pk}/agree", {"version": 1}).status_code == 403

    tina = as_user(team_manager)
    assert "Agree to the visit" in tina.get(f"/visit-plans/{plan.pk}").content.decode()
    agreed = tina.post(f"/visit-plans/{plan.pk}/agree",
                       {"version": 1, "note": "Ring me on arrival and on leaving"})
    assert agreed.status_code == 302
    plan.refresh_from_db()
    assert plan.manager_agreed_by == team_manager and plan.manager_agreed_at == NOW
    assert plan.manager_note == "Ring me on arrival and on leaving"
    shown = sam.get(f"/visit-plans/{plan.pk}").content.decode()
    assert "Ready" in shown and "Agreed by Tina Manager" in shown
    again = tina.post(f"/visit-plans/{plan.pk}/agree", {"version": 2, "note": ""})
    assert again.status_code == 400
    assert "A manager has already agreed to this visit" in again.content.decode()


def test_R_SAFE_2_a_joint_worker_makes_the_plan_ready_without_agreement(
        fletchers, social_worker, team_manager, colleague, as_user):
    warn(team_manager, person=fletchers["mum"], joint=True)
    sam = as_user(social_worker)
    response = sam.post(f"/people/{fletchers['jack'].pk}/visit-plans/new",
                        plan_form(joint_worker=str(colleague.pk)))
    plan = VisitPlan.objects.get()
    assert response.status_code == 302 and plan.joint_worker == colleague
    assert "Ready" in sam.get(f"/visit-plans/{plan.pk}").content.decode()
    assert not Notification.objects.filter(subject__startswith="Agree a visit").exists()
    with pytest.raises(PlanRefused, match="does not need a manager's agreement"):
        do_agree_plan(plan, acting_user=team_manager, expected_version=1)


def test_R_SAFE_2_refusals_are_clear_and_nothing_is_written(fletchers, social_worker,
                                                            team_manager, as_user):
    jack = fletchers["jack"]
    warn(team_manager, person=fletchers["mum"], joint=True)
    sam = as_user(social_worker)
    unanswered = sam.post(f"/people/{jack.pk}/visit-plans/new", plan_form(transport=""))
    assert unanswered.status_code == 400
    html = unanswered.content.decode()
    assert "govuk-error-summary" in html and 'href="#id_transport_0"' in html
    past = sam.post(f"/people/{jack.pk}/visit-plans/new", plan_form(visit_date="16/11/2026"))
    assert past.status_code == 400
    assert "The visit must be in the future" in past.content.decode()
    myself = sam.post(f"/people/{jack.pk}/visit-plans/new",
                      plan_form(joint_worker=str(social_worker.pk)))
    assert myself.status_code == 400
    assert "Choose the joint worker from the list" in myself.content.decode()
    with pytest.raises(PlanRefused, match="someone other than you"):
        do_plan_visit(jack, acting_user=social_worker, planned_for=NOW.replace(day=24),
                      answers=all_answered(), joint_worker=social_worker)
    assert not VisitPlan.objects.exists()
    assert not AuditEntry.objects.filter(action="safety.visit_plan").exists()


def test_R_SAFE_2_tina_cannot_agree_to_her_own_visit(fletchers, team_manager, social_worker,
                                                     as_user):
    warn(social_worker, person=fletchers["mum"], joint=True)
    plan = do_plan_visit(fletchers["jack"], acting_user=team_manager,
                         planned_for=NOW.replace(day=24), answers=all_answered())
    response = as_user(team_manager).post(f"/visit-plans/{plan.pk}/agree",
                                          {"version": 1, "note": "Fine"})
    assert response.status_code == 403
    assert "This is your own visit: another manager must agree to it" in \
        response.content.decode()
    plan.refresh_from_db()
    assert plan.manager_agreed_by is None and plan.version == 1


def test_R_SAFE_3_the_visit_action_plan_agreed_in_supervision_is_on_the_plan(
        fletchers, social_worker, team_manager, as_user):
    warn(team_manager, person=fletchers["mum"])
    session = SupervisionSession.objects.create(
        worker=social_worker, supervisor=team_manager, scheduled_for=date(2026, 11, 13),
        held_on=date(2026, 11, 13), status="held", recorded_by=team_manager, recorded_at=NOW,
        visit_action_plan="Visit only with the police; park facing the road")
    session.cases.set([fletchers["mum"]])
    sam = as_user(social_worker)
    jack = fletchers["jack"]
    page = sam.get(f"/people/{jack.pk}/visit-plans/new").content.decode()
    assert "Visit only with the police; park facing the road" in page
    assert f'href="/supervision/{session.pk}"' in page
    sam.post(f"/people/{jack.pk}/visit-plans/new", plan_form())
    plan = VisitPlan.objects.get()
    assert plan.supervision_session == session
    shown = sam.get(f"/visit-plans/{plan.pk}").content.decode()
    assert "Visit only with the police" in shown and f'href="/supervision/{session.pk}"' in shown


def test_R_SAFE_2_the_record_a_visit_page_links_to_planning_when_there_are_warnings(
        fletchers, social_worker, team_manager, as_user):
    sam = as_user(social_worker)
    jack = fletchers["jack"]
    assert "Plan the visit safely" not in sam.get(
        f"/people/{jack.pk}/visits/new").content.decode()
    warn(team_manager, person=fletchers["mum"], joint=True)
    page = sam.get(f"/people/{jack.pk}/visits/new").content.decode()
    assert "Plan the visit safely before you go" in page
    assert f'href="/people/{jack.pk}/visit-plans/new"' in page
    assert page.index('id="worker-safety"') < page.index("<h1")


def test_R_SAFE_2_changing_a_plan_from_a_stale_page_is_409_and_keeps_the_input(
        fletchers, social_worker, colleague, as_user):
    plan = do_plan_visit(fletchers["jack"], acting_user=social_worker,
                         planned_for=NOW.replace(day=24), answers=all_answered())
    sam = as_user(social_worker)
    assert sam.get(f"/visit-plans/{plan.pk}/edit").status_code == 200
    first = sam.post(f"/visit-plans/{plan.pk}/edit",
                     plan_form(version=1, joint_worker=str(colleague.pk)))
    assert first.status_code == 302
    stale = sam.post(f"/visit-plans/{plan.pk}/edit",
                     plan_form(version=1, notes="Take the personal alarm"))
    assert stale.status_code == 409
    assert "Someone else changed this plan" in stale.content.decode()
    assert "Take the personal alarm" in stale.content.decode()
    plan.refresh_from_db()
    assert plan.joint_worker == colleague and plan.version == 2
    assert as_user(colleague).post(f"/visit-plans/{plan.pk}/edit",
                                   plan_form(version=2)).status_code == 403


def test_R_SAFE_2_olly_the_outsider_gets_404(fletchers, social_worker, outsider, as_user):
    plan = do_plan_visit(fletchers["jack"], acting_user=social_worker,
                         planned_for=NOW.replace(day=24), answers=all_answered())
    olly = as_user(outsider)
    assert olly.get(f"/visit-plans/{plan.pk}").status_code == 404
    assert olly.get(f"/people/{fletchers['jack'].pk}/visit-plans/new").status_code == 404
    assert olly.post(f"/visit-plans/{plan.pk}/edit", plan_form(version=1)).status_code == 404
