"""Issue 13 item 2: never a 500 from input. Each of the probe's inputs answers 422 naming the
field (API) or the form's error (pages), and writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.chronology.models import Event
from hearth.engagement.models import EngagementEvent
from hearth.frontdoor.models import Contact
from hearth.people.models import Person
from hearth.records.models import CaseNote
from tests.robustness.conftest import an_hour_ago, contact_body, rows

pytestmark = [pytest.mark.django_db]


def fields(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def test_issue_13_item_2_a_nul_in_a_person_s_name_is_422(api, social_worker, fletchers):
    jack = fletchers["jack"]
    sam = api(social_worker)
    etag = sam("GET", f"/api/v1/people/{jack.pk}")["ETag"]
    before = rows()
    response = sam("PATCH", f"/api/v1/people/{jack.pk}", {"given_name": "Ja\x00ck"},
                   **{"If-Match": etag})
    assert response.status_code == 422, response.content
    assert fields(response) == {"given_name"}
    created = sam("POST", "/api/v1/people", {"given_name": "Lily\x00", "family_name": "Reed"})
    assert created.status_code == 422, created.content
    assert rows() == before


def test_issue_13_item_2_null_disabilities_is_422_not_500(api, social_worker, fletchers):
    jack = fletchers["jack"]
    sam = api(social_worker)
    etag = sam("GET", f"/api/v1/people/{jack.pk}")["ETag"]
    response = sam("PATCH", f"/api/v1/people/{jack.pk}", {"disabilities": None},
                   **{"If-Match": etag})
    assert response.status_code == 422, response.content
    assert fields(response) == {"disabilities"}
    assert Person.objects.get(pk=jack.pk).version == jack.version


def test_issue_13_item_1_a_date_of_birth_is_from_1900_and_not_in_the_future(
        api, social_worker, fletchers):
    jack = fletchers["jack"]
    sam = api(social_worker)
    tomorrow = timezone.localdate() + timedelta(days=1)
    for born in ("1899-12-31", "0001-01-01", tomorrow.isoformat()):
        etag = sam("GET", f"/api/v1/people/{jack.pk}")["ETag"]
        response = sam("PATCH", f"/api/v1/people/{jack.pk}", {"date_of_birth": born},
                       **{"If-Match": etag})
        assert response.status_code == 422, (born, response.content)
    assert Person.objects.get(pk=jack.pk).date_of_birth == jack.date_of_birth


def test_issue_13_item_1_sam_cannot_give_a_date_of_birth_in_1850_on_the_page(
        as_user, social_worker, fletchers):
    jack = fletchers["jack"]
    page = as_user(social_worker).post(f"/people/{jack.pk}/edit", {
        "given_name": "Jack", "family_name": "Fletcher", "date_of_birth": "14/09/1850",
        "sex": "M", "ethnicity": "WBRI", "version": jack.version})
    assert page.status_code == 400
    assert "1 January 1900" in page.content.decode()
    assert Person.objects.get(pk=jack.pk).date_of_birth == jack.date_of_birth


@pytest.mark.parametrize("received_at", ["0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00Z",
                                         "2026-01-01T10:00:00+14:30"])
def test_issue_13_item_2_a_year_one_contact_is_422(api, front_door, fletchers, received_at):
    response = api(front_door)("POST", "/api/v1/contacts",
                               {**contact_body(fletchers), "received_at": received_at})
    assert response.status_code == 422, response.content
    assert fields(response) == {"received_at"}
    assert not Contact.objects.exists()


def test_a_sensible_contact_still_goes_in(api, front_door, fletchers):
    response = api(front_door)("POST", "/api/v1/contacts", contact_body(fletchers))
    assert response.status_code == 201, response.content


@pytest.mark.parametrize("occurred_at", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
                                         "2020-01-01T10:00:00-15:00"])
def test_issue_13_item_2_a_year_one_engagement_event_is_422(api, social_worker, fletchers,
                                                            occurred_at):
    jack = fletchers["jack"]
    response = api(social_worker)("POST", f"/api/v1/engagement/people/{jack.pk}/events",
                                  {"kind": "no_answer", "occurred_at": occurred_at})
    assert response.status_code == 422, response.content
    assert fields(response) == {"occurred_at"}
    assert not EngagementEvent.objects.exists()


def test_issue_13_item_1_no_engagement_event_before_the_child_was_born(
        api, social_worker, fletchers):
    jack = fletchers["jack"]
    before = jack.date_of_birth - timedelta(days=2)
    response = api(social_worker)("POST", f"/api/v1/engagement/people/{jack.pk}/events",
                                  {"kind": "no_answer",
                                   "occurred_at": f"{before.isoformat()}T10:00:00+00:00"})
    assert response.status_code == 422, response.content
    assert not EngagementEvent.objects.exists()
    ok = api(social_worker)("POST", f"/api/v1/engagement/people/{jack.pk}/events",
                            {"kind": "no_answer", "occurred_at": an_hour_ago()})
    assert ok.status_code == 201, ok.content


@pytest.mark.parametrize(("query", "field"), [("date_to=9999-12-31", "date_to"),
                                              ("date_from=0001-01-01", "date_from"),
                                              ("page=12345678901234567890", "page")])
def test_issue_13_item_2_chronology_filters_out_of_range_are_422(api, social_worker, fletchers,
                                                                  query, field):
    jack = fletchers["jack"]
    response = api(social_worker)("GET", f"/api/v1/people/{jack.pk}/chronology?{query}")
    assert response.status_code == 422, response.content
    assert fields(response) == {field}


def test_issue_13_item_2_the_chronology_page_refuses_them_too(as_user, social_worker, fletchers):
    sam = as_user(social_worker)
    jack = fletchers["jack"]
    for query in ("to=9999-12-31", "page=12345678901234567890", "from=01/01/0001"):
        page = sam.get(f"/people/{jack.pk}/chronology?{query}")
        assert page.status_code == 400, query


def test_issue_13_item_1_a_hand_entry_in_the_chronology_is_after_the_birth(
        api, social_worker, fletchers):
    jack = fletchers["jack"]
    sam = api(social_worker)
    entry = {"kind": "school_change", "summary": "Moved to Northam Primary.",
             "source_agency": "Education"}
    for day in ("0001-01-01", (jack.date_of_birth - timedelta(days=1)).isoformat()):
        response = sam("POST", f"/api/v1/people/{jack.pk}/chronology",
                       {**entry, "occurred_on": day})
        assert response.status_code == 422, response.content
        assert {f.split(".")[-1] for f in fields(response)} == {"occurred_on"}
    nul = sam("POST", f"/api/v1/people/{jack.pk}/chronology",
              {**entry, "occurred_on": jack.date_of_birth.isoformat(), "summary": "a\x00b"})
    assert nul.status_code == 422 and {f.split(".")[-1] for f in fields(nul)} == {"summary"}
    assert not Event.objects.filter(person=jack, origin="manual").exists()


def test_issue_13_item_2_a_nul_on_the_note_page_is_the_form_s_error(
        as_user, social_worker, fletchers):
    jack = fletchers["jack"]
    page = as_user(social_worker).post(f"/people/{jack.pk}/notes/new", {
        "occurred_at": "0001-01-01 00:00", "place": "Home\x00",
        "who_said_what": "Kerry said\x00 hello"})
    assert page.status_code == 400
    assert not CaseNote.objects.exists()


def test_issue_13_item_1_a_visit_is_not_before_the_child_was_born_nor_in_year_one(
        api, social_worker, fletchers):
    from hearth.visits.models import Visit

    jack = fletchers["jack"]
    body = {"person_id": str(jack.pk), "kind": "planned", "place": "Family home",
            "child_seen": True, "outcome": "completed"}
    before_birth = f"{(jack.date_of_birth - timedelta(days=1)).isoformat()}T10:00:00+00:00"
    for starts_at in ("0001-01-01T00:00:00+14:00", before_birth):
        response = api(social_worker)("POST", "/api/v1/visits", {**body, "starts_at": starts_at})
        assert response.status_code == 422, response.content
        assert fields(response) == {"starts_at"}
    assert not Visit.objects.exists()


@pytest.mark.parametrize("url", ["/api/v1/contacts/12345678901234567890",
                                 "/api/v1/notes/12345678901234567890/finalise"])
def test_issue_13_item_2_a_twenty_digit_id_is_not_a_500(api, front_door, url):
    response = api(front_door)("GET" if "finalise" not in url else "POST", url)
    assert response.status_code in (403, 404, 405, 422), response.content


def test_issue_13_item_2_a_chronology_source_longer_than_its_column_is_422(
        api, social_worker, fletchers):
    """Found by the Hypothesis test on PostgreSQL (SQLite does not enforce varchar lengths)."""
    jack = fletchers["jack"]
    entry = {"kind": "school_change", "summary": "Moved school.", "source_agency": "Education",
             "occurred_on": jack.date_of_birth.isoformat()}
    for field, length in (("source_agency", 151), ("source_person", 201)):
        response = api(social_worker)("POST", f"/api/v1/people/{jack.pk}/chronology",
                                      {**entry, field: "x" * length})
        assert response.status_code == 422, response.content
        assert {f.split(".")[-1] for f in fields(response)} == {field}
    assert not Event.objects.filter(person=jack, origin="manual").exists()
