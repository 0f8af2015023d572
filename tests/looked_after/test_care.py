"""Plans, statutory visits, health and education of a child looked after (R-CLA-2, R-CLA-4,
R-CLA-5): what falls due on Sam's list and Tina's, recording each, refusals naming the field
with nothing written, and the managers' statutory-visits list and dashboard figures in a
constant number of queries."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth import calendar
from hearth.core.due import TEAM, due_for
from hearth.looked_after.models import CarePlan, HealthCheck, PlacementPlan
from hearth.looked_after.queries.figures import review_figures
from hearth.people.models import Person
from hearth.visits.models import Visit
from tests.conftest import add_child
from tests.looked_after.care import DAYS_IN_CARE, call, days_ago, put_in_care

pytestmark = pytest.mark.django_db


def kinds(items, person) -> set[str]:
    return {i.kind for i in items if i.person_id == str(person.pk)}


def test_plans_visits_and_health_fall_due_for_sam_and_tina_r_cla_2_r_cla_4_r_cla_5(
        as_user, social_worker, team_manager, fletchers, jack_in_care):
    jack = fletchers["jack"]
    assert {"cla_care_plan", "cla_placement_plan", "cla_visit", "cla_health"} <= kinds(
        due_for(social_worker), jack)
    [visit] = [i for i in due_for(team_manager, scope=TEAM) if i.kind == "cla_visit"]
    assert visit.for_user_id == social_worker.pk and visit.due == days_ago(DAYS_IN_CARE - 7)
    sam = as_user(social_worker)
    agreed = days_ago(DAYS_IN_CARE).strftime("%d/%m/%Y")
    assert sam.post(reverse("looked_after:care_plan_new", args=[jack.pk]), {
        "agreed_on": agreed, "permanence_plan": "return_home",
        "summary": "Jack returns home once Kerry's treatment ends."}).status_code == 302
    assert sam.post(reverse("looked_after:placement_plan_new", args=[jack.pk]), {
        "agreed_on": agreed, "summary": "Mrs Patel takes Jack to school."}).status_code == 302
    refused = sam.post(reverse("looked_after:visit_new", args=[jack.pk]), {
        "starts_at": datetime.combine(days_ago(1), time(16)).strftime("%d/%m/%Y %H:%M"),
        "place": "Mrs Patel's home", "child_seen": "yes", "child_seen_alone": "no"})
    assert refused.status_code == 400 and b"Enter why the child was not seen alone" in \
        refused.content
    assert not Visit.objects.exists()
    assert sam.post(reverse("looked_after:visit_new", args=[jack.pk]), {
        "starts_at": datetime.combine(days_ago(1), time(16)).strftime("%d/%m/%Y %H:%M"),
        "place": "Mrs Patel's home", "child_seen": "yes", "child_seen_alone": "no",
        "not_seen_alone_reason": "Jack asked Mrs Patel to stay"}).status_code == 302
    visit_row = Visit.objects.get()
    assert (visit_row.purpose, visit_row.not_seen_alone_reason) == (
        "looked_after", "Jack asked Mrs Patel to stay")
    assert sam.post(reverse("looked_after:health", args=[jack.pk]), {
        "kind": "initial_health", "done_on": agreed}).status_code == 302
    assert CarePlan.objects.count() == PlacementPlan.objects.count() == 1
    left = kinds(due_for(social_worker), jack)
    assert not left & {"cla_care_plan", "cla_placement_plan"}
    [nxt] = [i for i in due_for(social_worker) if i.kind == "cla_visit"]
    assert nxt.due == days_ago(1 - 42)  # six weeks after the last visit
    [health] = [i for i in due_for(social_worker) if i.kind == "cla_health"]
    assert health.what == "Review health assessment"
    page = sam.get(reverse("looked_after:care", args=[jack.pk]))
    assert b"Return to parents or family" in page.content


@pytest.mark.parametrize(("data", "field", "message"), [
    ({"sdq_score": "41"}, "sdq_score", "from 0 to 40"),
    ({}, "sdq_score", "or select why there is none"),
    ({"sdq_reason": "SDQ9"}, "sdq_reason", "from the list"),
])
def test_a_bad_sdq_is_refused_naming_the_field_r_cla_5(client, as_user, social_worker,
                                                       fletchers, jack_in_care, data, field,
                                                       message):
    jack = fletchers["jack"]
    answer = as_user(social_worker).post(reverse("looked_after:health", args=[jack.pk]), {
        "kind": "sdq", "done_on": days_ago(1).strftime("%d/%m/%Y"), **data})
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert f'id="id_{field}-error"' in answer.content.decode()
    assert not HealthCheck.objects.exists()


def _children_in_care(n, *, by, mum, team):
    for i in range(n):
        child = add_child(mum, f"Child{i}", days_ago(3000), by=by, team=team)
        put_in_care(child, by=by, started_on=days_ago(30 + i))


def test_the_statutory_visits_list_and_figures_take_constant_queries_r_cla_4(
        as_user, team_manager, social_worker, north, fletchers, jack_in_care, client):
    tina = as_user(team_manager)
    url = reverse("looked_after:visits")
    children = Person.objects.filter(care_periods__ended_on__isnull=True)
    tina.get(url)  # warm the caches of the first request
    with CaptureQueriesContext(connection) as few:
        page = tina.get(url)
    with CaptureQueriesContext(connection) as few_figures:
        figures = review_figures(team_manager, children)
    assert b"Jack Fletcher" in page.content and b"Overdue" in page.content
    assert figures[1].overdue == 1 and figures[2].count == 0
    _children_in_care(2, by=social_worker, mum=fletchers["mum"], team=north)
    with CaptureQueriesContext(connection) as many:
        page = tina.get(url)
    with CaptureQueriesContext(connection) as many_figures:
        figures = review_figures(team_manager, children)
    assert len(many) == len(few) and len(many_figures) == len(few_figures)
    assert page.content.count(b"Overdue") == 3 and figures[1].overdue == 3
    due = call(client, team_manager, "GET", "/api/v1/looked-after/visits/due").json()
    assert due["total"] == 3 and due["items"][0]["overdue"] is True
    assert calendar.lac_visit_due(days_ago(30), None, long_term=False).date() == days_ago(23)
