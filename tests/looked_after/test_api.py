"""The looked-after API (issue 17): Sam's system records that Amy became looked after, reads
her care with its ETag, moves her (If-Match: 428 without, 412 stale), corrects a placement and
ends the period; bad input is 422 naming the field and writes nothing; Olly gets 404."""

from __future__ import annotations

import json

import pytest

from hearth.access.actions.users import do_create_token
from hearth.looked_after.models import CareAmendment, CarePeriod, Episode
from tests.looked_after.periods_helpers import ago

pytestmark = pytest.mark.django_db
URL = "/api/v1/looked-after"


def call(client, user, method, url, body=None, **headers):
    token = do_create_token(user, scope="write")
    return client.generic(method, url, json.dumps(body if body is not None else {}),
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {token}", **headers})


PLACEMENT = {"placement_type": "U6", "provider": "PR1", "provider_name": "Hearth Fostering",
             "urn": "SC765432", "address": "4 Elm Road", "postcode": "PO4 0AB"}


def started(**overrides) -> dict:
    return {"started_on": ago(40).isoformat(), "legal_status": "V2", "category_of_need": "N4",
            "entered_from": "other", "placement": dict(PLACEMENT), **overrides}


def test_start_read_move_correct_and_cease_R_CLA_1_R_CLA_7(client, social_worker, fletchers):
    amy = fletchers["amy"]
    made = call(client, social_worker, "POST", f"{URL}/children/{amy.pk}/periods", started())
    assert made.status_code == 201, made.content
    period = CarePeriod.objects.get()
    assert made["ETag"] == f'"careperiod-{period.pk}-v1"'
    read = call(client, social_worker, "GET", f"{URL}/children/{amy.pk}")
    assert read.status_code == 200 and read["ETag"] == made["ETag"]
    assert read.json()["periods"][0]["episodes"][0]["reason_new"] == "S"
    move = {"changed_on": ago(10).isoformat(), "legal_status": "V2", "reason_changed": "CHILD",
            "placement": {**PLACEMENT, "placement_type": "K2", "provider": "PR4",
                          "urn": "SC111111"}}
    changes = f"{URL}/periods/{period.pk}/changes"
    assert call(client, social_worker, "POST", changes, move).status_code == 428
    assert call(client, social_worker, "POST", changes, move,
                **{"If-Match": '"careperiod-1-v0"'}).status_code == 412
    moved = call(client, social_worker, "POST", changes, move, **{"If-Match": made["ETag"]})
    assert moved.status_code == 200, moved.content
    assert [e["reason_new"] for e in moved.json()["episodes"]] == ["S", "P"]
    new_place = moved.json()["placements"][1]["id"]
    fixed = call(client, social_worker, "POST", f"{URL}/periods/{period.pk}/amendments",
                 {"placement_id": new_place, "changes": {"provider_name": "Oak House"},
                  "reason": "Misspelt"}, **{"If-Match": moved["ETag"]})
    assert fixed.status_code == 200, fixed.content
    assert fixed.json()["amendments"][0]["after"] == "Oak House"
    ended = call(client, social_worker, "POST", f"{URL}/periods/{period.pk}/cease",
                 {"ceased_on": ago(1).isoformat(), "reason_ceased": "E4A"},
                 **{"If-Match": fixed["ETag"]})
    assert ended.status_code == 200 and ended.json()["ended_on"] == ago(1).isoformat()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"legal_status": "Q1"}, "legal_status"),
    ({"placement_started_on": ago(41).isoformat()}, "placement_started_on"),
    ({"started_on": "2026-02-31"}, "started_on"),
    ({"placement": {**PLACEMENT, "urn": ""}}, "urn"),
])
def test_bad_input_is_422_naming_the_field_and_writes_nothing(client, social_worker,
                                                              fletchers, overrides, field):
    answer = call(client, social_worker, "POST",
                  f"{URL}/children/{fletchers['amy'].pk}/periods", started(**overrides))
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["detail"]
    assert not CarePeriod.objects.exists()


def test_overlap_unknown_rec_and_second_period_R_CLA_1(client, social_worker, fletchers):
    amy = fletchers["amy"]
    made = call(client, social_worker, "POST", f"{URL}/children/{amy.pk}/periods", started())
    period = CarePeriod.objects.get()
    early = call(client, social_worker, "POST", f"{URL}/periods/{period.pk}/changes",
                 {"changed_on": ago(50).isoformat(), "legal_status": "C1"},
                 **{"If-Match": made["ETag"]})
    assert early.status_code == 422 and "overlap" in early.json()["detail"]
    rec = call(client, social_worker, "POST", f"{URL}/periods/{period.pk}/cease",
               {"ceased_on": ago(1).isoformat(), "reason_ceased": "E99"},
               **{"If-Match": made["ETag"]})
    assert rec.status_code == 422 and "reason_ceased" in rec.json()["detail"]
    again = call(client, social_worker, "POST", f"{URL}/children/{amy.pk}/periods", started())
    assert again.status_code == 409
    assert Episode.objects.count() == 1 and not CareAmendment.objects.exists()


def test_olly_gets_404(client, outsider, social_worker, fletchers):
    call(client, social_worker, "POST", f"{URL}/children/{fletchers['amy'].pk}/periods",
         started())
    period = CarePeriod.objects.get()
    assert call(client, outsider, "GET", f"{URL}/periods/{period.pk}").status_code == 404
    assert call(client, outsider, "GET",
                f"{URL}/children/{fletchers['amy'].pk}").status_code == 404
