"""Issue 14, "Pages that grow with the council": the allocation queue, the caseload and the
home pages show 25 rows a page with the GOV.UK pagination component, count every row in the
caption, keep the other parameters in each page's links, answer any ``?page=`` (a word, zero,
a huge number) with a page rather than an error, and take the same number of queries for 3
rows as for 30."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.people.models import Person
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def children(n: int, *, team, worker=None, status=InvolvementStatus.AWAITING_ALLOCATION,
             start: int = 0) -> list[Person]:
    """``n`` children open to ``team``: waiting for allocation, or allocated to ``worker``."""
    today = timezone.localdate()
    made = []
    for i in range(start, start + n):
        child = Person.objects.create(given_name=f"Child{i:03d}", family_name="Waiting",
                                      date_of_birth=today - timedelta(days=3000 + i))
        Involvement.objects.create(person=child, team=team, worker=worker, status=status,
                                   opened_on=today - timedelta(days=100 - i))
        made.append(child)
    return made


def queries_for(client, url: str) -> int:
    client.get(url)  # the first page after signing in may differ (messages, caches)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_allocation_queue_takes_the_same_queries_for_3_or_30_waiting_children(
        as_user, team_manager, social_worker, north):
    client = as_user(team_manager)
    children(3, team=north)
    few = queries_for(client, "/teams/allocation")
    children(27, team=north, start=3)
    make_user("another.worker", Role.SOCIAL_WORKER, team=north)  # workers don't add queries
    assert queries_for(client, "/teams/allocation") == few


def test_the_allocation_queue_shows_25_a_page_and_counts_them_all(as_user, team_manager,
                                                                  north):
    children(30, team=north)
    client = as_user(team_manager)
    page = client.get("/teams/allocation").content.decode()
    assert "30 children waiting" in page
    assert "Showing 1 to 25 of 30" in page
    assert page.count('action="/involvements/') == 25
    assert 'class="govuk-pagination"' in page and 'aria-label="Page 2"' in page
    assert "Child000" in page and "Child029" not in page  # longest waiting first
    second = client.get("/teams/allocation?page=2").content.decode()
    assert "Showing 26 to 30 of 30" in second and "Child029" in second
    assert second.count('action="/involvements/') == 5
    assert 'aria-current="page">2<' in second


@pytest.mark.parametrize("page, showing", [("abc", "1 to 25"), ("0", "1 to 25"),
                                           ("-3", "1 to 25"), ("2.5", "1 to 25"),
                                           ("99999999999999", "1 to 25"),
                                           ("999", "26 to 30")])
def test_a_page_number_that_is_not_a_page_answers_a_page_not_an_error(as_user, team_manager,
                                                                      north, page, showing):
    children(30, team=north)
    response = as_user(team_manager).get(f"/teams/allocation?page={page}")
    assert response.status_code == 200
    assert f"Showing {showing} of 30" in response.content.decode()


def test_the_pages_links_keep_the_other_parameters(as_user, social_worker, north):
    children(30, team=north, worker=social_worker, status=InvolvementStatus.OPEN)
    page = as_user(social_worker).get("/caseload?co_page=1&page=1").content.decode()
    assert "?co_page=1&amp;page=2" in page


def test_sams_caseload_counts_all_his_cases_and_takes_the_same_queries_for_3_or_30(
        as_user, social_worker, north):
    client = as_user(social_worker)
    children(3, team=north, worker=social_worker, status=InvolvementStatus.OPEN)
    few = queries_for(client, "/caseload")
    children(27, team=north, worker=social_worker, status=InvolvementStatus.OPEN, start=3)
    assert queries_for(client, "/caseload") == few
    page = client.get("/caseload").content.decode()
    assert "30 cases allocated to you" in page and "Showing 1 to 25 of 30" in page


@pytest.mark.parametrize("who", ["social_worker", "team_manager", "service_manager"])
def test_a_home_page_takes_the_same_queries_for_3_or_30_cases(as_user, request, north, who,
                                                              social_worker):
    user = (make_user("sally.service", Role.SERVICE_MANAGER) if who == "service_manager"
            else request.getfixturevalue(who))
    client = as_user(user)
    children(3, team=north, worker=social_worker, status=InvolvementStatus.OPEN)
    few = queries_for(client, "/")
    children(27, team=north, worker=social_worker, status=InvolvementStatus.OPEN, start=3)
    assert queries_for(client, "/") == few
    page = client.get("/").content.decode()
    assert "(30)" in page and "Showing 1 to 25 of 30" in page
    assert 'class="govuk-pagination"' in page


def test_a_managers_home_counts_the_waiting_children_beyond_the_first_page(
        as_user, team_manager, social_worker, north):
    children(28, team=north, worker=social_worker, status=InvolvementStatus.OPEN)
    children(4, team=north, start=28)
    page = as_user(team_manager).get("/?page=2").content.decode()
    assert "4 open cases waiting for allocation" in page
    assert "Showing 26 to 32 of 32" in page


def test_a_restricted_child_is_counted_and_listed_only_for_those_named_on_the_record(
        as_user, team_manager, social_worker, north):
    """The counts and lists take the short way to who may see whom (``queries.reached``):
    a restricted record still needs its reader to be named on it, merged ones never show."""
    from hearth.people.models import RestrictedAccess

    waiting = children(3, team=north)
    mine = children(2, team=north, worker=social_worker, status=InvolvementStatus.OPEN, start=3)
    Person.objects.filter(pk__in=[waiting[0].pk, mine[0].pk]).update(restricted=True)
    Person.objects.filter(pk=waiting[1].pk).update(merged_into=waiting[2])
    tina, sam = as_user(team_manager), as_user(social_worker)
    assert "1 child waiting" in tina.get("/teams/allocation").content.decode()
    assert "1 case allocated to you" in sam.get("/caseload").content.decode()
    assert "Children allocated to you (1)" in sam.get("/").content.decode()
    RestrictedAccess.objects.create(person=waiting[0], user=team_manager)
    RestrictedAccess.objects.create(person=mine[0], user=social_worker)
    queue = tina.get("/teams/allocation").content.decode()
    assert "2 children waiting" in queue and "Child000" in queue and "Child001" not in queue
    assert "2 cases allocated to you" in sam.get("/caseload").content.decode()
    assert "Children allocated to you (2)" in sam.get("/").content.decode()
    assert "Open cases, newest first (3)" in tina.get("/").content.decode()
