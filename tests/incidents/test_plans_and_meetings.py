"""Worker risk-reduction plans and practitioners' meetings about the Fletchers, each with the
explicit plan of what will be shared with the family (R-SAFE-6; seed 004 §4.3)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.models import AuditEntry
from hearth.incidents.models import PractitionersMeeting, RiskReductionPlan

pytestmark = [pytest.mark.django_db]


def _plan(**extra) -> dict:
    return {"plan": "Joint visits with the police; no visits after 3pm.",
            "shared_with_family": "Tina will write to Kerry explaining joint visits.",
            "review_on": "17/2/2027", **extra}


def _meeting(**extra) -> dict:
    return {"held_on": "16/11/2026", "attendees": "Sam (SW), Ms Patel (school), PC Shah",
            "discussion": "Kerry's threats to Sam and to school staff.",
            "plan": "School and police attend the core group; joint visits.",
            "shared_with_family": "Kerry told at the core group on 24/11 by the chair.",
            **extra}


def test_R_SAFE_6_a_plan_without_what_is_shared_with_the_family_is_refused(
        fletchers, social_worker, as_user):
    response = as_user(social_worker).post(
        f"/people/{fletchers['mum'].pk}/risk-reduction-plans/new",
        _plan(shared_with_family="  "))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter what will be shared with the family" in html
    assert 'href="#id_shared_with_family"' in html
    assert RiskReductionPlan.objects.count() == 0


def test_R_SAFE_6_sam_records_a_plan_and_tina_agrees_it(fletchers, social_worker,
                                                       team_manager, as_user):
    mum = fletchers["mum"]
    response = as_user(social_worker).post(f"/people/{mum.pk}/risk-reduction-plans/new",
                                           _plan())
    plan = RiskReductionPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == (
        f"/risk-reduction-plans/{plan.pk}")
    assert plan.worker == social_worker and plan.agreed_by is None
    assert plan.review_on == date(2027, 2, 17)
    sam_sees = as_user(social_worker).get(f"/risk-reduction-plans/{plan.pk}").content.decode()
    assert "Not yet agreed" in sam_sees and "Agree this plan" not in sam_sees
    client = as_user(team_manager)
    assert "Agree this plan" in client.get(f"/risk-reduction-plans/{plan.pk}").content.decode()
    response = client.post(f"/risk-reduction-plans/{plan.pk}/agree", {"version": "1"})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.agreed_by == team_manager and plan.agreed_on == date(2026, 11, 17)
    assert client.post(f"/risk-reduction-plans/{plan.pk}/agree",
                       {"version": "1"}).status_code == 409
    listing = client.get(f"/people/{mum.pk}/incidents").content.decode()
    assert "Plan for Sam Worker" in listing and "agreed by Tina Manager" in listing
    assert AuditEntry.objects.filter(action="incident.plan_agree").exists()


def test_a_worker_cannot_agree_their_own_plan(fletchers, team_manager, as_user):
    client = as_user(team_manager)
    client.post(f"/people/{fletchers['mum'].pk}/risk-reduction-plans/new", _plan(agree="on"))
    plan = RiskReductionPlan.objects.get()
    assert plan.worker == team_manager and plan.agreed_by is None
    response = client.post(f"/risk-reduction-plans/{plan.pk}/agree", {"version": "1"})
    assert response.status_code == 403
    assert "agreed by the worker&#x27;s manager" in response.content.decode()


def test_tina_records_sams_plan_and_agrees_it_at_once(fletchers, social_worker, team_manager,
                                                     as_user):
    as_user(team_manager).post(f"/people/{fletchers['mum'].pk}/risk-reduction-plans/new",
                               _plan(worker=str(social_worker.pk), agree="on"))
    plan = RiskReductionPlan.objects.get()
    assert plan.worker == social_worker and plan.agreed_by == team_manager


def test_R_SAFE_6_a_meeting_without_what_is_shared_with_the_family_is_refused(
        fletchers, social_worker, as_user):
    response = as_user(social_worker).post(
        f"/people/{fletchers['mum'].pk}/practitioners-meetings/new",
        _meeting(shared_with_family="", held_on="18/11/2026"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Enter what will be shared with the family" in html
    assert "Date of the meeting must be today or in the past" in html
    assert PractitionersMeeting.objects.count() == 0


def test_R_SAFE_6_sam_records_a_practitioners_meeting(fletchers, social_worker, as_user):
    mum = fletchers["mum"]
    client = as_user(social_worker)
    response = client.post(f"/people/{mum.pk}/practitioners-meetings/new", _meeting())
    meeting = PractitionersMeeting.objects.get()
    assert response.status_code == 302
    assert meeting.held_on == date(2026, 11, 16) and meeting.recorded_by == social_worker
    page = client.get(f"/practitioners-meetings/{meeting.pk}").content.decode()
    assert "Kerry told at the core group" in page and "PC Shah" in page
    assert "Meeting on 16 November 2026" in client.get(
        f"/people/{mum.pk}/incidents").content.decode()
    assert AuditEntry.objects.filter(action="view_practitioners_meeting").count() == 1


def test_plans_and_meetings_of_people_the_user_cannot_see_are_404(
        fletchers, social_worker, outsider, as_user):
    client = as_user(social_worker)
    client.post(f"/people/{fletchers['mum'].pk}/risk-reduction-plans/new", _plan())
    client.post(f"/people/{fletchers['mum'].pk}/practitioners-meetings/new", _meeting())
    plan, meeting = RiskReductionPlan.objects.get(), PractitionersMeeting.objects.get()
    olly = as_user(outsider)
    assert olly.get(f"/risk-reduction-plans/{plan.pk}").status_code == 404
    assert olly.get(f"/practitioners-meetings/{meeting.pk}").status_code == 404
