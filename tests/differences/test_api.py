"""Professional differences in the v1 API (R-PD-1..3): Hana's system raises one about Jack,
reads it with its ETag, records each stage's outcome and escalates with If-Match (428 without,
412 when stale), resolves it naming who tells Sam, and records that he was told. Refusals come
from the one status table and write nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from hearth import calendar
from hearth.access.models import AuditEntry
from hearth.differences.models import Difference, Stage
from tests.differences.conftest import PLAN, api

pytestmark = pytest.mark.django_db

URL = "/api/v1/differences"


def body(person, **changes) -> dict:
    return {**PLAN, "person_id": str(person.pk), **changes}


def step(client, user, url, etag, payload=None):
    answer = api(client, user, "POST", url, payload or {}, **{"If-Match": etag})
    assert answer.status_code == 200, answer.content
    return answer


def the_outcome(resolved: bool) -> dict:
    return {"held_on": timezone.localdate().isoformat(), "who": "Hana Visitor",
            "with_whom": "Sam Worker", "discussed": "Jack's weight", "resolved": resolved}


def test_hana_raises_escalates_and_resolves_a_difference(client, health_visitor, fletchers,
                                                         team_manager, social_worker):
    made = api(client, health_visitor, "POST", URL, body(fletchers["jack"]))
    assert made.status_code == 201, made.content
    d = made.json()
    assert (d["status"], d["stage"], d["raiser_agency"], d["raised_by"]) == (
        "open", 1, "health", "Hana Visitor")
    assert d["stage_due_at"].startswith(  # R-PD-1: two working days from today
        calendar.pd_stage_due(timezone.localdate()).isoformat()[:19])
    assert made["ETag"] == f'"difference-{d["id"]}-v1"'
    url = f"{URL}/{d['id']}"
    read = api(client, health_visitor, "GET", url)
    assert read.status_code == 200 and read["ETag"] == made["ETag"]
    assert AuditEntry.objects.filter(action="read_a_difference_through_the_api").count() == 1

    assert api(client, health_visitor, "POST", f"{url}/outcome",
               the_outcome(False)).status_code == 428
    assert api(client, health_visitor, "POST", f"{url}/outcome", the_outcome(False),
               **{"If-Match": f'"difference-{d["id"]}-v9"'}).status_code == 412
    etag = step(client, health_visitor, f"{url}/outcome", made["ETag"],
                the_outcome(False))["ETag"]
    answer = step(client, health_visitor, f"{url}/escalate", etag,
                  {"owner_id": team_manager.pk})
    assert (answer.json()["stage"], answer.json()["stages"][1]["owner"]) == (2, "Tina Manager")
    etag = step(client, team_manager, f"{url}/outcome", answer["ETag"],
                the_outcome(True))["ETag"]
    resolved = step(client, team_manager, f"{url}/resolve", etag,
                    {"agreed": "The plan continues", "teller_id": team_manager.pk})
    assert (resolved.json()["status"], resolved.json()["teller"], resolved.json()["worker"]) == (
        "resolved", "Tina Manager", "Sam Worker")
    told = step(client, team_manager, f"{url}/worker-told", resolved["ETag"],
                {"told_on": timezone.localdate().isoformat()})
    assert told.json()["worker_told_on"] == timezone.localdate().isoformat()


def test_r_pd_1_escalating_without_the_outcome_is_409_naming_it(client, hanas_difference,
                                                                health_visitor):
    url = f"{URL}/{hanas_difference.pk}/escalate"
    answer = api(client, health_visitor, "POST", url, {},
                 **{"If-Match": f'"difference-{hanas_difference.pk}-v1"'})
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "outcome"
    assert Stage.objects.count() == 1
    assert Difference.objects.get().version == 1


def test_r_pd_2_refusals_are_422_naming_the_field_and_write_nothing(client, health_visitor,
                                                                    fletchers, outsider,
                                                                    social_worker):
    jack = fletchers["jack"]
    for payload, field in [
            (body(jack, why="  "), "why"),
            ({k: v for k, v in body(jack).items() if k != "why"}, "why"),
            (body(jack, raised_before="other", raised_before_note=""), "raised_before_note"),
            (body(jack, decision_agency="council"), "decision_agency"),
            (body(jack, decision_partner_id=999), "decision_partner_id")]:
        answer = api(client, health_visitor, "POST", URL, payload)
        assert answer.status_code == 422, (payload, answer.content)
        assert field in answer.json()["detail"], answer.json()
    adult = api(client, social_worker, "POST", URL, body(fletchers["mum"]))
    assert adult.status_code == 422 and adult.json()["errors"][0]["field"] == "person_id"
    assert api(client, outsider, "POST", URL, body(jack)).status_code == 404
    assert not Difference.objects.exists()


def test_choosing_someone_who_cannot_see_it_is_422(client, hanas_difference, health_visitor,
                                                  outsider):
    url = f"{URL}/{hanas_difference.pk}"
    etag = step(client, health_visitor, f"{url}/outcome",
                f'"difference-{hanas_difference.pk}-v1"', the_outcome(False))["ETag"]
    answer = api(client, health_visitor, "POST", f"{url}/escalate",
                 {"owner_id": outsider.pk}, **{"If-Match": etag})
    assert answer.status_code == 422
    assert answer.json()["errors"][0]["field"] == "owner_id"


def test_someone_not_party_to_it_is_403(client, hanas_difference, social_worker):
    answer = api(client, social_worker, "POST", f"{URL}/{hanas_difference.pk}/outcome",
                 the_outcome(False), **{"If-Match": f'"difference-{hanas_difference.pk}-v1"'})
    assert answer.status_code == 403
    assert Stage.objects.get().resolved is None


def test_the_api_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for path in (URL, URL + "/{difference_id}", URL + "/{difference_id}/outcome",
                 URL + "/{difference_id}/escalate", URL + "/{difference_id}/resolve",
                 URL + "/{difference_id}/worker-told"):
        assert path in paths, path
    escalate = paths[URL + "/{difference_id}/escalate"]["post"]
    assert {"409", "412", "428"} <= set(escalate["responses"])
