"""Case notes in the v1 API: Sam writes a draft about Jack from a partner system, finalises
it and amends it visibly (R-REC-1..4); the pages' permissions, visibility, audit and
If-Match rules hold."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.records.models import CaseNote, NoteAmendment
from tests.conftest import sign_in_verified

LONDON = ZoneInfo("Europe/London")

pytestmark = [pytest.mark.django_db]

OUT_FIELDS = {"id", "person_id", "status", "occurred_at", "place", "who_said_what",
              "worker_said", "actions_taken", "referrals_made", "agency_response", "opinion",
              "opinion_basis", "significant_event", "author", "recorded_at", "finalised_at",
              "amendments", "written_with", "version"}


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 10, 0, tzinfo=LONDON), tick=False)


def call(client, user, method, url, body=None, **headers):
    headers["Authorization"] = f"Bearer {do_create_token(user)}"
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers=headers)


def fields(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def note_body(person, **extra) -> dict:
    return {"person_id": str(person.pk), "occurred_at": "2026-11-16T15:30:00+00:00",
            "place": "The family home, 4 Orchard Close",
            "who_said_what": "Kerry said Jack had not been to school since Tuesday.",
            "worker_said": "I explained that Jack must attend school.",
            "actions_taken": "Agreed Kerry will take Jack to school tomorrow.",
            "referrals_made": "School nurse, 16/11/2026",
            "agency_response": "The school nurse will see Jack on Thursday.",
            "opinion": "Kerry seems overwhelmed.",
            "opinion_basis": "She was tearful and the kitchen had no food.",
            "significant_event": True, **extra}


@pytest.fixture
def draft(client, social_worker, fletchers) -> dict:
    response = call(client, social_worker, "POST", "/api/v1/notes", note_body(fletchers["jack"]))
    assert response.status_code == 201, response.content
    return response.json()


@pytest.fixture
def finalised(client, social_worker, draft) -> dict:
    url = f"/api/v1/notes/{draft['id']}"
    etag = call(client, social_worker, "GET", url)["ETag"]
    response = call(client, social_worker, "POST", url + "/finalise", **{"If-Match": etag})
    assert response.status_code == 200, response.content
    return {**response.json(), "etag": response["ETag"]}


def test_R_REC_2_sam_writes_a_draft_and_is_its_author(client, social_worker, fletchers, draft):
    assert set(draft) == OUT_FIELDS
    assert draft["status"] == "draft" and draft["author"] == "Sam Worker"
    assert draft["recorded_at"].startswith("2026-11-17T10:00:00")
    note = CaseNote.objects.get()
    assert note.author == social_worker and note.involvement == fletchers["jack"].involvements.get()
    assert AuditEntry.objects.filter(action="case_note.write", username="sam").count() == 1
    # The author and time of recording are the system's: sending them changes nothing.
    forged = call(client, social_worker, "POST", "/api/v1/notes",
                  note_body(fletchers["jack"], author="Tina", recorded_at="2020-01-01T00:00Z"))
    assert forged.status_code == 201 and forged.json()["author"] == "Sam Worker"
    assert forged.json()["recorded_at"].startswith("2026-11-17")


def test_R_REC_3_bad_notes_are_422_naming_the_field(client, social_worker, fletchers):
    jack = fletchers["jack"]
    naive = call(client, social_worker, "POST", "/api/v1/notes",
                 note_body(jack, occurred_at="2026-11-16T15:30:00"))
    assert naive.status_code == 422 and fields(naive) == {"occurred_at"}
    assert "for example" in naive.json()["errors"][0]["message"]
    no_basis = call(client, social_worker, "POST", "/api/v1/notes",
                    note_body(jack, opinion_basis=" "))
    assert no_basis.status_code == 422 and fields(no_basis) == {"opinion_basis"}
    future = call(client, social_worker, "POST", "/api/v1/notes",
                  note_body(jack, occurred_at="2026-11-18T09:00:00+00:00"))
    assert future.status_code == 422 and fields(future) == {"occurred_at"}
    blank = call(client, social_worker, "POST", "/api/v1/notes",
                 note_body(jack, who_said_what="  "))
    assert blank.status_code == 422 and fields(blank) == {"who_said_what"}
    assert not CaseNote.objects.exists()


def test_R_REC_4_only_sam_edits_and_finalises_his_draft_with_if_match(
        client, social_worker, team_manager, draft):
    url = f"/api/v1/notes/{draft['id']}"
    read = call(client, social_worker, "GET", url)
    etag = read["ETag"]
    assert AuditEntry.objects.filter(action="api_view_case_note", username="sam").count() == 1
    assert call(client, social_worker, "PATCH", url, {"place": "School"}).status_code == 428
    edited = call(client, social_worker, "PATCH", url, {"place": "Jack's school"},
                  **{"If-Match": etag})
    assert edited.status_code == 200 and edited.json()["place"] == "Jack's school"
    assert call(client, social_worker, "PATCH", url, {"place": "Lost"},
                **{"If-Match": etag}).status_code == 412
    etag = edited["ETag"]
    tina_edit = call(client, team_manager, "PATCH", url, {"place": "Hers"}, **{"If-Match": etag})
    assert tina_edit.status_code == 403 and "author" in tina_edit.json()["detail"]
    tina_final = call(client, team_manager, "POST", url + "/finalise", **{"If-Match": etag})
    assert tina_final.status_code == 403
    drafted = call(client, social_worker, "POST", url + "/amend",
                   {"field": "place", "new_value": "Home", "reason": "Typo"},
                   **{"If-Match": etag})
    assert drafted.status_code == 409  # a draft is edited, not amended
    final = call(client, social_worker, "POST", url + "/finalise", **{"If-Match": etag})
    assert final.status_code == 200 and final.json()["status"] == "finalised"
    locked = call(client, social_worker, "PATCH", url, {"place": "Again"},
                  **{"If-Match": final["ETag"]})
    assert locked.status_code == 409 and "amendment" in locked.json()["detail"]
    assert CaseNote.objects.get().place == "Jack's school"


def test_R_REC_4_an_amendment_without_a_reason_is_422_and_writes_nothing(
        client, social_worker, finalised):
    url = f"/api/v1/notes/{finalised['id']}/amend"
    for body in ({"field": "place", "new_value": "Kerry's sister's flat", "reason": "  "},
                 {"field": "place", "new_value": "Kerry's sister's flat"}):
        response = call(client, social_worker, "POST", url, body,
                        **{"If-Match": finalised["etag"]})
        assert response.status_code == 422 and fields(response) == {"reason"}
    no_field = call(client, social_worker, "POST", url,
                    {"field": "author", "new_value": "Tina", "reason": "Wrong author"},
                    **{"If-Match": finalised["etag"]})
    assert no_field.status_code == 422 and fields(no_field) == {"field"}
    too_long = call(client, social_worker, "POST", url,
                    {"field": "place", "new_value": "x" * 201, "reason": "Longer"},
                    **{"If-Match": finalised["etag"]})
    assert too_long.status_code == 422 and fields(too_long) == {"new_value"}
    assert not NoteAmendment.objects.exists()
    note = CaseNote.objects.get()
    assert note.version == finalised["version"] and note.place.startswith("The family home")


def test_R_REC_4_two_workers_amend_from_the_same_version_the_second_gets_412(
        client, social_worker, team_manager, finalised):
    url = f"/api/v1/notes/{finalised['id']}"
    sams = call(client, social_worker, "GET", url)["ETag"]
    tinas = call(client, team_manager, "GET", url)["ETag"]
    assert sams == tinas == finalised["etag"]
    first = call(client, social_worker, "POST", url + "/amend",
                 {"field": "place", "new_value": "Kerry's sister's flat",
                  "reason": "The visit moved; I wrote the wrong address"}, **{"If-Match": sams})
    assert first.status_code == 200, first.content
    [amendment] = first.json()["amendments"]
    assert amendment["field"] == "place" and amendment["field_label"] == "Where"
    assert amendment["before"] == "The family home, 4 Orchard Close"
    assert amendment["after"] == "Kerry's sister's flat"
    assert amendment["amended_by"] == "Sam Worker" and amendment["reason"].startswith("The visit")
    second = call(client, team_manager, "POST", url + "/amend",
                  {"field": "place", "new_value": "The school", "reason": "I think"},
                  **{"If-Match": tinas})
    assert second.status_code == 412
    assert NoteAmendment.objects.count() == 1
    assert CaseNote.objects.get().place == "Kerry's sister's flat"
    shown = call(client, team_manager, "GET", url).json()
    assert shown["place"] == "Kerry's sister's flat" and len(shown["amendments"]) == 1


def test_sams_list_of_notes_is_audited_the_police_get_403_and_an_outsider_404(
        client, social_worker, police_partner, outsider, fletchers, draft):
    jack = fletchers["jack"]
    listed = call(client, social_worker, "GET", f"/api/v1/notes?person={jack.pk}")
    assert listed.status_code == 200
    assert [n["id"] for n in listed.json()["notes"]] == [draft["id"]]
    assert AuditEntry.objects.filter(action="api_view_case_notes", username="sam",
                                     object_id=str(jack.pk)).count() == 1
    url = f"/api/v1/notes/{draft['id']}"
    assert call(client, police_partner, "GET", url).status_code == 403
    assert call(client, police_partner, "GET", f"/api/v1/notes?person={jack.pk}"
                ).status_code == 403
    assert call(client, outsider, "GET", url).status_code == 404
    assert call(client, outsider, "GET", f"/api/v1/notes?person={jack.pk}").status_code == 404
    assert call(client, outsider, "POST", url + "/finalise",
                **{"If-Match": "x"}).status_code == 404
    assert call(client, outsider, "POST", "/api/v1/notes", note_body(jack)).status_code == 404
    assert CaseNote.objects.count() == 1
    assert not AuditEntry.objects.filter(username__in=["pat", "olly"],
                                         action__startswith="api_view").exists()


def test_R_REC_4_the_time_of_a_finalised_note_is_amended_through_the_api(
        client, social_worker, finalised):
    """R-REC-4 / issue 11: ``occurred_at`` is amended like any other part, with a reason."""
    url = f"/api/v1/notes/{finalised['id']}/amend"
    etag = {"If-Match": finalised["etag"]}
    naive = call(client, social_worker, "POST", url, {
        "field": "occurred_at", "new_value": "2026-11-16T16:30:00", "reason": "x"}, **etag)
    assert naive.status_code == 422 and fields(naive) == {"new_value"}
    garbled = call(client, social_worker, "POST", url, {
        "field": "occurred_at", "new_value": "half four", "reason": "x"}, **etag)
    assert garbled.status_code == 422 and fields(garbled) == {"new_value"}
    ok = call(client, social_worker, "POST", url, {
        "field": "occurred_at", "new_value": "2026-11-16T16:30:00+00:00",
        "reason": "The visit was at half past four"}, **etag)
    assert ok.status_code == 200, ok.content
    assert ok.json()["occurred_at"].startswith("2026-11-16T16:30:00")
    [amendment] = ok.json()["amendments"]
    assert amendment["field_label"] == "When it happened"
    assert (amendment["before"], amendment["after"]) == ("16 November 2026, 15:30",
                                                         "16 November 2026, 16:30")


def test_R_REC_4_a_colleague_may_not_amend_sams_note(client, north, finalised):
    from hearth.access.codes import Role
    from tests.conftest import make_user

    colleague = make_user("cleo", Role.SOCIAL_WORKER, team=north)
    refused = call(client, colleague, "POST", f"/api/v1/notes/{finalised['id']}/amend", {
        "field": "place", "new_value": "School", "reason": "tidy"},
        **{"If-Match": finalised["etag"]})
    assert refused.status_code == 403
    assert not NoteAmendment.objects.exists()


def test_issue_13_item_1_a_year_one_time_is_refused_and_the_notes_still_open(
        client, social_worker, fletchers):
    """The probe's call: 422 naming occurred_at, nothing stored, and Jack's notes still answer
    for everyone afterwards."""
    jack = fletchers["jack"]
    response = call(client, social_worker, "POST", "/api/v1/notes",
                    note_body(jack, occurred_at="0001-01-01T00:00:00+14:00"))
    assert response.status_code == 422, response.content
    assert fields(response) == {"occurred_at"}
    assert not CaseNote.objects.filter(person=jack).exists()
    assert call(client, social_worker, "GET",
                f"/api/v1/notes?person={jack.pk}").status_code == 200
    sign_in_verified(client, social_worker)
    assert client.get(f"/people/{jack.pk}/notes").status_code == 200


@pytest.mark.parametrize("occurred_at", ["2026-11-16T15:30:00+14:01", "2026-11-16T15:30:00-23:00",
                                         "1899-12-31T12:00:00+00:00",
                                         "2026-11-17T10:00:01+00:00"])
def test_issue_13_items_1_and_2_no_unreal_offset_nor_time_out_of_range(
        client, social_worker, fletchers, occurred_at):
    jack = fletchers["jack"]
    response = call(client, social_worker, "POST", "/api/v1/notes",
                    note_body(jack, occurred_at=occurred_at))
    assert response.status_code == 422, response.content
    assert fields(response) == {"occurred_at"}
    assert not CaseNote.objects.filter(person=jack).exists()


def test_issue_13_item_1_a_note_is_not_about_before_the_child_was_born(
        client, social_worker, fletchers):
    jack = fletchers["jack"]
    before = jack.date_of_birth - timedelta(days=1)
    response = call(client, social_worker, "POST", "/api/v1/notes",
                    note_body(jack, occurred_at=f"{before.isoformat()}T12:00:00+00:00"))
    assert response.status_code == 422, response.content
    assert "date of birth" in response.json()["errors"][0]["message"]


def test_issue_13_item_2_a_nul_in_a_note_is_422_not_500(client, social_worker, fletchers):
    jack = fletchers["jack"]
    response = call(client, social_worker, "POST", "/api/v1/notes",
                    note_body(jack, place="Home\x00"))
    assert response.status_code == 422, response.content
    assert fields(response) == {"place"}
    assert not CaseNote.objects.filter(person=jack).exists()
