"""Every page renders for the people who use it."""

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_sam_sees_his_allocated_children_on_his_home_page(as_user, social_worker, fletchers):
    page = as_user(social_worker).get(reverse("web:home"))
    assert page.status_code == 200
    assert b"Jack Fletcher" in page.content and b"Amy Fletcher" in page.content


@pytest.mark.django_db
def test_sam_opens_jacks_record_and_edits_it(as_user, social_worker, fletchers):
    client = as_user(social_worker)
    jack = fletchers["jack"]
    page = client.get(reverse("web:person", args=[jack.pk]))
    assert page.status_code == 200
    assert b"Kerry Fletcher" in page.content
    assert page["Cache-Control"] == "no-store"
    page = client.get(reverse("web:person_edit", args=[jack.pk]))
    assert page.status_code == 200
    data = {"given_name": "Jack", "family_name": "Fletcher", "date_of_birth": "14/09/2016",
            "sex": "M", "ethnicity": "WBRI", "first_language": "English", "version": "1"}
    page = client.post(reverse("web:person_edit", args=[jack.pk]), data)
    assert page.status_code == 302, page.content.decode()[:2000]
    jack.refresh_from_db()
    assert jack.first_language == "English" and jack.version == 2


@pytest.mark.django_db
def test_pages_for_each_role_render(as_user, team_manager, front_door, police_partner,
                                    administrator, fletchers):
    for user in (team_manager, front_door, police_partner, administrator):
        assert as_user(user).get(reverse("web:home")).status_code == 200
    client = as_user(front_door)
    assert client.get(reverse("web:search")).status_code == 200
    assert client.get(reverse("web:person_create")).status_code == 200
    assert client.get(reverse("web:person_merge", args=[fletchers["jack"].pk])).status_code == 200
    admin = as_user(administrator)
    for name in ("web:users", "web:teams", "web:merges", "web:user_add"):
        assert admin.get(reverse(name)).status_code == 200, name
    assert as_user(team_manager).get(
        reverse("web:access_log", args=[fletchers["jack"].pk])).status_code == 200


@pytest.mark.django_db
def test_a_malformed_date_of_birth_in_search_is_shown_on_its_field(as_user, front_door):
    page = as_user(front_door).post(reverse("web:search"), {"name": "Jack", "dob": "31/31/2016"})
    assert page.status_code == 400
    assert b'id="id_dob-error"' in page.content


@pytest.mark.django_db
def test_sam_records_a_move_and_an_alias_for_jack_R_PPL_3(as_user, social_worker, fletchers):
    from hearth.people.models import PersonAddress, PersonName

    client = as_user(social_worker)
    jack = fletchers["jack"]
    url = reverse("web:person_address", args=[jack.pk])
    assert client.post(url, {"line1": "", "start_date": "1/1/2024"}).status_code == 400
    client.post(url, {"line1": "4 Mill Lane", "postcode": "so14 2ab", "start_date": "1/1/2024"})
    client.post(url, {"line1": "9 Dock Road", "postcode": "SO15 1AA", "start_date": "1/6/2026"})
    first, latest = PersonAddress.objects.filter(person=jack).order_by("start_date")
    assert first.end_date == latest.start_date and latest.end_date is None  # a dated history
    named = client.post(reverse("web:person_name", args=[jack.pk]),
                        {"kind": "alias", "given_name": "Jackie", "family_name": ""})
    assert named.status_code == 302
    assert PersonName.objects.filter(person=jack, given_name="Jackie").exists()
