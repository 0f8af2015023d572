"""Tina manages her team's cases from the pages: she reallocates Jack from Sam to Bea, and
co-allocates a Building Bridges practitioner (R-SVC-1) whose work she later ends."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Team
from hearth.casework.models import Involvement, InvolvementWorker
from tests.conftest import make_user


@pytest.fixture(autouse=True)
def _today(time_machine):
    """Tuesday 17 November 2026 in London."""
    time_machine.move_to(datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London")),
                         tick=False)


@pytest.fixture
def bea(north):
    return make_user("bea", Role.SOCIAL_WORKER, team=north, first="Bea", last="Worker")


@pytest.fixture
def bob(db):
    """A Building Bridges practitioner: another team, co-allocated for an intervention."""
    bridges = Team.objects.create(name="Building Bridges", service="building_bridges")
    return make_user("bob", Role.FAMILY_PRACTITIONER, team=bridges, first="Bob",
                     last="Bridges")


@pytest.fixture
def jack_case(fletchers) -> Involvement:
    return fletchers["jack"].involvements.get()


def _reallocate(client, inv, worker_id, *, version=1, reason="Sam is moving to the EDT rota"):
    return client.post(f"/involvements/{inv.pk}/reallocate",
                       {"worker": worker_id, "reason": reason, "version": version})


def _add(client, inv, worker_id, *, version=1, role="building_bridges", start_date=""):
    return client.post(f"/involvements/{inv.pk}/secondary-workers/new",
                       {"worker": worker_id, "role": role, "start_date": start_date,
                        "version": version})


def _audited(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


def test_tina_reallocates_jacks_case_from_sam_to_bea(as_user, team_manager, social_worker,
                                                     bea, jack_case, fletchers):
    client = as_user(team_manager)
    family = client.get(f"/people/{fletchers['jack'].pk}/family").content.decode()
    assert f'href="/involvements/{jack_case.pk}/reallocate"' in family
    page = client.get(f"/involvements/{jack_case.pk}/reallocate").content.decode()
    assert "Bea Worker (0 open cases)" in page
    assert f'<option value="{social_worker.pk}"' not in page  # Sam already holds the case
    response = _reallocate(client, jack_case, bea.pk)
    assert response.status_code == 302
    assert response["Location"] == f"/people/{fletchers['jack'].pk}/family"
    jack_case.refresh_from_db()
    assert jack_case.worker == bea and jack_case.version == 2
    assert jack_case.allocated_on == date(2026, 11, 17)
    entry = AuditEntry.objects.get(action="reallocate")
    assert entry.reason == "Sam is moving to the EDT rota"
    assert entry.fields["worker"] == ["sam", "bea"]
    page = client.get(response["Location"]).content.decode()
    assert "Jack Fletcher was reallocated to Bea Worker" in page


@pytest.mark.parametrize(("worker", "reason", "message"), [
    (None, "Leaving", "Choose a worker to reallocate to"),
    ("99999", "Leaving", "Choose a worker from the list"),
    ("olly", "Leaving", "Choose a worker from the list"),  # Olly is in another team
    ("bea", "", "Enter why the case is being reallocated"),
])
def test_bad_reallocations_are_named_and_nothing_is_written(as_user, team_manager, bea,
                                                            outsider, jack_case, social_worker,
                                                            worker, reason, message):
    ids = {None: "", "bea": bea.pk, "olly": outsider.pk, "99999": 99999}
    response = _reallocate(as_user(team_manager), jack_case, ids[worker], reason=reason)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert reason in html  # what Tina typed is kept
    jack_case.refresh_from_db()
    assert jack_case.worker == social_worker and jack_case.version == 1
    assert _audited("reallocate") == 0


def test_a_stale_reallocation_loses_with_409_and_keeps_the_input(as_user, team_manager, bea,
                                                                 north, jack_case):
    cal = make_user("cal", Role.SOCIAL_WORKER, team=north, first="Cal", last="Worker")
    client = as_user(team_manager)
    assert _reallocate(client, jack_case, bea.pk).status_code == 302
    response = _reallocate(client, jack_case, cal.pk, reason="Cal knows the family")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this involvement" in html
    assert "Cal knows the family" in html
    assert 'name="version" value="2"' in html  # a deliberate resubmission can now succeed
    jack_case.refresh_from_db()
    assert jack_case.worker == bea and jack_case.version == 2
    assert _audited("reallocate") == 1


def test_R_SVC_1_tina_co_allocates_building_bridges_and_bob_sees_jack(
        as_user, team_manager, bob, jack_case, fletchers):
    jack = fletchers["jack"]
    bobs = as_user(bob)
    assert bobs.get(f"/people/{jack.pk}").status_code == 404
    client = as_user(team_manager)
    page = client.get(f"/involvements/{jack_case.pk}/secondary-workers/new").content.decode()
    assert "Bob Bridges (Building Bridges, family practitioner)" in page
    assert "Building Bridges practitioner" in page
    response = _add(client, jack_case, bob.pk)
    assert response.status_code == 302
    link = InvolvementWorker.objects.get(involvement=jack_case)
    assert link.worker == bob and link.role == "building_bridges"
    assert link.start_date == date(2026, 11, 17) and link.added_by == team_manager
    assert _audited("add_secondary_worker") == 1
    family = client.get(response["Location"]).content.decode()
    assert "Bob Bridges (Building Bridges practitioner)" in family
    assert f'href="/secondary-workers/{link.pk}/end"' in family
    assert bobs.get(f"/people/{jack.pk}").status_code == 200
    assert "Jack Fletcher" in bobs.get("/caseload").content.decode()


@pytest.mark.parametrize(("form", "message"), [
    ({"worker": "99999"}, "Choose a worker from the list"),
    ({"worker": "sam"}, "Choose a worker from the list"),  # Sam already holds the case
    ({"role": ""}, "Choose the secondary worker&#x27;s role"),
    ({"start_date": "18/11/2026"}, "The start date cannot be in the future"),
    ({"start_date": "30/9/2026"}, "The start date cannot be before the involvement opened on "
                                  "1 October 2026"),
    ({"start_date": "31/2/2026"}, "Start date must be a real date"),
])
def test_bad_co_allocations_are_named_and_nothing_is_written(as_user, team_manager, bob,
                                                             social_worker, jack_case, form,
                                                             message):
    ids = {"99999": 99999, "sam": social_worker.pk}
    values = {"worker_id": bob.pk, "role": "building_bridges", "start_date": ""}
    if "worker" in form:
        values["worker_id"] = ids[form["worker"]]
    values.update({k: v for k, v in form.items() if k != "worker"})
    response = _add(as_user(team_manager), jack_case, values.pop("worker_id"), **values)
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert not InvolvementWorker.objects.exists()
    jack_case.refresh_from_db()
    assert jack_case.version == 1 and _audited("add_secondary_worker") == 0


def test_R_SVC_1_tina_ends_bobs_work_and_he_no_longer_sees_jack(as_user, team_manager, bob,
                                                                jack_case, fletchers):
    client = as_user(team_manager)
    assert _add(client, jack_case, bob.pk, start_date="10/11/2026").status_code == 302
    link = InvolvementWorker.objects.get()
    url = f"/secondary-workers/{link.pk}/end"
    assert "End Bob Bridges" in client.get(url).content.decode()
    too_early = client.post(url, {"end_date": "9/11/2026", "version": 2})
    assert too_early.status_code == 400
    assert "The end date cannot be before the start date, 10 November 2026" in \
        too_early.content.decode()
    in_future = client.post(url, {"end_date": "20/11/2026", "version": 2})
    assert in_future.status_code == 400
    assert "The end date cannot be in the future" in in_future.content.decode()
    link.refresh_from_db()
    assert link.end_date is None and _audited("end_secondary_worker") == 0
    response = client.post(url, {"end_date": "", "version": 2})
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.end_date == date(2026, 11, 17)
    assert _audited("end_secondary_worker") == 1
    assert "Bob Bridges no longer works on Jack Fletcher" in client.get(
        response["Location"]).content.decode()
    assert as_user(bob).get(f"/people/{fletchers['jack'].pk}").status_code == 404
    assert "already finished" in client.get(url).content.decode()


def test_stale_co_allocation_and_ending_answer_409(as_user, team_manager, bob, bea,
                                                   jack_case):
    client = as_user(team_manager)
    assert _reallocate(client, jack_case, bea.pk).status_code == 302  # now version 2
    stale_add = _add(client, jack_case, bob.pk, version=1)
    assert stale_add.status_code == 409
    assert "Someone else changed this involvement" in stale_add.content.decode()
    assert not InvolvementWorker.objects.exists()
    assert _add(client, jack_case, bob.pk, version=2).status_code == 302
    link = InvolvementWorker.objects.get()
    stale_end = client.post(f"/secondary-workers/{link.pk}/end",
                            {"end_date": "17/11/2026", "version": 2})
    assert stale_end.status_code == 409
    assert 'value="17/11/2026"' in stale_end.content.decode()  # the input is kept
    link.refresh_from_db()
    assert link.end_date is None


def test_a_social_worker_without_casework_allocate_gets_403(as_user, social_worker, bea, bob,
                                                           team_manager, jack_case,
                                                           fletchers):
    link = InvolvementWorker.objects.create(involvement=jack_case, worker=bob,
                                            role="building_bridges",
                                            start_date=date(2026, 11, 10))
    client = as_user(social_worker)
    for url in (f"/involvements/{jack_case.pk}/reallocate",
                f"/involvements/{jack_case.pk}/secondary-workers/new",
                f"/secondary-workers/{link.pk}/end"):
        assert client.get(url).status_code == 403
        assert client.post(url, {"worker": bea.pk, "reason": "x", "role": "co_worker",
                                 "version": 1}).status_code == 403
    jack_case.refresh_from_db()
    link.refresh_from_db()
    assert jack_case.worker == social_worker and link.end_date is None
    assert InvolvementWorker.objects.count() == 1
    family = client.get(f"/people/{fletchers['jack'].pk}/family").content.decode()
    assert "/reallocate" not in family and "/secondary-workers/" not in family


def test_another_teams_manager_gets_404(as_user, south, bob, jack_case):
    link = InvolvementWorker.objects.create(involvement=jack_case, worker=bob,
                                            role="building_bridges",
                                            start_date=date(2026, 11, 10))
    tom = make_user("tom", Role.TEAM_MANAGER, team=south)
    client = as_user(tom)
    assert client.get(f"/involvements/{jack_case.pk}/reallocate").status_code == 404
    assert client.get(f"/involvements/{jack_case.pk}/secondary-workers/new").status_code == 404
    assert client.post(f"/secondary-workers/{link.pk}/end",
                       {"end_date": "", "version": 1}).status_code == 404
    assert client.get("/secondary-workers/99999/end").status_code == 404
    link.refresh_from_db()
    assert link.end_date is None
