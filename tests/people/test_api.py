"""The v1 API as a partner system sees it."""

from __future__ import annotations

import json

import pytest

from hearth.access.actions.users import do_create_token


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {do_create_token(user)}"}


@pytest.fixture
def api(client):
    class Api:
        def __init__(self, headers=None):
            self.headers = headers or {}

        def as_(self, user):
            return Api(bearer(user))

        def get(self, url, **extra):
            return client.get(url, headers={**self.headers, **extra})

        def send(self, method, url, body, **extra):
            return client.generic(method, url, json.dumps(body), content_type="application/json",
                                  headers={**self.headers, **extra})

    return Api()


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "audit": "ok"}


@pytest.mark.django_db
def test_openapi_document_is_published(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Hearth API"
    assert "/api/v1/people/{person_id}" in spec["paths"]


@pytest.mark.django_db
def test_without_a_token_the_api_answers_401(api, fletchers):
    response = api.get("/api/v1/people?name=Jack")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert api.get("/api/v1/people?name=Jack", Authorization="Bearer hth_forged").status_code == 401


@pytest.mark.django_db
def test_a_disabled_users_token_stops_working(api, social_worker, fletchers):
    sam = api.as_(social_worker)
    assert sam.get(f"/api/v1/people/{fletchers['jack'].pk}").status_code == 200
    social_worker.is_active = False
    social_worker.save()
    assert sam.get(f"/api/v1/people/{fletchers['jack'].pk}").status_code == 401


@pytest.mark.django_db
def test_sam_creates_a_person_and_gets_201(api, social_worker):
    response = api.as_(social_worker).send("POST", "/api/v1/people", {
        "given_name": "Maya", "family_name": "Osei", "date_of_birth": "2018-05-01",
        "sex": "F", "ethnicity": "BAFR", "disabilities": ["HEAR"], "nhs_number": "943 476 5919",
    })
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["display_name"] == "Maya Osei"
    assert body["nhs_number"] == "9434765919"
    assert body["version"] == 1


@pytest.mark.django_db
def test_bad_input_gets_422_naming_each_field_and_writes_nothing(api, social_worker):
    from hearth.access.models import AuditEntry
    from hearth.people.models import Person

    sam = api.as_(social_worker)
    before = AuditEntry.objects.count()
    response = sam.send("POST", "/api/v1/people", {
        "given_name": "", "family_name": "Osei", "date_of_birth": "2018-02-30",
        "sex": "X", "ethnicity": "ZZZZ", "disabilities": ["WINGS"], "nhs_number": "1234567890",
    })
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"given_name", "date_of_birth", "sex", "ethnicity", "disabilities",
            "nhs_number"} <= fields
    assert Person.objects.count() == 0
    assert AuditEntry.objects.count() == before


@pytest.mark.django_db
def test_malformed_json_is_a_clear_error_not_a_500(api, social_worker, client):
    response = client.generic("POST", "/api/v1/people", "{not json",
                              content_type="application/json", headers=bearer(social_worker))
    assert response.status_code in (400, 422)


@pytest.mark.django_db
def test_get_returns_an_etag_and_patch_needs_if_match(api, social_worker, fletchers):
    sam = api.as_(social_worker)
    url = f"/api/v1/people/{fletchers['jack'].pk}"
    response = sam.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert response.json()["display_name"] == "Jack Fletcher"

    missing = sam.send("PATCH", url, {"first_language": "Polish"})
    assert missing.status_code == 428

    ok = sam.send("PATCH", url, {"first_language": "Polish"}, **{"If-Match": etag})
    assert ok.status_code == 200
    assert ok.json()["first_language"] == "Polish"
    assert ok["ETag"] != etag

    stale = sam.send("PATCH", url, {"first_language": "Urdu"}, **{"If-Match": etag})
    assert stale.status_code == 412
    assert "changed by someone else" in stale.json()["detail"]
    fletchers["jack"].refresh_from_db()
    assert fletchers["jack"].first_language == "Polish"


@pytest.mark.django_db
def test_patch_with_a_bad_code_is_422_and_changes_nothing(api, social_worker, fletchers):
    sam = api.as_(social_worker)
    url = f"/api/v1/people/{fletchers['jack'].pk}"
    etag = sam.get(url)["ETag"]
    response = sam.send("PATCH", url, {"ethnicity": "NOPE"}, **{"If-Match": etag})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "ethnicity"
    fletchers["jack"].refresh_from_db()
    assert fletchers["jack"].version == 1


@pytest.mark.django_db
def test_the_outsider_gets_404_for_a_record_they_may_not_see(api, outsider, fletchers):
    olly = api.as_(outsider)
    url = f"/api/v1/people/{fletchers['jack'].pk}"
    assert olly.get(url).status_code == 404
    assert olly.send("PATCH", url, {"first_language": "x"}, **{"If-Match": '"x-v1"'}
                     ).status_code == 404
    assert olly.get("/api/v1/people?name=Jack+Fletcher").json()["results"] == []


@pytest.mark.django_db
def test_search_lists_only_people_the_caller_may_see(api, social_worker, outsider, fletchers):
    found = api.as_(social_worker).get("/api/v1/people?name=Jack+Fletcher&dob=2016-09-14")
    assert found.status_code == 200
    results = found.json()["results"]
    assert results[0]["id"] == str(fletchers["jack"].pk)
    assert set(results[0]) == {"id", "display_name", "date_of_birth", "score", "reasons"}
    by_post = api.as_(social_worker).send("POST", "/api/v1/people/search",
                                          {"name": "Jack Fletcher", "dob": "2016"})
    assert by_post.json()["results"][0]["id"] == str(fletchers["jack"].pk)


@pytest.mark.django_db
def test_search_with_nothing_to_search_for_is_422(api, social_worker):
    response = api.as_(social_worker).get("/api/v1/people")
    assert response.status_code == 422


@pytest.mark.django_db
def test_tina_reads_who_has_looked_at_jacks_record(api, social_worker, team_manager, fletchers):
    url = f"/api/v1/people/{fletchers['jack'].pk}"
    api.as_(social_worker).get(url)
    log = api.as_(team_manager).get(url + "/access-log")
    assert log.status_code == 200
    entries = log.json()["entries"]
    assert any(e["user"] == "sam" and e["action"] == "api_view" for e in entries)
    assert any(e["user"] == "sam" and e["action"] == "create" for e in entries)
    # A social worker is not a manager: the access log is not theirs to read.
    assert api.as_(social_worker).get(url + "/access-log").status_code == 403
    # A page at a time, newest first (issue 14): Tina's own read of the log is on it too.
    every = log.json()["total"]
    assert every == len(entries) >= 2 and log["X-Total-Count"] == str(every)
    newest = api.as_(team_manager).get(url + "/access-log?page_size=1")
    assert newest.json()["total"] == every + 1  # Tina's first read of the log, recorded
    assert newest.json()["entries"][0]["action"] == "view_access_log"
    assert len(newest.json()["entries"]) == 1 and 'rel="next"' in newest["Link"]



@pytest.mark.django_db
@pytest.mark.parametrize("url, status", [
    ("/api/v1/involvements?person=not-a-uuid", 422),  # a typed parameter: named as bad input
    ("/api/v1/visits?person=not-a-uuid", 422),
    ("/api/v1/notes?person=not-a-uuid", 422),
    ("/api/v1/people/not-a-uuid/chronology", 404),  # reaches the lookup: no such person
])
def test_a_person_id_that_is_not_an_id_is_never_a_server_error(client, social_worker, url,
                                                                status):
    from hearth.access.actions.users import do_create_token

    response = client.get(url, headers={
        "Authorization": f"Bearer {do_create_token(social_worker)}"})
    assert response.status_code == status


@pytest.mark.django_db
@pytest.mark.parametrize("person_id", ["not-a-uuid", "", None, 42])
def test_the_one_person_lookup_answers_404_for_anything_that_is_not_an_id(social_worker,
                                                                          person_id):
    """Every page and API operation that names a person comes through
    ``hearth.people.queries.visibility.get_visible_person``: no copy of it can drift."""
    from django.http import Http404

    from hearth.people.queries.visibility import get_visible_person

    with pytest.raises(Http404):
        get_visible_person(social_worker, person_id)
