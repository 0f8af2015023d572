"""What is due, on the home pages and the API (issue 15), on Tuesday 17 November 2026.

Sam's home lists Jack's overdue ICPC first ("overdue by …") and Amy's first core group, not yet
due, under "Due later"; grouped by family the two are one household. Tina's home shows her
team's items by worker and the Section 47 outcome waiting for her; Chris the chair sees the
conference due; Olly the outsider sees none of Jack's. The list for 60 children takes as many
queries as for 3."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.assessments.models import Assessment
from hearth.casework.models import Involvement
from hearth.engagement.models import FollowUpTask
from hearth.people import actions as people
from hearth.people.models import Household, HouseholdMembership
from tests.protection.conftest import chair, enquiry_for, plan_for  # noqa: F401

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def work(fletchers, enquiry_for, plan_for):  # noqa: F811
    """Jack's ICPC is overdue (strategy discussion on 20 October); Amy went on a plan
    yesterday, her first core group due in ten working days."""
    enquiry = enquiry_for(fletchers["jack"], held_on=date(2026, 10, 20))
    plan = plan_for(fletchers["amy"], icpc_on=date(2026, 11, 16))
    return {"enquiry": enquiry, "plan": plan}


def part(html: str, start: str, end: str | None = None) -> str:
    html = html[html.index(start):]
    return html[:html.index(end)] if end and end in html else html


def test_sams_home_lists_jacks_overdue_icpc_first(as_user, social_worker, work, fletchers):
    html = as_user(social_worker).get("/").content.decode()
    listed = part(html, 'id="what-is-due"', "New notifications")
    overdue_by = (timezone.localdate() - work["enquiry"].icpc_due).days
    assert overdue_by > 0
    overdue = part(listed, 'id="due-overdue"', "</table>")
    assert "Jack Fletcher" in overdue and f"Overdue by {overdue_by} days" in overdue
    assert "Record the Section 47 outcome: the ICPC is due" in overdue
    assert "govuk-tag--red" in overdue
    later = part(listed, 'id="due-later"', "</table>")
    assert "Amy Fletcher" in later and "First core group meeting" in later
    assert listed.index("due-overdue") < listed.index("due-later")
    assert html.index("What is due") < html.index("Children allocated to you")


def test_grouped_by_family_the_fletchers_are_one_household(as_user, social_worker, work,
                                                         fletchers):
    home = Household.objects.create(name="The Fletchers, Elm Road")
    for child in ("jack", "amy"):
        HouseholdMembership.objects.create(household=home, person=fletchers[child],
                                           start_date=date(2026, 1, 1))
    html = as_user(social_worker).get("/?group=family").content.decode()
    family = part(html, f'id="due-household-{home.pk}"', "</table>")
    assert "The Fletchers, Elm Road (3)" in family  # Jack's ICPC, Amy's core group and visit
    assert family.index("Jack Fletcher") < family.index("Amy Fletcher")
    assert "Show by when it is due" in html


def test_tinas_home_shows_her_team_by_worker_and_what_waits_for_her(
        as_user, team_manager, social_worker, work):
    enquiry = work["enquiry"]
    enquiry.proposed_outcome, enquiry.proposed_by = "not_substantiated", social_worker
    enquiry.proposed_at = timezone.now()
    enquiry.save()
    html = as_user(team_manager).get("/").content.decode()
    waiting = part(html, 'id="to-authorise"', 'id="team-due"')
    assert "Authorise the Section 47 outcome" in waiting and "Jack Fletcher" in waiting
    team = part(html, f'id="team-worker-{social_worker.pk}"', "</table>")
    assert "Sam Worker" in team and "Amy Fletcher" in team
    assert "Open cases, newest first" in html  # the page's own content stays


def test_the_chair_sees_the_conference_due(as_user, chair, work):  # noqa: F811
    html = as_user(chair).get("/").content.decode()
    assert "Jack Fletcher" in part(html, 'id="what-is-due"', "New notifications")
    # Her home is her conferences, not an empty caseload (issue 15).
    assert "Your conferences and core groups" in html
    assert "No children are allocated to you" not in html


def test_olly_sees_none_of_jacks_items(as_user, client, outsider, work):
    html = as_user(outsider).get("/").content.decode()
    assert "Jack Fletcher" not in html and "Nothing is due for you." in html
    body = client.get("/api/v1/work",
                      headers={"Authorization": f"Bearer {do_create_token(outsider)}"}).json()
    assert body["items"] == []


def test_the_api_lists_sams_due_items(client, social_worker, team_manager, work, fletchers):
    body = client.get("/api/v1/work", headers={
        "Authorization": f"Bearer {do_create_token(social_worker)}"}).json()
    first = body["items"][0]
    assert (first["person_id"], first["kind"], first["state"]) == (
        str(fletchers["jack"].pk), "icpc", "overdue")
    assert first["overdue_by_days"] == (timezone.localdate() - work["enquiry"].icpc_due).days
    assert first["due_on"] == work["enquiry"].icpc_due.isoformat()
    # Amy, on a plan since yesterday: her first core group, and her visit (every 10 working
    # days by default).
    assert [i["kind"] for i in body["items"]] == ["icpc", "core_group", "cp_visit"]
    token = do_create_token(team_manager)
    team = client.get("/api/v1/work?scope=team",
                      headers={"Authorization": f"Bearer {token}"}).json()
    assert {i["for_user_id"] for i in team["items"]} == {social_worker.pk}
    bad = client.get("/api/v1/work?scope=everyone", headers={"Authorization": f"Bearer {token}"})
    assert bad.status_code == 422 and "scope" in bad.json()["detail"]


def test_the_list_for_60_children_takes_as_many_queries_as_for_3(
        as_user, social_worker, team_manager, north, enquiry_for, plan_for):  # noqa: F811
    made = 0

    def add(n: int) -> None:
        nonlocal made
        for _ in range(n):
            made += 1
            child = people.do_create_person(acting_user=social_worker, given_name=f"C{made}",
                                            family_name="Test", date_of_birth=date(2018, 5, 5))
            involvement = Involvement.objects.create(person=child, team=north,
                                                     worker=social_worker,
                                                     opened_on=date(2026, 9, 1))
            if made % 2:
                enquiry_for(child, held_on=date(2026, 10, 20))
            else:
                plan_for(child, icpc_on=date(2026, 8, 20))
            Assessment.objects.create(involvement=involvement, child=child,
                                      referral_date=date(2026, 9, 1),
                                      due=timezone.now() + timedelta(days=made),
                                      started_by=social_worker, started_at=timezone.now())
            FollowUpTask.objects.create(person=child, involvement=involvement, reason="Avoided",
                                        assigned_to=social_worker,
                                        due_on=timezone.localdate() + timedelta(days=made),
                                        created_at=timezone.now())

    def count(user) -> tuple[int, str]:
        client = as_user(user)
        client.get("/")  # the session's first request does its own work once
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/")
        assert response.status_code == 200
        return len(queries), response.content.decode()

    add(3)
    few, _ = count(social_worker)
    few_team, _ = count(team_manager)
    add(57)
    many, html = count(social_worker)
    many_team, team_html = count(team_manager)
    assert "C60 Test" in html and "C60 Test" in team_html
    assert many == few
    assert many_team == few_team


def test_a_service_managers_home_shows_the_service_by_worker(as_user, social_worker, work,
                                                             south):
    from hearth.access.codes import Role
    from tests.conftest import make_user

    sue = make_user("sue", Role.SERVICE_MANAGER, team=south, first="Sue", last="Service")
    html = as_user(sue).get("/").content.decode()
    assert "What is due for the service, by worker" in html
    service = part(html, f'id="team-worker-{social_worker.pk}"', "</table>")
    assert "Jack Fletcher" in service and "Amy Fletcher" in service
