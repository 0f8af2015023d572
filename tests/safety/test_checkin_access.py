"""Who may see and close a lone worker's check-in (issue 13 item 7, R-SAFE-4).

Sam is out alone at the Fletchers'. Where he went is for those who would be told if he did not
come back: Sam, Tina (his team manager), the service managers, and the senior manager on call
at that moment. Olly (a worker in another team) and Omar (another team's manager) get the same
404 as for a check-in that does not exist, and nothing they are told names Sam."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from hearth import calendar
from hearth.access.models import AuditEntry
from hearth.core.refusals import Refused
from hearth.safety.actions.checkins import do_check_out, do_start_check_in
from hearth.safety.codes import CheckInStatus
from hearth.safety.models import CheckIn, OnCall
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _a_tuesday_morning(time_machine):
    """Ten o'clock on the next Tuesday to come: office hours, whatever today is."""
    today = timezone.localdate()
    tuesday = today + timedelta(days=(1 - today.weekday()) % 7 or 7)
    time_machine.move_to(datetime.combine(tuesday, datetime.min.time(), calendar.LONDON)
                         + timedelta(hours=10), tick=False)
    return time_machine


@pytest.fixture
def omar(south):
    return make_user("omar", "team_manager", team=south, first="Omar", last="Other")


@pytest.fixture
def sams_visit(social_worker, fletchers) -> CheckIn:
    return do_start_check_in(acting_user=social_worker, where="12 Acacia Road",
                             person=fletchers["jack"],
                             expected_back=timezone.now() + timedelta(hours=1))


def pages(checkin: CheckIn) -> list[str]:
    return [f"/check-ins/{checkin.pk}", f"/check-ins/{checkin.pk}/alert"]


def test_olly_and_another_teams_manager_get_the_uniform_404_issue_13_item_7_r_safe_4(
        as_user, sams_visit, outsider, omar):
    missing = CheckIn.objects.order_by("-pk").first().pk + 1000
    for who in (outsider, omar):
        client = as_user(who)
        for url, same_as_none in zip(pages(sams_visit), pages(CheckIn(pk=missing)),
                                     strict=True):
            response = client.get(url)
            # 404 as for a check-in that does not exist (Olly may not open alert pages at
            # all: 403 for every id, real or not).
            assert response.status_code == client.get(same_as_none).status_code, url
            assert response.status_code == (403 if who == outsider and "alert" in url
                                            else 404), (who.username, url)
            assert "12 Acacia Road" not in response.content.decode()
        never = client.post(f"/check-ins/{missing}/check-out", {"version": "1",
                                                                 "reason": "Saw him"})
        refused = client.post(f"/check-ins/{sams_visit.pk}/check-out",
                              {"version": "1", "reason": "I saw Sam in the car park"})
        # The same answer as for a check-in that does not exist: it names nobody.
        assert refused.status_code == never.status_code == 404
        assert "Sam" not in refused.content.decode()
    out_now = as_user(omar).get("/check-ins/out-now")  # Omar monitors his own team only
    assert out_now.status_code == 200 and "12 Acacia Road" not in out_now.content.decode()
    sams_visit.refresh_from_db()
    assert sams_visit.status == CheckInStatus.OUT and sams_visit.version == 1
    assert not AuditEntry.objects.filter(action="safety.checkin_close").exists()


def test_the_refusal_to_close_someone_elses_check_in_names_nobody_issue_13_item_7(
        sams_visit, outsider, omar):
    for who in (outsider, omar):
        with pytest.raises(Refused) as refused:
            do_check_out(sams_visit, acting_user=who, expected_version=1,
                         reason="I saw Sam in the car park")
        assert "Sam" not in refused.value.message
    sams_visit.refresh_from_db()
    assert sams_visit.status == CheckInStatus.OUT


def test_sam_and_tina_see_it_and_tina_closes_it_issue_13_item_7_r_safe_4(
        as_user, sams_visit, social_worker, team_manager):
    for url in pages(sams_visit):
        assert as_user(team_manager).get(url).status_code == 200, url
    assert as_user(social_worker).get(pages(sams_visit)[0]).status_code == 200
    assert "12 Acacia Road" in as_user(team_manager).get("/check-ins/out-now").content.decode()
    closed = as_user(team_manager).post(f"/check-ins/{sams_visit.pk}/check-out",
                                        {"version": "1", "reason": "Sam rang me: safe"})
    assert closed.status_code == 302
    sams_visit.refresh_from_db()
    assert sams_visit.status == CheckInStatus.BACK and sams_visit.checked_out_by == team_manager


def test_a_service_manager_sees_every_check_in_issue_13_item_7_r_safe_4(as_user, sams_visit):
    sue = make_user("sue", "service_manager", first="Sue", last="Senior")
    for url in pages(sams_visit):
        assert as_user(sue).get(url).status_code == 200, url


def test_the_senior_manager_on_call_sees_and_closes_it_only_while_on_call_issue_13_item_7(
        _a_tuesday_morning, as_user, sams_visit, omar):
    now = timezone.now()
    OnCall.objects.create(user=omar, starts_at=now - timedelta(hours=1),
                          ends_at=now + timedelta(minutes=30))
    omars = as_user(omar)
    for url in pages(sams_visit):
        assert omars.get(url).status_code == 200, url
    assert "12 Acacia Road" in omars.get("/check-ins/out-now").content.decode()
    _a_tuesday_morning.move_to(now + timedelta(minutes=31))  # Omar's turn on call has ended
    for url in pages(sams_visit):
        assert as_user(omar).get(url).status_code == 404, url
    _a_tuesday_morning.move_to(now)
    closed = omars.post(f"/check-ins/{sams_visit.pk}/check-out",
                        {"version": "1", "reason": "Sam's team rang me: he is safe"})
    assert closed.status_code == 302
    sams_visit.refresh_from_db()
    assert sams_visit.checked_out_by == omar
