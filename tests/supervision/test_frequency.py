"""How often supervision happens, and who is overdue (R-SUP-3): Bea's Building Bridges team is
supervised every five weeks; a worker's own setting wins; cancelled supervision does not
count."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.models import AuditEntry
from hearth.core.refusals import Refused
from hearth.supervision import actions, queries
from hearth.supervision.models import SupervisionFrequency
from tests.supervision.conftest import TODAY, held, planned

pytestmark = [pytest.mark.django_db]


def _row(html: str, name: str) -> str:
    start = html.index(name)
    return html[start:html.index("</tr>", start)]


def test_R_SUP_3_bea_sets_35_days_for_her_building_bridges_team_and_sees_who_is_overdue(
        bea, bill, beth, bridges, as_user):
    held(bea, bill, date(2026, 10, 11))  # 40 days ago
    held(bea, beth, date(2026, 11, 1))
    client = as_user(bea)
    page = client.get("/supervision/frequency")
    assert page.status_code == 200
    assert "Everyone in Building Bridges East" in page.content.decode()
    response = client.post("/supervision/frequency",
                           {"target": f"team:{bridges.pk}", "every_days": "35"})
    assert response.status_code == 302
    setting = SupervisionFrequency.objects.get(team=bridges)
    assert (setting.every_days, setting.set_by) == (35, bea)
    assert AuditEntry.objects.filter(action="supervision.frequency",
                                     object_id=str(bridges.pk)).exists()

    team = client.get("/supervision/team").content.decode()
    assert "1 worker overdue for supervision." in team
    bill_row = _row(team, "Bill Practitioner")
    assert "35 days (team)" in bill_row and "11 Oct 2026" in bill_row
    assert "15 Nov 2026" in bill_row and "Overdue by 5 days" in bill_row
    beth_row = _row(team, "Beth Practitioner")
    assert "6 Dec 2026" in beth_row and "Overdue" not in beth_row


def test_R_SUP_3_a_workers_own_setting_wins_over_the_team_and_can_be_removed(
        bea, bill, beth, bridges, as_user):
    held(bea, beth, date(2026, 11, 1))
    actions.do_set_frequency(acting_user=bea, team=bridges, every_days=35)
    client = as_user(bea)
    assert client.post("/supervision/frequency",
                       {"target": f"worker:{beth.pk}", "every_days": "14"}).status_code == 302
    row = queries.due_for([beth], TODAY)[0]
    assert row["source"] == "own" and row["due"].every_days == 14
    assert row["due"].next_due == date(2026, 11, 15) and row["due"].overdue
    assert "14 days (own setting)" in _row(client.get("/supervision/team").content.decode(),
                                           "Beth Practitioner")
    # Changing it replaces the setting rather than adding another.
    actions.do_set_frequency(acting_user=bea, worker=beth, every_days=21)
    assert SupervisionFrequency.objects.filter(worker=beth).get().every_days == 21

    assert client.post("/supervision/frequency/remove",
                       {"target": f"worker:{beth.pk}"}).status_code == 302
    row = queries.due_for([beth], TODAY)[0]
    assert row["source"] == "team" and row["due"].every_days == 35 and not row["due"].overdue


def test_R_SUP_3_the_default_applies_without_a_setting_and_cancelled_sessions_do_not_count(
        fletchers, social_worker, team_manager, as_user):
    held(team_manager, social_worker, date(2026, 10, 1))
    cancelled = planned(team_manager, social_worker, date(2026, 11, 2))
    actions.do_cancel_session(cancelled, acting_user=team_manager, expected_version=1,
                              reason="Sam on leave")
    planned(team_manager, social_worker, date(2026, 11, 27))
    html = as_user(team_manager).get("/supervision/team").content.decode()
    row = _row(html, "Sam Worker")
    assert "28 days" in row and "1 Oct 2026" in row and "29 Oct 2026" in row
    assert "Overdue by 22 days" in row and "27 Nov 2026" in row
    assert row.rstrip().endswith('govuk-table__cell--numeric">1</td>')  # one cancelled
    mine = as_user(social_worker).get("/supervision/mine").content.decode()
    assert "Overdue" in mine and "Every 28 days" in mine and "29 October 2026" in mine


def test_bad_frequencies_are_refused_with_a_message(bea, bill, bridges, north, as_user):
    client = as_user(bea)
    zero = client.post("/supervision/frequency", {"target": f"team:{bridges.pk}",
                                                  "every_days": "0"})
    assert zero.status_code == 400
    assert "Supervision cannot be more often than every 7 days" in zero.content.decode()
    words = client.post("/supervision/frequency", {"target": f"team:{bridges.pk}",
                                                   "every_days": "five weeks"})
    assert "as a whole number of days" in words.content.decode()
    other = client.post("/supervision/frequency", {"target": f"team:{north.pk}",
                                                   "every_days": "35"})
    assert other.status_code == 400
    assert "Select a team or a worker" in other.content.decode()
    nothing = client.post("/supervision/frequency/remove", {"target": f"team:{bridges.pk}"})
    assert nothing.status_code == 400
    assert "There is no setting to remove." in nothing.content.decode()
    assert not SupervisionFrequency.objects.exists()
    with pytest.raises(Refused):
        actions.do_set_frequency(acting_user=bea, team=north, every_days=35)


def test_tinas_team_view_lists_her_workers_only(fletchers, social_worker, team_manager, bill,
                                                as_user):
    html = as_user(team_manager).get("/supervision/team").content.decode()
    assert "Sam Worker" in html and "Bill Practitioner" not in html
    assert "Never" in _row(html, "Sam Worker")


def _queries_for(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_team_view_does_not_query_per_worker(bea, bill, beth, bridges, as_user):
    """Practice 10: the number of queries does not grow with the team."""
    from tests.conftest import make_user

    held(bea, bill, date(2026, 10, 11))
    client = as_user(bea)
    few = _queries_for(client, "/supervision/team")
    for n in range(4):
        worker = make_user(f"extra{n}", "family_practitioner", team=bridges)
        held(bea, worker, date(2026, 11, 1))
        planned(bea, worker, date(2026, 12, 1))
    assert _queries_for(client, "/supervision/team") == few
