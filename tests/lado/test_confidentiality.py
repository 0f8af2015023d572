"""R-LADO-3: LADO records are seen only by the LADO service and its service manager; a child's
record shows only that a LADO matter exists and which LADO to contact; the accused person's
own record never shows the children; every read of a matter is audited."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.chronology.models import Event
from hearth.core.status import statuses_for
from hearth.lado.actions import children as child_actions
from hearth.lado.actions import matters as actions
from hearth.lado.actions.notifications import do_record_notification
from hearth.lado.models import Matter
from hearth.lado.queries.markers import household_marker
from hearth.lado.rules.children import ChildLine
from hearth.people import actions as people
from hearth.people.models import Person
from tests.lado.conftest import SCHOOL

pytestmark = pytest.mark.django_db

SECRETS = ("Benson", "grabbed", "Northam Primary School", "Class teacher")


def test_r_lado_3_only_the_lado_and_their_service_manager_see_matters(
        jacks_matter, lado_officer, lado_manager, other_manager, social_worker, team_manager,
        front_door, police_partner):
    for user in (lado_officer, lado_manager):
        assert list(Matter.objects.visible_to(user)) == [jacks_matter]
    for user in (other_manager, social_worker, team_manager, front_door, police_partner):
        assert not Matter.objects.visible_to(user).exists()


def test_r_lado_3_everyone_else_gets_404_for_a_matter(jacks_matter, as_user, lado_officer,
                                                       lado_manager, other_manager):
    url = f"/lado/matters/{jacks_matter.pk}"
    assert as_user(lado_officer).get(url).status_code == 200
    assert as_user(lado_manager).get(url).status_code == 200
    assert as_user(other_manager).get(url).status_code == 404
    assert as_user(other_manager).get("/lado").status_code == 403
    api = Client().get(f"/api/v1/lado/matters/{jacks_matter.pk}", headers={
        "Authorization": f"Bearer {do_create_token(other_manager)}"})
    assert api.status_code == 404


def test_r_lado_3_sams_view_of_jack_shows_only_the_marker_and_the_lado_to_contact(
        jacks_matter, lado_officer, social_worker, fletchers, as_user):
    jack = fletchers["jack"]
    actions.do_respond(jacks_matter, acting_user=lado_officer, expected_version=1,
                       responded_at=jacks_matter.notified_at, response="Advice given")
    page = as_user(social_worker).get(f"/people/{jack.pk}").content.decode()
    assert "A LADO matter concerns this child — contact Lara Officer (LADO)" in page
    assert "lara@example.org" in page
    assert f"/lado/matters/{jacks_matter.pk}" not in page
    for secret in SECRETS:
        assert secret not in page
    glance = statuses_for(Person.objects.get(pk=jack.pk), social_worker).statuses
    assert [(s.label, s.detail, s.link) for s in glance if s.key == "lado_matter"] == [
        ("LADO matter", "A LADO matter concerns this child — contact Lara Officer (LADO)", "")]


def test_r_lado_3_before_an_officer_takes_it_the_marker_names_the_lado_service(
        jacks_matter, social_worker, fletchers, as_user):
    page = as_user(social_worker).get(f"/people/{fletchers['jack'].pk}").content.decode()
    assert "A LADO matter concerns this child — contact the LADO service" in page


def test_r_lado_3_the_lado_gets_a_link_to_the_matter_on_the_childs_record(
        jacks_matter, lado_officer, fletchers, as_user):
    page = as_user(lado_officer).get(f"/people/{fletchers['jack'].pk}")
    assert page.status_code == 200  # the LADO reaches the children of its matters
    assert f"/lado/matters/{jacks_matter.pk}" in page.content.decode()


def test_r_lado_3_the_lado_reaches_only_the_children_linked_to_its_matters(
        record, lado_officer, fletchers, as_user):
    matter = record()
    client = as_user(lado_officer)
    assert client.get(f"/people/{fletchers['jack'].pk}").status_code == 404
    child_actions.do_link_child(matter.children.get(), fletchers["jack"],
                                acting_user=lado_officer, expected_version=1)
    assert client.get(f"/people/{fletchers['jack'].pk}").status_code == 200
    assert client.get(f"/people/{fletchers['amy'].pk}").status_code == 404


def test_r_lado_3_the_chronology_has_a_marker_only(jacks_matter, lado_officer, fletchers):
    events = list(Event.objects.filter(person=fletchers["jack"], origin="lado_matter_child"))
    assert [(e.summary, e.source_agency) for e in events] == [
        ("A LADO matter concerns this child — contact the LADO service.", "LADO service")]
    actions.do_record_criteria(jacks_matter, acting_user=lado_officer, expected_version=1,
                               criteria=["harm"])
    event = Event.objects.get(person=fletchers["jack"], origin="lado_matter_child")
    assert event.summary == "A LADO matter concerns this child — contact Lara Officer (LADO)."
    assert not any(secret in event.summary for secret in SECRETS)


def test_r_lado_3_the_accused_persons_own_record_shows_nothing_of_the_children(
        front_door, social_worker, fletchers, as_user, lado_officer):
    mark = people.do_create_person(acting_user=front_door, given_name="Mark",
                                   family_name="Benson", date_of_birth=date(1985, 3, 2))
    matter = do_record_notification(
        acting_user=front_door, origin="notification", notification=SCHOOL,
        children=[ChildLine(person_id=fletchers["jack"].pk)], subject_person_id=mark.pk)
    assert matter.subject_person == mark
    page = as_user(front_door).get(f"/people/{mark.pk}").content.decode()
    assert "LADO" not in page and "Jack" not in page
    assert not Event.objects.filter(person=mark).filter(origin__startswith="lado").exists()
    # The hook for fostering (R-FOS-5): a household's adults give the marker, no child.
    marker = household_marker([mark.pk])
    assert marker is not None and "Jack" not in marker.sentence
    assert marker.sentence == ("A LADO matter concerns someone in this household — contact "
                               "the LADO service.")
    assert household_marker([fletchers["mum"].pk]) is None


def test_r_lado_3_every_read_of_a_matter_is_audited_off_the_childs_access_log(
        jacks_matter, lado_officer, lado_manager, fletchers, as_user):
    as_user(lado_manager).get(f"/lado/matters/{jacks_matter.pk}")
    row = AuditEntry.objects.get(action="view_lado_matter")
    assert row.username == "sian" and row.object_type == "lado.matter"
    assert row.fields["people"] == [str(fletchers["jack"].pk)]
    assert not AuditEntry.objects.filter(object_type="people.person",
                                         object_id=str(fletchers["jack"].pk),
                                         username="sian").exists()
    Client().get(f"/api/v1/lado/matters/{jacks_matter.pk}", headers={
        "Authorization": f"Bearer {do_create_token(lado_officer)}"})
    assert AuditEntry.objects.filter(action="api_view_lado_matter", username="lara").exists()


def test_r_lado_3_the_marker_costs_the_same_query_whether_there_is_one_or_not(
        jacks_matter, social_worker, fletchers, as_user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = as_user(social_worker)
    url = f"/people/{fletchers['jack'].pk}"
    client.get(url)
    with CaptureQueriesContext(connection) as with_marker:
        client.get(url)
    amy = f"/people/{fletchers['amy'].pk}"
    client.get(amy)
    with CaptureQueriesContext(connection) as without:
        client.get(amy)
    assert len(with_marker) == len(without)
    assert not [q for q in with_marker.captured_queries if "lado_matter\"" in q["sql"]
                and "lado_matterchild" not in q["sql"]]
