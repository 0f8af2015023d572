"""Two workers in the v1 API (R-TWO-2, R-TWO-3): the family's criteria and decisions, the
team manager's decision with the same rules as the page, the report and the dashboard."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.casework.models import Involvement
from hearth.people import actions as people
from hearth.protection.models import TwoWorkerDecision
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

BASE = "/api/v1/protection"
DECISION = {"two_workers": False, "reasons": "One worker; Tina joins the visits to Kerry.",
            "decided_on": "2026-11-16"}


def call(client, user, method, url, body=None):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers={"Authorization": f"Bearer {do_create_token(user)}"})


@pytest.fixture
def four_on_plans(fletchers, social_worker, north, plan_for):
    for name in ("Lily", "Max"):
        kid = people.do_create_person(acting_user=social_worker, given_name=name,
                                      family_name="Fletcher", date_of_birth=date(2021, 1, 1))
        people.do_add_relationship(fletchers["mum"], kid, acting_user=social_worker,
                                   kind="mother")
        Involvement.objects.create(person=kid, team=north, opened_on=date(2026, 10, 1))
        fletchers[name.lower()] = kid
    for name in ("jack", "amy", "lily", "max"):
        plan_for(fletchers[name])
    return fletchers


def test_r_two_2_the_family_needs_a_decision_until_tina_records_it_through_the_api(
        client, four_on_plans, social_worker, team_manager):
    jack = four_on_plans["jack"]
    read = call(client, social_worker, "GET", f"{BASE}/people/{jack.pk}/two-workers")
    assert read.status_code == 200
    body = read.json()
    assert body["needed"] is True and body["may_decide"] is False
    assert body["criteria"] == {"met": True, "must_consider": True, "should_consider": False,
                                "reasons": ["4 children in the family are subject to child "
                                            "protection plans"]}
    assert sorted(c["name"] for c in body["children"]) == [
        "Amy Fletcher", "Jack Fletcher", "Lily Fletcher", "Max Fletcher"]
    assert all(c["on_plan"] for c in body["children"])
    assert body["parents"] == [{"id": str(four_on_plans["mum"].pk), "name": "Kerry Fletcher"}]
    assert body["teams"] == ["Family Help North"] and body["decisions"] == []
    assert AuditEntry.objects.filter(action="api_view_two_workers").count() == 1

    made = call(client, team_manager, "POST", f"{BASE}/people/{jack.pk}/two-worker-decisions",
                DECISION)
    assert made.status_code == 201, made.content
    decision = made.json()
    assert decision["two_workers"] is False and decision["decided_by"] == "Tina Manager"
    assert decision["team"] == "Family Help North" and decision["decided_on"] == "2026-11-16"
    assert len(decision["children"]) == 4
    after = call(client, social_worker, "GET",
                 f"{BASE}/people/{four_on_plans['max'].pk}/two-workers").json()
    assert after["needed"] is False and after["decisions"][0]["id"] == decision["id"]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.SERVICE_MANAGER])
def test_r_two_3_no_one_but_the_team_manager_may_record_it(client, four_on_plans, north, role):
    user = make_user(f"someone-{role}", role, team=north)
    response = call(client, user, "POST",
                    f"{BASE}/people/{four_on_plans['jack'].pk}/two-worker-decisions", DECISION)
    assert response.status_code == 403
    assert "you cannot do this (recording two-worker decisions)" in response.json()["detail"]
    assert not TwoWorkerDecision.objects.exists()


def test_r_two_3_another_teams_manager_is_refused_with_whose_decision_it_is(
        client, four_on_plans, social_worker, south):
    stan = make_user("stan", Role.TEAM_MANAGER, team=south, first="Stan", last="South")
    cousin = people.do_create_person(acting_user=social_worker, given_name="Kai",
                                     family_name="Reed", date_of_birth=date(2017, 2, 2))
    people.do_add_relationship(cousin, four_on_plans["jack"], acting_user=social_worker,
                               kind="other")
    Involvement.objects.create(person=cousin, team=south, opened_on=date(2026, 11, 1))
    response = call(client, stan, "POST",
                    f"{BASE}/people/{four_on_plans['jack'].pk}/two-worker-decisions", DECISION)
    assert response.status_code == 403
    assert response.json()["detail"] == ("Only the team manager of Family Help North can "
                                         "record the decision on two workers for this family")
    assert not TwoWorkerDecision.objects.exists()


def test_refused_input_is_422_naming_the_field_and_nothing_is_written(
        client, four_on_plans, team_manager):
    url = f"{BASE}/people/{four_on_plans['jack'].pk}/two-worker-decisions"
    future = call(client, team_manager, "POST", url, {**DECISION, "decided_on": "2026-11-18"})
    assert future.status_code == 422
    assert future.json()["errors"] == [{"field": "decided_on", "message": "The date the "
                                        "decision was made must be today or in the past"}]
    blank = call(client, team_manager, "POST", url, {**DECISION, "reasons": " "})
    assert blank.status_code == 422 and blank.json()["errors"][0]["field"] == "reasons"
    missing = call(client, team_manager, "POST", url, {"reasons": "x"})
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {"two_workers", "decided_on"}
    assert not TwoWorkerDecision.objects.exists()


def test_a_person_the_caller_may_not_see_is_404(client, four_on_plans, outsider):
    jack = four_on_plans["jack"]
    assert call(client, outsider, "GET",
                f"{BASE}/people/{jack.pk}/two-workers").status_code == 404
    assert call(client, outsider, "GET", f"{BASE}/people/not-an-id/two-workers"
                ).status_code == 404
    stranger_tm = make_user("tom", Role.TEAM_MANAGER)
    assert call(client, stranger_tm, "POST", f"{BASE}/people/{jack.pk}/two-worker-decisions",
                DECISION).status_code == 404


def test_the_report_through_the_api(client, four_on_plans, team_manager, social_worker):
    report = call(client, team_manager, "GET", f"{BASE}/two-worker-report")
    assert report.status_code == 200
    [family] = report.json()["needed"]
    assert family["criteria"]["must_consider"] is True and family["teams"] == [
        "Family Help North"]
    assert len(family["children"]) == 4 and family["other_children"] == 0
    call(client, team_manager, "POST",
         f"{BASE}/people/{four_on_plans['amy'].pk}/two-worker-decisions", DECISION)
    after = call(client, team_manager, "GET", f"{BASE}/two-worker-report").json()
    assert after["needed"] == [] and after["decisions"][0]["reasons"] == DECISION["reasons"]
    assert call(client, social_worker, "GET", f"{BASE}/two-worker-report").status_code == 403
