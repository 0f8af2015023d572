"""R-CIN-2: a child on a child protection plan is not also on a CIN plan. Starting one is
refused (page and API 409, nothing written); a CP plan started by a conference ends the open
CIN plan with the reason "CP plan", in the same transaction, with its own audit row."""

from __future__ import annotations

from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.cin.models import CINPlan
from hearth.protection import models as m
from hearth.protection.actions.conferences import do_create_plan
from tests.cin.conftest import TODAY
from tests.cin.test_api import PLANS, call


def _icpc(child, by):
    """A held initial conference that decided on a plan (its steps are proved in
    tests/protection)."""
    return m.Conference.objects.create(
        person=child, kind="icpc", held_on=TODAY, chair_name="Chris Chair", held=True,
        decision="plan", category="NEG", minutes="Minutes", outline_plan="Outline",
        arranged_by=by, arranged_at=timezone.now(), recorded_by=by, recorded_at=timezone.now())


def test_R_CIN_2_a_cp_plan_started_by_a_conference_ends_the_cin_plan(
        social_worker, fletchers, plan):
    cp_plan = do_create_plan(_icpc(fletchers["jack"], social_worker), acting_user=social_worker,
                             category="NEG", lead_social_worker=social_worker)
    plan.refresh_from_db()
    assert (plan.end_on, plan.end_reason) == (cp_plan.start_on, "cp_plan")
    ended = AuditEntry.objects.get(action="cin.plan_ended")
    assert ended.fields["cp_plan"] == cp_plan.pk


def test_R_CIN_2_no_cin_plan_while_the_child_is_on_a_cp_plan(
        client, as_user, social_worker, fletchers, assessment):
    do_create_plan(_icpc(fletchers["jack"], social_worker), acting_user=social_worker,
                   category="NEG", lead_social_worker=social_worker)
    sam = as_user(social_worker)
    page = sam.get(f"/assessments/{assessment.pk}/cin-plan").content.decode()
    assert "Jack Fletcher is on a child protection plan" in page
    posted = sam.post(f"/assessments/{assessment.pk}/cin-plan", {
        "start_on": TODAY.strftime("%d/%m/%Y"), "needs": "School",
        "action_1_what": "Walk to school", "action_1_owner": "Kerry",
        "action_1_due_on": TODAY.strftime("%d/%m/%Y")})
    assert posted.status_code == 400
    response = call(client, social_worker, "POST", PLANS, {
        "assessment_id": assessment.pk, "start_on": str(TODAY), "needs": "School",
        "actions": [{"what": "Walk", "owner": "Kerry", "due_on": str(TODAY)}]})
    assert response.status_code == 409
    assert "on a child protection plan" in response.json()["detail"]
    assert not CINPlan.objects.exists()


def test_R_CIN_2_becoming_looked_after_ends_the_cin_plan(
        social_worker, fletchers, plan):
    """The child in need plan ends, "looked after", the day the child becomes looked after
    (its own audit row, in the same transaction)."""
    from tests.looked_after.periods_helpers import start

    start(fletchers["jack"], social_worker, days=0, started_on=TODAY)
    plan.refresh_from_db()
    assert (plan.end_on, plan.end_reason) == (TODAY, "looked_after")
    assert AuditEntry.objects.get(action="cin.plan_ended").fields["reason"] == "looked_after"


def test_R_CIN_2_a_child_on_short_breaks_keeps_their_cin_plan(social_worker, fletchers, plan):
    from tests.looked_after.periods_helpers import start

    start(fletchers["jack"], social_worker, days=0, started_on=TODAY, legal_status="V3")
    plan.refresh_from_db()
    assert plan.end_on is None
