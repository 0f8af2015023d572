"""Duplicates from the API (issue 13 item 11, R-PPL-2): posting the same person twice runs the
page's duplicate check. A likely duplicate answers 409 naming the matches the caller may see,
and only saying that one exists outside their access; ``checked_duplicates: true`` creates the
person and the audit trail records the confirmation."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.people.models import Person

pytestmark = [pytest.mark.django_db]

KERRY_AGAIN = {"given_name": "Kerry", "family_name": "Fletcher", "date_of_birth": "1990-04-02",
               "sex": "F"}


def post_person(client, user, body: dict, **headers):
    headers["Authorization"] = f"Bearer {do_create_token(user)}"
    return client.post("/api/v1/people", json.dumps(body), content_type="application/json",
                       headers=headers)


def test_sam_posts_the_fletcher_mother_again_and_is_told_of_kerry_issue_13_item_11(
        client, social_worker, fletchers):
    kerry = fletchers["mum"]
    before = Person.objects.count()
    response = post_person(client, social_worker, KERRY_AGAIN)
    assert response.status_code == 409
    body = response.json()
    assert "Kerry Fletcher (born 2 April 1990)" in body["detail"]
    assert '"checked_duplicates": true' in body["detail"]
    assert [m["id"] for m in body["likely_duplicates"]] == [str(kerry.pk)]
    assert body["likely_duplicates"][0]["display_name"] == "Kerry Fletcher"
    assert "exact name" in body["likely_duplicates"][0]["reasons"]
    assert body["outside_your_access"] is False
    assert Person.objects.count() == before  # nothing written
    assert not AuditEntry.objects.filter(action="create", username="sam",
                                         fields__given_name="Kerry").exclude(
        object_id=str(kerry.pk)).exists()
    # What the check showed Sam is a read of Kerry, audited.
    check = AuditEntry.objects.get(action="duplicate_check", username="sam")
    assert check.fields == {"people": [str(kerry.pk)], "outside_access": []}


def test_with_the_flag_sam_creates_her_and_the_audit_records_he_checked_issue_13_item_11(
        client, social_worker, fletchers):
    response = post_person(client, social_worker, {**KERRY_AGAIN, "checked_duplicates": True})
    assert response.status_code == 201, response.content
    created = Person.objects.get(pk=response.json()["id"])
    assert created != fletchers["mum"] and created.display_name == "Kerry Fletcher"
    row = AuditEntry.objects.get(action="create", object_id=str(created.pk))
    assert row.username == "sam"
    assert row.fields["checked_duplicates"] is True
    assert row.fields["possible_duplicates"] == [str(fletchers["mum"].pk)]
    assert row.fields["possible_duplicates_outside_access"] == 0
    assert "checked_duplicates" not in {f.name for f in Person._meta.fields}


def test_olly_who_cannot_see_the_fletchers_gets_a_409_naming_nobody_issue_13_item_11(
        client, outsider, fletchers):
    kerry = fletchers["mum"]
    response = post_person(client, outsider, KERRY_AGAIN)
    assert response.status_code == 409
    body = response.json()
    assert body["likely_duplicates"] == [] and body["outside_your_access"] is True
    assert "outside your access" in body["detail"]
    assert "front door" in body["detail"]
    for leak in (b"Kerry", b"1990", str(kerry.pk).encode()):
        assert leak not in response.content
    check = AuditEntry.objects.get(action="duplicate_check", username="olly")
    assert check.fields == {"people": [], "outside_access": [str(kerry.pk)]}
    # Asked and told it is not her, Olly confirms: the record is created.
    confirmed = post_person(client, outsider, {**KERRY_AGAIN, "checked_duplicates": True})
    assert confirmed.status_code == 201
    row = AuditEntry.objects.get(action="create", object_id=confirmed.json()["id"])
    assert row.fields["possible_duplicates"] == []
    assert row.fields["possible_duplicates_outside_access"] == 1


def test_a_person_with_no_likely_duplicate_is_created_without_the_flag_issue_13_item_11(
        client, social_worker, fletchers):
    response = post_person(client, social_worker, {"given_name": "Priya",
                                                   "family_name": "Okonkwo-Hale"})
    assert response.status_code == 201
    row = AuditEntry.objects.get(action="create", object_id=response.json()["id"])
    assert "checked_duplicates" not in row.fields


def test_the_page_runs_the_same_check_and_tells_olly_of_a_match_outside_his_access(
        client, outsider, fletchers, as_user):
    page = as_user(outsider)
    form = {"given_name": "Kerry", "family_name": "Fletcher", "date_of_birth": "2/4/1990",
            "sex": "F", "ethnicity": "WBRI"}
    first = page.post(reverse("web:person_create"), form)
    assert first.status_code == 200
    assert b"outside your access" in first.content
    assert b"possible-duplicates" not in first.content  # no table of names he may not see
    assert str(fletchers["mum"].pk).encode() not in first.content
    before = Person.objects.count()
    confirmed = page.post(reverse("web:person_create"), {**form, "confirmed_new": "1"})
    assert confirmed.status_code == 302
    assert Person.objects.count() == before + 1
    row = AuditEntry.objects.filter(action="create", username="olly").get()
    assert row.fields["checked_duplicates"] is True


def test_the_openapi_document_names_the_flag_and_the_409(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/people"]["post"]
    assert "409" in operation["responses"]
    components = schema["components"]["schemas"]
    assert "checked_duplicates" in components["PersonIn"]["properties"]
    assert {"likely_duplicates", "outside_your_access"} <= set(
        components["DuplicatesProblem"]["properties"])
