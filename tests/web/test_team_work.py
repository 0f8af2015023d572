"""A manager's home shows each worker's most pressing few items; the team's whole list of what
is due is its own page, a page at a time (issue 14: every list bounded). Tina manages Sam,
who has follow-ups due for many children; Sam and Olly may not read the team's list."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.casework.models import Involvement
from hearth.engagement.models import FollowUpTask
from hearth.people import actions as people
from hearth.web.views.work import TEAM_SHOWN

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_ups(social_worker, north):
    """``add(n)``: n more children on Sam's caseload, each with a follow-up due a day later
    than the one before (the first tomorrow)."""
    made: list = []

    def add(n: int) -> list:
        for _ in range(n):
            child = people.do_create_person(acting_user=social_worker,
                                            given_name=f"Child{len(made) + 1:02d}",
                                            family_name="Duewell",
                                            date_of_birth=timezone.localdate()
                                            - timedelta(days=8 * 365))
            involvement = Involvement.objects.create(person=child, team=north,
                                                     worker=social_worker,
                                                     opened_on=timezone.localdate())
            FollowUpTask.objects.create(
                person=child, involvement=involvement, reason="Not in when visited",
                assigned_to=social_worker, created_at=timezone.now(),
                due_on=timezone.localdate() + timedelta(days=len(made) + 1))
            made.append(child)
        return made

    return add


def test_tinas_home_shows_sams_most_pressing_and_links_to_the_rest(
        as_user, team_manager, social_worker, follow_ups):
    children = follow_ups(TEAM_SHOWN + 3)
    html = as_user(team_manager).get("/").content.decode()
    start = html.index(f'id="team-worker-{social_worker.pk}"')
    section = html[start:html.index("</p>", html.index("</table>", start))]
    assert f"Sam Worker ({TEAM_SHOWN + 3})" in section
    for child in children[:TEAM_SHOWN]:
        assert child.display_name in section
    for child in children[TEAM_SHOWN:]:
        assert child.display_name not in section  # on the team's page
    assert f"See all {TEAM_SHOWN + 3} for Sam Worker" in section
    assert f'href="/work/team?worker={social_worker.pk}"' in section
    # The read is audited for the children the home showed (issue 13 item 3).
    read = set(AuditEntry.objects.filter(action="view_list", username="tina")
               .latest("pk").fields["people"])
    assert {str(c.pk) for c in children[:TEAM_SHOWN]} <= read


def test_the_teams_page_reads_every_item_a_page_at_a_time(
        as_user, team_manager, social_worker, follow_ups):
    children = follow_ups(27)
    tina = as_user(team_manager)
    first = tina.get(f"/work/team?worker={social_worker.pk}")
    assert first.status_code == 200
    html = first.content.decode()
    assert "Sam Worker (27)</caption>" in html
    assert "Most pressing first: 1 to 25 of 27." in html
    assert children[0].display_name in html and children[24].display_name in html
    assert html.index(children[0].display_name) < html.index(children[1].display_name)
    assert children[25].display_name not in html
    assert f"?worker={social_worker.pk}&amp;page=2" in html  # the filter kept in the links
    second = tina.get(f"/work/team?worker={social_worker.pk}&page=2").content.decode()
    assert children[25].display_name in second and children[26].display_name in second
    assert children[0].display_name not in second


def test_a_page_or_worker_that_is_not_one_answers_the_nearest_list(
        as_user, team_manager, social_worker, follow_ups):
    children = follow_ups(3)
    tina = as_user(team_manager)
    for query in ("?page=abc", "?page=-4", "?page=9999999", "?worker=abc",
                  "?worker=99999999", "?worker=%00"):
        response = tina.get("/work/team" + query)
        assert response.status_code == 200, query
        assert all(c.display_name in response.content.decode() for c in children), query


def test_sam_and_olly_may_not_read_the_teams_list(as_user, social_worker, outsider,
                                                   follow_ups):
    follow_ups(2)
    for user in (social_worker, outsider):
        response = as_user(user).get("/work/team")
        assert response.status_code == 403
        assert "Duewell" not in response.content.decode()


def test_the_teams_page_takes_as_many_queries_for_30_children_as_for_3(
        as_user, team_manager, follow_ups):
    tina = as_user(team_manager)

    def count() -> int:
        tina.get("/work/team")  # the session's first request does its own work once
        with CaptureQueriesContext(connection) as queries:
            assert tina.get("/work/team").status_code == 200
        return len(queries)

    follow_ups(3)
    few = count()
    follow_ups(27)
    assert count() == few
