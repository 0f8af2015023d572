"""The allocation queue, caseloads, team workload and the family view, as their users see them."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London")),
                         tick=False)


@pytest.fixture
def leo(fletchers, north):
    """The Fletchers' baby brother, referred on 2 November and waiting for allocation."""
    from hearth.people import actions as people

    sam = fletchers["jack"].created_by
    leo = people.do_create_person(acting_user=sam, given_name="Leo", family_name="Fletcher",
                                  date_of_birth=date(2025, 3, 1), sex="M")
    people.do_add_relationship(fletchers["mum"], leo, acting_user=sam, kind="mother")
    return Involvement.objects.create(person=leo, team=north, worker=None,
                                      status=InvolvementStatus.AWAITING_ALLOCATION,
                                      opened_on=date(2026, 11, 2), primary_need="N1",
                                      referral_date=date(2026, 11, 2))


@pytest.fixture
def bea(north):
    return make_user("bea", Role.SOCIAL_WORKER, team=north, first="Bea", last="Worker")


def test_tina_sees_the_queue_oldest_first_with_worker_loads(as_user, team_manager, leo, bea,
                                                            north, social_worker):
    from hearth.people import actions as people

    newer = people.do_create_person(acting_user=social_worker, given_name="Zoe",
                                    family_name="Newman")
    Involvement.objects.create(person=newer, team=north, status="awaiting_allocation",
                               opened_on=date(2026, 11, 16))
    page = as_user(team_manager).get("/teams/allocation").content.decode()
    assert page.index("Leo Fletcher") < page.index("Zoe Newman")
    assert "N1 Abuse or neglect" in page
    assert ">15<" in page  # days waiting since the referral on 2 November
    assert "Sam Worker (2 open cases)" in page and "Bea Worker (0 open cases)" in page


def test_tina_sees_the_most_urgent_first_with_an_urgency_column(as_user, team_manager, leo,
                                                                 north, social_worker):
    """Issue 15: the queue had no urgency column. The front door's urgency comes with the
    referral; an immediate one waiting since yesterday goes above a routine one waiting two
    weeks, and Ivy, five months old, is marked as under one."""
    from hearth.people import actions as people

    leo.urgency = "routine"
    leo.save()
    ivy = people.do_create_person(acting_user=social_worker, given_name="Ivy",
                                  family_name="Quick", date_of_birth=date(2026, 6, 1))
    Involvement.objects.create(person=ivy, team=north, status="awaiting_allocation",
                               opened_on=date(2026, 11, 16), referral_date=date(2026, 11, 16),
                               urgency="immediate")
    page = as_user(team_manager).get("/teams/allocation").content.decode()
    assert ">Urgency</th>" in page
    assert page.index("Ivy Quick") < page.index("Leo Fletcher")
    assert "govuk-tag--red\">Immediate" in page and "govuk-tag--grey\">Routine" in page
    assert "Waiting 1 day since an urgent referral" in page
    assert "Under 1" in page


def test_allocation_flags_name_babies_and_urgent_referrals_still_waiting():
    from hearth.casework.rules import allocation_flags

    assert allocation_flags("routine", 0, 3) == ["Under 1"]
    assert allocation_flags("today", 4, 0) == []
    assert allocation_flags("immediate", 4, 2) == ["Waiting 2 days since an urgent referral"]
    assert allocation_flags("", None, 30) == []


def test_tina_allocates_from_the_queue(as_user, team_manager, leo, bea):
    client = as_user(team_manager)
    response = client.post(f"/involvements/{leo.pk}/allocate",
                           {f"inv{leo.pk}-worker": bea.pk, f"inv{leo.pk}-version": 1},
                           follow=True)
    assert "Leo Fletcher was allocated to Bea Worker" in response.content.decode()
    leo.refresh_from_db()
    assert leo.worker == bea and leo.status == InvolvementStatus.OPEN
    assert "Leo Fletcher" not in client.get("/teams/allocation").content.decode()


def test_a_stale_allocation_loses_with_a_message(as_user, team_manager, leo, bea,
                                                 social_worker):
    client = as_user(team_manager)
    client.post(f"/involvements/{leo.pk}/allocate",
                {f"inv{leo.pk}-worker": social_worker.pk, f"inv{leo.pk}-version": 1})
    response = client.post(f"/involvements/{leo.pk}/allocate",
                           {f"inv{leo.pk}-worker": bea.pk, f"inv{leo.pk}-version": 1})
    assert response.status_code == 409
    assert "Someone else changed this child" in response.content.decode()
    leo.refresh_from_db()
    assert leo.worker == social_worker


def test_allocating_without_a_worker_names_the_field(as_user, team_manager, leo):
    response = as_user(team_manager).post(f"/involvements/{leo.pk}/allocate",
                                          {f"inv{leo.pk}-version": 1})
    assert response.status_code == 400
    assert "Choose a worker to allocate to" in response.content.decode()


def test_tina_closes_jacks_involvement_with_an_rc_code(as_user, team_manager, fletchers):
    jack = fletchers["jack"].involvements.get()
    response = as_user(team_manager).post(f"/involvements/{jack.pk}/close",
                                          {"reason": "RC8", "version": 1})
    assert response.status_code == 302
    jack.refresh_from_db()
    assert jack.status == InvolvementStatus.CLOSED and jack.closure_reason == "RC8"


def test_an_unknown_closure_code_is_refused_on_the_page(as_user, team_manager, fletchers):
    jack = fletchers["jack"].involvements.get()
    response = as_user(team_manager).post(f"/involvements/{jack.pk}/close",
                                          {"reason": "RC42", "version": 1})
    assert response.status_code == 400
    assert "Choose a reason for closure (RC1 to RC9)" in response.content.decode()
    jack.refresh_from_db()
    assert jack.status == InvolvementStatus.OPEN and jack.version == 1


def test_another_teams_manager_gets_404_and_a_worker_403(as_user, fletchers, south,
                                                        social_worker, outsider):
    jack = fletchers["jack"].involvements.get()
    tom = make_user("tom", Role.TEAM_MANAGER, team=south)
    assert as_user(tom).get(f"/involvements/{jack.pk}/close").status_code == 404
    assert as_user(tom).get(f"/involvements/{jack.pk}/allocate").status_code == 404
    assert "Fletcher" not in as_user(tom).get("/teams/allocation").content.decode()
    assert as_user(social_worker).get("/teams/allocation").status_code == 403
    assert as_user(social_worker).get(f"/involvements/{jack.pk}/close").status_code == 403
    assert as_user(outsider).get(
        f"/people/{fletchers['jack'].pk}/family").status_code == 404


def test_sams_caseload_lists_his_children(as_user, social_worker, fletchers, outsider):
    page = as_user(social_worker).get("/caseload").content.decode()
    assert "2 cases allocated to you" in page
    assert "Jack Fletcher" in page and "Amy Fletcher" in page
    assert "0 cases allocated to you" in as_user(outsider).get("/caseload").content.decode()


def test_workload_counts_open_cases_and_shows_no_fake_figures(as_user, team_manager, leo,
                                                              bea, fletchers):
    jack = fletchers["jack"].involvements.get()
    from hearth.casework import actions

    actions.do_close(jack, "RC7", acting_user=team_manager, expected_version=1)
    page = as_user(team_manager).get("/teams/workload").content.decode()
    assert "Family Help North: 1 waiting for allocation" in page
    sam_row = page[page.index("Sam Worker"):page.index("</tr>", page.index("Sam Worker"))]
    assert ">1<" in sam_row and sam_row.count("—") == 2
    bea_row = page[page.index("Bea Worker"):page.index("</tr>", page.index("Bea Worker"))]
    assert ">0<" in bea_row
    assert "Visits due and overdue work will be counted" in page


def test_family_view_lists_siblings_from_any_of_them(as_user, social_worker, fletchers, leo):
    client = as_user(social_worker)
    for who in ("jack", "mum"):
        page = client.get(f"/people/{fletchers[who].pk}/family").content.decode()
        for name in ("Jack Fletcher", "Amy Fletcher", "Leo Fletcher"):
            assert name in page, (who, name)
        assert "Not allocated" in page  # Leo is waiting
        assert "Sam Worker" in page
    assert "Children in Kerry Fletcher" in client.get(
        f"/people/{fletchers['mum'].pk}/family").content.decode()


def test_each_waiting_child_shows_their_own_familys_safety_warnings_R_SAFE_1(
        as_user, team_manager, leo, north, social_worker, fletchers):
    """Leo's mum threatened a worker: Tina sees "Worker safety" on Leo's row of the queue, as
    she decides whom to send; Zoe's row, another family, shows none, and no banner across the
    page presents the Fletchers' warning as every waiting child's."""
    from hearth.people import actions as people
    from hearth.safety.actions.warnings import do_add_warning

    zoe = people.do_create_person(acting_user=social_worker, given_name="Zoe",
                                  family_name="Newman")
    today = timezone.localdate()
    Involvement.objects.create(person=zoe, team=north, status="awaiting_allocation",
                               opened_on=today - timedelta(days=1))
    do_add_warning(acting_user=social_worker, person=fletchers["mum"], kind="threats",
                   what_happened="Threatened to hit the visiting worker with a bottle",
                   source="Sam's visit", occurred_on=today - timedelta(days=7),
                   disclosed_to_person=True)
    page = as_user(team_manager).get("/teams/allocation").content.decode()
    rows = page[page.index('id="queue"'):]
    leo_row = rows[rows.index("Leo Fletcher"):rows.index("</tr>", rows.index("Leo Fletcher"))]
    zoe_row = rows[rows.index("Zoe Newman"):rows.index("</tr>", rows.index("Zoe Newman"))]
    assert "Worker safety: Threats" in leo_row and "in the family" in leo_row
    assert "Worker safety" not in zoe_row
    assert 'id="worker-safety"' not in page and "Worker safety" not in page[:page.index(
        'id="queue"')]
