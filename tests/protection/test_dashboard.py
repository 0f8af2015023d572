"""The child protection dashboard on Tuesday 17 November 2026 (R-CP-1, R-CP-2): Tina sees her
team's ICPCs due and overdue, reviews due, core groups overdue, children on plans by category
and repeat plans; a service manager and a conference chair see every child they may see. The
query count does not grow with the number of children."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.casework.models import Involvement
from hearth.people import actions as people
from hearth.protection.models import CoreGroupMeeting
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

PAGE = "/child-protection"


@pytest.fixture
def child(social_worker, north):
    def make(name, *, team=None, by=None):
        by = by or social_worker
        person = people.do_create_person(acting_user=by, given_name=name, family_name="Test",
                                         date_of_birth=date(2018, 5, 5))
        Involvement.objects.create(person=person, team=team or north, worker=by,
                                   opened_on=date(2026, 9, 1))
        return person
    return make


def meeting(plan, held_on, next_on, by):
    return CoreGroupMeeting.objects.create(
        plan=plan, held_on=held_on, attendees="Sam, school, health visitor",
        progress="Some progress", next_meeting_on=next_on, recorded_by=by,
        recorded_at=timezone.now())


def ended(plan, on):
    plan.end_on, plan.end_reason = on, "no_longer_at_risk"
    plan.save()
    return plan


@pytest.fixture
def caseload(child, enquiry_for, plan_for, social_worker):
    """Ava's ICPC is overdue and Ben's due; Cal's review is overdue, Dee's due in 3 days; Dee's
    and Eve's core groups are overdue; Fin is on a second plan 17 months after the last ended,
    Gus 3.5 years after."""
    kids = {n: child(n) for n in ("Ava", "Ben", "Col", "Cal", "Dee", "Eve", "Fin", "Gus")}
    enquiry_for(kids["Ava"], held_on=date(2026, 10, 20))
    enquiry_for(kids["Ben"], held_on=date(2026, 11, 10))
    done = enquiry_for(kids["Col"], held_on=date(2026, 10, 1))
    done.outcome = "not_substantiated"
    done.save()
    cal = plan_for(kids["Cal"], icpc_on=date(2026, 8, 10), category="PHY")
    meeting(cal, date(2026, 8, 20), date(2026, 12, 1), social_worker)
    dee = plan_for(kids["Dee"], icpc_on=date(2026, 8, 20), category="NEG")
    meeting(dee, date(2026, 10, 1), date(2026, 11, 5), social_worker)
    plan_for(kids["Eve"], icpc_on=date(2026, 11, 2), category="EMO")
    ended(plan_for(kids["Fin"], icpc_on=date(2024, 3, 1)), date(2025, 6, 1))
    plan_for(kids["Fin"], icpc_on=date(2026, 11, 16), category="NEG")
    ended(plan_for(kids["Gus"], icpc_on=date(2022, 1, 4)), date(2023, 5, 1))
    gus = plan_for(kids["Gus"], icpc_on=date(2026, 11, 16), category="SAB")
    gus.latest_category = "MUL"
    gus.save()
    return kids


def section(html: str, anchor: str, end: str) -> str:
    return html[html.index(f'id="{anchor}"'):html.index(f'id="{end}"')]


EXPECTED = {"icpcs_due": 1, "icpcs_overdue": 1, "reviews_due": 1, "reviews_overdue": 1,
            "core_groups_overdue": 2, "children_on_plans": 5, "repeat_plans": 2,
            "repeat_plans_within_two_years": 1, "outcomes_awaiting_authorisation": 0}


def test_r_cp_1_r_cp_2_tina_sees_what_is_due_and_overdue_for_her_team(
        as_user, caseload, team_manager):
    response = as_user(team_manager).get(PAGE)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Children with an open involvement with Family Help North" in html

    icpcs = section(html, "icpcs", "reviews")
    assert "Ava Test" in icpcs and "Ben Test" in icpcs and "Col Test" not in icpcs
    assert "Cal Test" not in icpcs  # its ICPC was held
    assert icpcs.count("Overdue") == 1
    assert icpcs.index("Ava Test") < icpcs.index("Overdue") < icpcs.index("Ben Test")
    assert "10 Nov 2026" in icpcs and "1 Dec 2026" in icpcs

    reviews = section(html, "reviews", "core-groups")
    assert "Cal Test" in reviews and "Dee Test" in reviews and "Eve Test" not in reviews
    assert reviews.index("Cal Test") < reviews.index("Overdue") < reviews.index("Dee Test")

    core = section(html, "core-groups", "categories")
    assert "Dee Test" in core and "Eve Test" in core and "Cal Test" not in core
    assert "5 Nov 2026" in core and "16 Nov 2026" in core and "First meeting" in core

    categories = section(html, "categories", "repeats")
    for label, latest, initial in [("Neglect (NEG)", 2, 2), ("Physical abuse (PHY)", 1, 1),
                                   ("Sexual abuse (SAB)", 0, 1), ("Emotional abuse (EMO)", 1, 1),
                                   ("Multiple (MUL)", 1, 0)]:
        row = categories[categories.index(label):].split("</tr>")[0]
        assert re.findall(r">(\d+)</td>", row) == [str(latest), str(initial)], row

    repeats = html[html.index('id="repeats"'):]
    assert "Fin Test" in repeats and "Gus Test" in repeats
    fin = repeats[repeats.index("Fin Test"):repeats.index("Gus Test")]
    assert "1 Jun 2025" in fin and "Within 2 years" in fin
    assert "Within 2 years" not in repeats[repeats.index("Gus Test"):]


def test_the_api_gives_the_same_figures_as_the_page(client, caseload, team_manager):
    response = client.get("/api/v1/protection/dashboard",
                          headers={"Authorization": f"Bearer {do_create_token(team_manager)}"})
    assert response.status_code == 200
    body = response.json()
    assert body["figures"] == EXPECTED and body["today"] == "2026-11-17"
    assert [r["person"]["name"] for r in body["icpcs"]] == ["Ava Test", "Ben Test"]
    assert [r["overdue"] for r in body["icpcs"]] == [True, False]
    assert [(r["person"]["name"], r["meeting"]) for r in body["core_groups"]] == [
        ("Dee Test", "Next meeting"), ("Eve Test", "First meeting")]
    assert {c["code"]: (c["latest"], c["initial"]) for c in body["categories"]} == {
        "NEG": (2, 2), "PHY": (1, 1), "SAB": (0, 1), "EMO": (1, 1), "MUL": (1, 0)}
    assert [(r["person"]["name"], r["within_two_years"], r["previous_plans"])
            for r in body["repeats"]] == [("Fin Test", True, 1), ("Gus Test", False, 1)]
    figures = json.dumps(body)
    assert "Col Test" not in figures


def test_another_teams_children_are_only_on_the_conference_services_dashboard(
        as_user, caseload, child, enquiry_for, team_manager, south, outsider, chair):
    zed = child("Zed", team=south, by=outsider)
    enquiry_for(zed, held_on=date(2026, 10, 1), by=outsider)
    assert "Zed Test" not in as_user(team_manager).get(PAGE).content.decode()
    suki = make_user("suki", Role.SERVICE_MANAGER, first="Suki", last="Senior")
    assert "Zed Test" in as_user(suki).get(PAGE).content.decode()
    chris = as_user(chair).get(PAGE).content.decode()
    assert "Zed Test" in chris and "Ava Test" in chris
    assert "Every child you may see" in chris


def test_only_children_the_reader_may_see_are_counted(as_user, caseload, team_manager):
    suki = make_user("suki", Role.SERVICE_MANAGER, first="Suki", last="Senior")
    people.do_set_restricted(caseload["Ava"], acting_user=suki, restricted=True,
                             reason="Sensitive placement")
    html = as_user(team_manager).get(PAGE).content.decode()
    assert "Ava Test" not in html and "0 overdue, 1 due" in html


def test_the_dashboard_is_for_managers_and_chairs(as_user, caseload, social_worker,
                                                  police_partner):
    assert as_user(social_worker).get(PAGE).status_code == 403
    assert as_user(police_partner).get(PAGE).status_code == 403


def test_the_query_count_does_not_grow_with_the_children(as_user, child, enquiry_for,
                                                         plan_for, team_manager,
                                                         social_worker):
    def add(n):
        for _ in range(n):
            enquiry_for(child("Icpc"), held_on=date(2026, 10, 20))
            plan = plan_for(child("Plan"), icpc_on=date(2026, 8, 20))
            meeting(plan, date(2026, 10, 1), date(2026, 11, 5), social_worker)
            kid = child("Again")
            ended(plan_for(kid, icpc_on=date(2024, 3, 1)), date(2025, 6, 1))
            plan_for(kid, icpc_on=date(2026, 11, 16))

    def count() -> int:
        client = as_user(team_manager)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(PAGE).status_code == 200
        return len(queries)

    add(1)  # 3 children
    few = count()
    add(3)  # 12 children
    many = count()
    html = as_user(team_manager).get(PAGE).content.decode()
    assert "4 overdue, 0 due" in html
    assert many == few


def test_r_safe_1_warnings_about_the_children_listed_are_shown_first(as_user, caseload,
                                                                     team_manager,
                                                                     social_worker):
    from hearth.safety.actions.warnings import do_add_warning

    do_add_warning(acting_user=social_worker, person=caseload["Ava"], kind="threats",
                   what_happened="Ava's uncle threatened Sam.", source="Sam's visit",
                   occurred_on=date(2026, 11, 16), disclosed_to_person=True)
    html = as_user(team_manager).get(PAGE).content.decode()
    assert "Worker safety: 1 warning" in html
    assert html.index("Worker safety: 1 warning") < html.index("Child protection dashboard</h1>")
