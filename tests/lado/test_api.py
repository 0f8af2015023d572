"""``/api/v1/lado``: partners' and employers' systems notify the LADO (R-LADO-2) and get back
only the reference; the LADO service reads its queue and its matters (ETag) and records an
outcome (If-Match); bad input is 422 naming the field, and nothing is written."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from hearth.access.actions.users import do_create_token
from hearth.lado.actions import matters as actions
from hearth.lado.models import Matter
from tests.lado.conftest import NOW

pytestmark = pytest.mark.django_db

BODY = {
    "notifier_name": "Amira Shah", "notifier_role": "Headteacher",
    "notifier_organisation": "Northam Primary School", "notifier_contact": "023 8000 0000",
    "designated_safeguarding_lead": "Amira Shah", "incident_on": "2026-11-16",
    "concern_shared_at": "2026-11-16T15:30:00+00:00",
    "subject": {"given_name": "Mark", "family_name": "Benson", "date_of_birth": "1985-03-02",
                "employer": "Northam Primary School", "role": "Class teacher",
                "sector": "education"},
    "setting": "workplace", "allegation": "Jack says Mr Benson grabbed his arm.",
    "children": [{"given_name": "Jack", "family_name": "Fletcher",
                  "date_of_birth": "2016-09-14"}],
}


def client_for(user, scope: str = "write") -> Client:
    return Client(headers={"Authorization": f"Bearer {do_create_token(user, scope=scope)}"})


def post(client, body):
    return client.post("/api/v1/lado/matters", json.dumps(body),
                       content_type="application/json")


def test_a_schools_system_notifies_through_a_partner_token_and_gets_only_the_reference(
        police_partner, lado_officer):
    response = post(client_for(police_partner), BODY)
    assert response.status_code == 201, response.content
    body = response.json()
    matter = Matter.objects.get()
    assert body == {"reference": matter.reference, "id": None,
                    "notified_at": "2026-11-17T11:00:00Z", "late_notification": False,
                    "notification_due": "2026-11-17T15:30:00Z",
                    "response_due": "2026-11-18T11:00:00Z"}
    assert matter.origin == "notification" and matter.dsl_name == "Amira Shah"
    assert client_for(police_partner).get("/api/v1/lado/matters").status_code == 403
    assert client_for(police_partner).get(
        f"/api/v1/lado/matters/{matter.pk}").status_code == 403


def test_the_front_door_names_jack_by_his_record(front_door, fletchers):
    body = {**BODY, "children": [{"person_id": str(fletchers["jack"].pk)}]}
    assert post(client_for(front_door), body).status_code == 201
    assert Matter.objects.get().children.get().person == fletchers["jack"]


@pytest.mark.parametrize(("change", "field"), [
    ({"subject": {**BODY["subject"], "sector": "banking"}}, "subject.sector"),
    ({"allegation": None}, "allegation"),
    ({"concern_shared_at": "16/11/2026 15:30"}, "concern_shared_at"),
    ({"concern_shared_at": "2026-11-16T15:30:00"}, "concern_shared_at"),
    ({"incident_on": "2026-13-01"}, "incident_on"),
    ({"notified_at": "2026-11-15T09:00:00+00:00"}, "notified_at"),
    ({"incident_on": "2026-11-18"}, "incident_on"),
    ({"children": []}, "children"),
    ({"children": [{"given_name": "Jack"}]}, "children.0.family_name"),
    ({"subject": {**BODY["subject"], "given_name": " "}}, "subject.given_name"),
    ({"setting": "online"}, "setting"),
])
def test_bad_input_is_422_naming_the_field_and_nothing_is_written(front_door, change, field):
    body = {k: v for k, v in {**BODY, **change}.items() if v is not None}
    response = post(client_for(front_door), body)
    assert response.status_code == 422, response.content
    fields = [e["field"] for e in response.json()["errors"]]
    assert any(f == field or f.endswith(field) for f in fields), response.json()
    assert not Matter.objects.exists()


def test_a_child_the_notifier_cannot_see_is_422(police_partner, fletchers):
    body = {**BODY, "children": [{"person_id": str(fletchers["jack"].pk)}]}
    response = post(client_for(police_partner), body)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "children.0.person_id"


def test_the_lado_reads_her_queue_and_a_matter_with_its_etag(lado_officer, lado_manager,
                                                             other_manager, jacks_matter):
    queue = client_for(lado_officer, "read").get("/api/v1/lado/matters").json()
    assert queue["total"] == 1 and queue["matters"][0]["reference"] == jacks_matter.reference
    assert queue["matters"][0]["stage"] == "new"
    assert client_for(other_manager, "read").get("/api/v1/lado/matters").json()["total"] == 0
    response = client_for(lado_manager, "read").get(f"/api/v1/lado/matters/{jacks_matter.pk}")
    assert response.status_code == 200
    assert response["ETag"] == f'"matter-{jacks_matter.pk}-v1"'
    body = response.json()
    assert body["children"][0]["given_name"] == "Jack" and body["criteria"] == []
    assert body["designated_safeguarding_lead"] == "Amira Shah"


def test_r_lado_4_the_outcome_needs_if_match_and_a_date_after_the_notification(
        lado_officer, jacks_matter):
    client = client_for(lado_officer)
    url = f"/api/v1/lado/matters/{jacks_matter.pk}/outcome"
    body = json.dumps({"outcome": "unfounded", "outcome_on": "2026-11-17"})

    def put(data=body, **headers):
        return client.put(url, data, content_type="application/json", headers=headers)

    assert put().status_code == 428
    assert put(**{"If-Match": '"matter-1-v9"'}).status_code == 412
    etag = f'"matter-{jacks_matter.pk}-v1"'
    assert put(**{"If-Match": etag}).status_code == 409  # the criteria are not decided
    actions.do_record_criteria(jacks_matter, acting_user=lado_officer, expected_version=1,
                               criteria=["harm"])
    etag = f'"matter-{jacks_matter.pk}-v2"'
    early = put(json.dumps({"outcome": "unfounded", "outcome_on": "2026-11-16"}),
                **{"If-Match": etag})
    assert early.status_code == 422
    assert early.json()["errors"][0]["field"] == "outcome_on"
    unknown = put(json.dumps({"outcome": "proven", "outcome_on": "2026-11-17"}),
                  **{"If-Match": etag})
    assert unknown.status_code == 422
    done = put(**{"If-Match": etag})
    assert done.status_code == 200 and done.json()["outcome"] == "unfounded"
    assert done["ETag"] == f'"matter-{jacks_matter.pk}-v3"'


def test_the_routes_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"post", "get"} <= set(paths["/api/v1/lado/matters"])
    assert "get" in paths["/api/v1/lado/matters/{lado_matter_id}"]
    assert "put" in paths["/api/v1/lado/matters/{lado_matter_id}/outcome"]


def test_notified_at_defaults_to_now_and_a_late_notification_is_flagged(front_door):
    body = {**BODY, "concern_shared_at": "2026-11-14T09:00:00+00:00",
            "incident_on": "2026-11-14"}
    response = post(client_for(front_door), body)
    assert response.json()["late_notification"] is True
    assert Matter.objects.get().notified_at == NOW
