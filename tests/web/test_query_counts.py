"""Pages do not grow an N+1 as families grow (ENGINEERING.md practice 10)."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hearth.casework.models import Involvement
from hearth.people import actions


def count_queries(client, url, method="get", data=None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = getattr(client, method)(url, data or {})
    assert response.status_code == 200
    return len(ctx.captured_queries)


def add_children(mum, n, user, team):
    for i in range(n):
        child = actions.do_create_person(acting_user=user, given_name=f"Child{i}",
                                         family_name="Fletcher", date_of_birth=date(2015, 1, 1 + i))
        actions.do_add_relationship(mum, child, acting_user=user, kind="mother")
        actions.do_add_address(child, acting_user=user, line1=f"{i} Mill Lane",
                               postcode="SO14 2AB", start_date=date(2020, 1, 1 + i))
        Involvement.objects.create(person=child, team=team, worker=user,
                                   opened_on=date(2026, 1, 1))


@pytest.mark.django_db
def test_the_person_page_costs_the_same_with_two_or_twelve_children(fletchers, social_worker,
                                                                    north, as_user):
    client = as_user(social_worker)
    url = reverse("web:person", args=[fletchers["mum"].pk])
    small = count_queries(client, url)
    add_children(fletchers["mum"], 10, social_worker, north)
    assert count_queries(client, url) == small


@pytest.mark.django_db
def test_the_workers_home_page_costs_the_same_with_more_cases(fletchers, social_worker, north,
                                                              as_user):
    client = as_user(social_worker)
    small = count_queries(client, reverse("web:home"))
    add_children(fletchers["mum"], 10, social_worker, north)
    assert count_queries(client, reverse("web:home")) == small


@pytest.mark.django_db
def test_the_managers_home_page_costs_the_same_with_more_cases(fletchers, social_worker,
                                                               team_manager, north, as_user):
    client = as_user(team_manager)
    small = count_queries(client, reverse("web:home"))
    add_children(fletchers["mum"], 10, social_worker, north)
    assert count_queries(client, reverse("web:home")) == small
