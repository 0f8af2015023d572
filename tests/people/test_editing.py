"""No lost updates: two editors, one loses with a clear message and nothing is lost."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from hearth.core.refusals import StaleEdit
from hearth.people import actions
from hearth.people.models import Person

FORM = {"given_name": "Jack", "family_name": "Fletcher", "date_of_birth": "14/09/2016",
        "sex": "M", "ethnicity": "WBRI"}


@pytest.mark.django_db
def test_tina_and_sam_edit_at_once_and_tinas_change_is_kept(fletchers, social_worker,
                                                             team_manager, as_user):
    jack = fletchers["jack"]
    url = reverse("web:person_edit", args=[jack.pk])
    sam, tina = as_user(social_worker), as_user(team_manager)
    assert b'name="version" value="1"' in sam.get(url).content
    assert tina.get(url).status_code == 200
    assert tina.post(url, {**FORM, "first_language": "Polish", "version": "1"}).status_code == 302
    lost = sam.post(url, {**FORM, "first_language": "English", "version": "1"})
    assert lost.status_code == 409
    assert b"Someone else changed this record" in lost.content
    assert b'value="English"' in lost.content  # Sam's input is still in the form
    jack.refresh_from_db()
    assert jack.first_language == "Polish" and jack.version == 2


@pytest.mark.django_db
def test_saving_again_after_losing_a_race_keeps_both_changes(fletchers, social_worker,
                                                             team_manager, as_user):
    """Tina sets Jack's language while Sam adds his literacy needs: Sam's second save must
    not put the language back (practice 7: nothing lost)."""
    jack = fletchers["jack"]
    url = reverse("web:person_edit", args=[jack.pk])
    sam, tina = as_user(social_worker), as_user(team_manager)
    opened = sam.get(url).content.decode()
    original = opened.split('name="original" value="')[1].split('"')[0].replace("&quot;", '"')
    tina_page = tina.get(url).content.decode()
    tina_original = tina_page.split('name="original" value="')[1].split('"')[0]
    tina.post(url, {**FORM, "first_language": "Welsh", "version": "1",
                    "original": tina_original.replace("&quot;", '"')})
    lost = sam.post(url, {**FORM, "literacy_needs": "Reads with support", "version": "1",
                          "original": original})
    assert lost.status_code == 409
    page = lost.content.decode()
    assert "They changed: First language." in page
    assert 'value="Welsh"' in page and 'value="Reads with support"' in page
    assert 'name="version" value="2"' in page
    fresh = page.split('name="original" value="')[1].split('"')[0].replace("&quot;", '"')
    again = sam.post(url, {**FORM, "first_language": "Welsh", "literacy_needs":
                           "Reads with support", "version": "2", "original": fresh})
    assert again.status_code == 302
    jack.refresh_from_db()
    assert jack.first_language == "Welsh" and jack.literacy_needs == "Reads with support"


@pytest.mark.django_db
def test_a_malformed_date_names_the_field_and_saves_nothing(fletchers, social_worker, as_user):
    jack = fletchers["jack"]
    page = as_user(social_worker).post(reverse("web:person_edit", args=[jack.pk]),
                                       {**FORM, "date_of_birth": "31/02/2016", "version": "1"})
    assert page.status_code == 400
    assert b"Date of birth must be a real date" in page.content
    jack.refresh_from_db()
    assert jack.version == 1


@pytest.mark.django_db
def test_a_future_date_of_birth_is_refused(social_worker, as_user):
    page = as_user(social_worker).post(reverse("web:person_create"),
                                       {**FORM, "date_of_birth": "01/01/2099"})
    assert page.status_code == 400
    assert b"expected date of birth" in page.content
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_creating_a_person_shows_likely_duplicates_first_R_PPL_2(fletchers, front_door,
                                                                 as_user):
    client = as_user(front_door)
    first = client.post(reverse("web:person_create"), FORM)
    assert first.status_code == 200
    assert b"This person may already have a record" in first.content
    assert str(fletchers["jack"].pk).encode() in first.content
    assert Person.objects.count() == 3
    confirmed = client.post(reverse("web:person_create"), {**FORM, "confirmed_new": "1"})
    assert confirmed.status_code == 302
    assert Person.objects.filter(given_name="Jack").count() == 2


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_saves_one_wins_one_is_told(social_worker, team_manager):
    """Real concurrency: both read version 1 and save together; exactly one succeeds."""
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        from django.conf import settings as s

        assert s.DATABASES["default"]["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    person = actions.do_create_person(acting_user=social_worker, given_name="Lily",
                                      family_name="Shore", date_of_birth=date(2020, 2, 2))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def save(user, language):
        from django.db import connections

        try:
            barrier.wait()
            actions.do_update_person(person, acting_user=user, expected_version=1,
                                     first_language=language)
            outcomes.append("saved")
        except StaleEdit:
            outcomes.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(u, lang))
               for u, lang in ((social_worker, "Welsh"), (team_manager, "Somali"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(outcomes) == ["saved", "stale"]
    person.refresh_from_db()
    assert person.version == 2 and person.first_language in {"Welsh", "Somali"}


@pytest.mark.django_db
def test_sam_records_jacks_stepfather_with_parental_responsibility_R_PPL_1(
        fletchers, social_worker, outsider, as_user):
    from hearth.people.models import Relationship

    client = as_user(social_worker)
    jack = fletchers["jack"]
    dean = actions.do_create_person(acting_user=social_worker, given_name="Dean",
                                    family_name="Marsh", date_of_birth=date(1985, 6, 1))
    stranger = actions.do_create_person(acting_user=outsider, given_name="Vic",
                                        family_name="Stone")
    url = reverse("web:person_relationship", args=[jack.pk])
    assert client.get(url).status_code == 200
    found = client.post(url, {"step": "find", "name": "Dean Marsh"})
    assert str(dean.pk).encode() in found.content
    added = client.post(url, {"step": "add", "relative": str(dean.pk),
                              "kind": "step_parent", "parental_responsibility": "on"})
    assert added.status_code == 302
    link = Relationship.objects.get(person=dean, relative=jack)
    assert link.kind == "step_parent" and link.parental_responsibility
    hidden = client.post(url, {"step": "add", "relative": str(stranger.pk), "kind": "other"})
    assert hidden.status_code == 404  # Sam may not see Vic's record, so cannot link it


@pytest.mark.django_db
def test_a_stepfather_moves_in_and_out_of_the_household_as_history_R_PPL_3(
        fletchers, social_worker, as_user):
    from hearth.people.models import HouseholdMembership

    client = as_user(social_worker)
    mum, jack = fletchers["mum"], fletchers["jack"]
    url = reverse("web:person_household", args=[mum.pk])
    missing = client.post(url, {"action": "join", "household": "new", "start_date": "1/1/2024"})
    assert missing.status_code == 400 and b"Enter a name for the new household" in missing.content
    client.post(url, {"action": "join", "household": "new", "name": "Fletcher household",
                      "start_date": "1/1/2024"})
    home = HouseholdMembership.objects.get(person=mum).household
    # Jack's page offers his mother's household.
    page = client.get(reverse("web:person_household", args=[jack.pk]))
    assert b"Fletcher household" in page.content
    client.post(reverse("web:person_household", args=[jack.pk]),
                {"action": "join", "household": str(home.pk), "start_date": "1/1/2024"})
    dean = actions.do_create_person(acting_user=social_worker, given_name="Dean",
                                    family_name="Marsh")
    dean_url = reverse("web:person_household", args=[dean.pk])
    client.post(dean_url, {"action": "join", "household": "new", "name": "Marsh",
                           "start_date": "1/3/2025"})
    stay = HouseholdMembership.objects.get(person=dean)
    before_joining = client.post(dean_url, {"action": "leave", "membership": stay.pk,
                                            "end_date": "1/1/2025"})
    assert before_joining.status_code == 400
    client.post(dean_url, {"action": "leave", "membership": stay.pk, "end_date": "1/9/2025"})
    stay.refresh_from_db()
    assert stay.end_date == date(2025, 9, 1)  # kept as history, not deleted
    assert HouseholdMembership.objects.filter(household=home).count() == 2
    record = client.get(reverse("web:person", args=[jack.pk]))
    assert b"Fletcher household" in record.content
