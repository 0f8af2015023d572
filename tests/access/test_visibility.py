"""Who may see what: decided in one place, and a record you may not see answers 404."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from hearth.casework.models import Involvement
from hearth.people import actions
from hearth.people.models import Person
from hearth.people.queries.visibility import can_see, could_break_glass


@pytest.mark.django_db
def test_sam_sees_the_children_he_works_with_and_their_mother(social_worker, fletchers):
    visible = set(Person.objects.visible_to(social_worker))
    assert visible == {fletchers["mum"], fletchers["jack"], fletchers["amy"]}


@pytest.mark.django_db
def test_whoever_entered_a_record_can_still_open_it(outsider):
    vic = actions.do_create_person(acting_user=outsider, given_name="Vic", family_name="Stone")
    assert can_see(outsider, vic)


@pytest.mark.django_db
def test_tina_sees_her_teams_cases(team_manager, fletchers):
    assert can_see(team_manager, fletchers["jack"])
    assert can_see(team_manager, fletchers["mum"])


@pytest.mark.django_db
def test_a_colleague_in_sams_team_sees_the_teams_cases(north, fletchers):
    from tests.conftest import make_user

    colleague = make_user("cleo", "social_worker", team=north)
    assert can_see(colleague, fletchers["amy"])


@pytest.mark.django_db
def test_the_outsider_sees_nothing_of_the_fletchers(outsider, fletchers, as_user):
    assert Person.objects.visible_to(outsider).count() == 0
    page = as_user(outsider).get(reverse("web:person", args=[fletchers["jack"].pk]))
    assert page.status_code == 404  # not 403: the record's existence does not leak


@pytest.mark.django_db
def test_a_closed_involvement_no_longer_gives_sight(team_manager, social_worker, fletchers):
    assert Person.objects.visible_to(team_manager).count() == 3
    Involvement.objects.filter(worker=social_worker).update(status="closed",
                                                            closed_on=date(2026, 11, 1))
    assert Person.objects.visible_to(team_manager).count() == 0


@pytest.mark.django_db
def test_front_door_staff_can_find_any_unrestricted_record(front_door, fletchers):
    """R-FD-3: the front door searches for existing records of everyone a caller names."""
    assert Person.objects.visible_to(front_door).count() == 3


@pytest.mark.django_db
def test_the_administrator_never_reads_casework(administrator, fletchers, as_user):
    assert Person.objects.visible_to(administrator).count() == 0
    assert as_user(administrator).get(
        reverse("web:person", args=[fletchers["jack"].pk])).status_code == 403


@pytest.mark.django_db
def test_pat_sees_only_what_was_shared_with_the_police(police_partner, social_worker, fletchers,
                                                       police):
    """R-MASH-4: a partner sees only what has been shared with their agency."""
    assert Person.objects.visible_to(police_partner).count() == 0
    actions.do_share_with_agency(fletchers["mum"], acting_user=social_worker, agency=police,
                                 reason="MASH information request")
    assert list(Person.objects.visible_to(police_partner)) == [fletchers["mum"]]


@pytest.fixture
def staff_child(north, front_door):
    """A child of a member of staff, recorded by Fran at the front door as restricted, with
    Sam's team involved but no worker allocated yet."""
    child = actions.do_create_person(acting_user=front_door, given_name="Rosa",
                                     family_name="Quill", date_of_birth=date(2015, 3, 3),
                                     restricted=True)
    Involvement.objects.create(person=child, team=north, worker=None, opened_on=date(2026, 9, 1))
    return child


@pytest.mark.django_db
def test_a_restricted_record_is_seen_only_by_its_named_users(staff_child, social_worker,
                                                             team_manager, front_door):
    from hearth.people.models import RestrictedAccess

    assert can_see(front_door, staff_child)  # she restricted it, so she is named on it
    for user in (social_worker, team_manager):
        assert not can_see(user, staff_child)
    RestrictedAccess.objects.create(person=staff_child, user=team_manager)
    assert can_see(team_manager, staff_child)
    assert not can_see(social_worker, staff_child)


@pytest.mark.django_db
def test_sam_breaks_the_glass_with_a_reason_and_tina_is_told(staff_child, social_worker,
                                                             team_manager, as_user):
    from hearth.access.models import AuditEntry

    client = as_user(social_worker)
    url = reverse("web:person", args=[staff_child.pk])
    assert client.get(url)["Location"] == reverse("web:break_glass", args=[staff_child.pk])
    short = client.post(reverse("web:break_glass", args=[staff_child.pk]), {"reason": "need"})
    assert short.status_code == 400
    assert not can_see(social_worker, staff_child)

    done = client.post(reverse("web:break_glass", args=[staff_child.pk]),
                       {"reason": "Police called about Rosa tonight; checking for history"})
    assert done.status_code == 302
    assert client.get(url).status_code == 200
    entry = AuditEntry.objects.filter(action="break_glass").get()
    assert entry.username == "sam" and "Police called" in entry.reason
    note = team_manager.notifications.get()
    assert "broke the glass" in note.subject
    # Tina follows the link in her notification to review it, without seeing the record.
    log = as_user(team_manager).get(note.link)
    assert log.status_code == 200
    assert b"Broke the glass" in log.content and b"Police called" in log.content
    assert b"Quill" not in log.content  # the record itself stays closed to her


@pytest.mark.django_db
def test_break_glass_access_expires(staff_child, social_worker, time_machine):
    from django.utils import timezone

    time_machine.move_to(timezone.now(), tick=False)
    actions.do_break_glass(staff_child, acting_user=social_worker,
                           reason="Urgent call from the hospital about Rosa")
    assert can_see(social_worker, staff_child)
    time_machine.shift(61 * 60)
    assert not can_see(social_worker, staff_child)


@pytest.mark.django_db
def test_only_people_in_reach_may_break_the_glass(staff_child, outsider, administrator,
                                                  as_user):
    assert not could_break_glass(outsider, staff_child)
    assert not could_break_glass(administrator, staff_child)
    assert as_user(outsider).get(
        reverse("web:break_glass", args=[staff_child.pk])).status_code == 404


@pytest.mark.django_db
def test_search_does_not_leak_a_restricted_record(staff_child, team_manager):
    from hearth.people.queries.search import search_people

    results = search_people(team_manager, name="Rosa Quill", dob="2015-03-03")
    assert staff_child not in [m.person for m in results]


@pytest.mark.django_db
def test_tina_restricts_jacks_record_and_names_sam(team_manager, social_worker, front_door,
                                                   fletchers, as_user):
    jack = fletchers["jack"]
    client = as_user(team_manager)
    url = reverse("web:restriction", args=[jack.pk])
    assert as_user(social_worker).get(url).status_code == 403  # managers only
    missing_reason = client.post(url, {"action": "restrict", "restricted": "on"})
    assert missing_reason.status_code == 400
    client.post(url, {"action": "restrict", "restricted": "on",
                      "reason": "Jack's mother now works in the fostering team"})
    jack.refresh_from_db()
    assert jack.restricted
    assert can_see(team_manager, jack)  # the one restricting it is named
    assert not can_see(social_worker, jack) and not can_see(front_door, jack)
    unknown = client.post(url, {"action": "name", "username": "nobody"})
    assert b"Enter the username of an active Hearth user" in unknown.content
    client.post(url, {"action": "name", "username": "sam"})
    assert can_see(social_worker, jack)
    client.post(url, {"action": "unname", "user": social_worker.pk})
    assert not can_see(social_worker, jack)


@pytest.mark.django_db
def test_a_co_allocated_building_bridges_practitioner_sees_the_child_R_SVC_1(
        fletchers, team_manager, south):
    from hearth.casework.actions import do_add_secondary_worker, do_end_secondary_worker
    from tests.conftest import make_user

    bea = make_user("bea", "family_practitioner", team=south, first="Bea", last="Bridges")
    jack = fletchers["jack"]
    assert not can_see(bea, jack)
    involvement = jack.involvements.get()
    link = do_add_secondary_worker(involvement, bea, acting_user=team_manager,
                                   expected_version=involvement.version,
                                   role="building_bridges")
    assert can_see(bea, jack) and can_see(bea, fletchers["mum"])
    involvement.refresh_from_db()
    do_end_secondary_worker(link, acting_user=team_manager, expected_version=involvement.version,
                            end_date=link.start_date)
    assert not can_see(bea, jack)


# --- The front door's managers (R-FD-5) ------------------------------------------------------


@pytest.fixture
def carla(front_door):
    """The CRS team manager: she authorises the front door's decisions."""
    from tests.conftest import make_user

    return make_user("carla", "team_manager", team=front_door.team, first="Carla",
                     last="Manager")


@pytest.fixture
def ordinary_family(front_door):
    """A child and mother the front door has just met: no team works with them."""
    mum = actions.do_create_person(acting_user=front_door, given_name="Nadia",
                                   family_name="Okafor", date_of_birth=date(1992, 6, 1))
    child = actions.do_create_person(acting_user=front_door, given_name="Tobi",
                                     family_name="Okafor", date_of_birth=date(2018, 2, 9))
    actions.do_add_relationship(mum, child, acting_user=front_door, kind="mother",
                                parental_responsibility=True)
    return {"mum": mum, "child": child}


@pytest.mark.django_db
def test_a_front_door_manager_sees_what_front_door_workers_see_R_FD_5(
        carla, front_door, ordinary_family, fletchers, as_user):
    """The manager who authorises a front-door decision must see who the contact is about:
    every unrestricted person, as Fran does (R-FD-3, R-FD-5), and the child's page opens."""
    expected = set(Person.objects.visible_to(front_door))
    assert set(Person.objects.visible_to(carla)) == expected
    assert ordinary_family["child"] in expected and fletchers["jack"] in expected
    page = as_user(carla).get(reverse("web:person", args=[ordinary_family["child"].pk]))
    assert page.status_code == 200
    assert b"Tobi" in page.content


@pytest.mark.django_db
def test_the_mash_and_edt_managers_are_front_door_managers_too_R_FD_5(ordinary_family):
    """Seed 003: the MASH and the Emergency Duty Team sit within the Children's Resource
    Service; their team managers see what the front door sees. A casework team manager does
    not."""
    from hearth.access.models import Team
    from tests.conftest import make_user

    mash = Team.objects.create(name="MASH", service="mash")
    edt = Team.objects.create(name="Emergency Duty Team", service="edt")
    jigsaw = Team.objects.create(name="Jigsaw", service="jigsaw")
    for username, team, sees in (("mo", mash, True), ("ed", edt, True),
                                 ("jo", jigsaw, False)):
        manager = make_user(username, "team_manager", team=team)
        assert can_see(manager, ordinary_family["child"]) is sees, username


@pytest.mark.django_db
def test_a_restricted_record_stays_restricted_for_a_front_door_manager_R_FD_5(
        carla, staff_child, as_user):
    from hearth.people.models import RestrictedAccess

    assert not can_see(carla, staff_child)
    page = as_user(carla).get(reverse("web:person", args=[staff_child.pk]))
    assert page["Location"] == reverse("web:break_glass", args=[staff_child.pk])  # as Fran's
    RestrictedAccess.objects.create(person=staff_child, user=carla)
    assert can_see(carla, staff_child)
