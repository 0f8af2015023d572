"""The FGC API (issue 16): Sam's system refers Jack and Amy (POST /api/v1/fgc/referrals, 201
with its ETag); reading it gives the ETag; the plan decision and ending need If-Match (428
without, 412 when stale); bad input is 422 naming the field, a child with an FGC under way
409, and nothing is written; Olly gets 404."""

from __future__ import annotations

import json

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.fgc.models import FGC
from tests.fgc.conftest import QUESTIONS, arranged, held, in_days, planned

pytestmark = pytest.mark.django_db
URL = "/api/v1/fgc/referrals"


def call(client, user, method, url, body=None, **headers):
    token = do_create_token(user, scope="write")
    return client.generic(method, url, json.dumps(body if body is not None else {}),
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {token}", **headers})


def body(fletchers, **overrides) -> dict:
    return {"children": [str(fletchers["jack"].pk), str(fletchers["amy"].pk)],
            "reason": "school_attendance", "background": "Jack misses school on Mondays.",
            "questions": QUESTIONS, "explained_on": in_days(-1).isoformat(),
            "process_explained": True, "family_agreed": True, "pre_proceedings": True,
            **overrides}


def test_sams_system_refers_jack_and_amy_and_reads_it_with_its_etag(client, social_worker,
                                                                     fletchers):
    made = call(client, social_worker, "POST", URL, body(fletchers))
    assert made.status_code == 201, made.content
    out = made.json()
    fgc = FGC.objects.get()
    assert made["ETag"] == f'"fgc-{fgc.pk}-v1"'
    assert (out["status"], out["referred_by"], out["pre_proceedings"]) == (
        "referred", "Sam Worker", True)
    assert {c["name"] for c in out["children"]} == {"Jack Fletcher", "Amy Fletcher"}
    read = call(client, social_worker, "GET", f"{URL}/{fgc.pk}")
    assert read.status_code == 200 and read["ETag"] == made["ETag"]
    assert read.json()["questions"] == QUESTIONS
    assert AuditEntry.objects.filter(action="api_view_fgc").count() == 2  # on Jack and on Amy


@pytest.mark.parametrize(("overrides", "field"), [
    ({"questions": []}, "questions"),
    ({"questions": [f"Question {n}?" for n in range(7)]}, "questions"),
    ({"family_agreed": False}, "family_agreed"),
    ({"process_explained": False}, "process_explained"),
    ({"reason": "housing"}, "reason"),
    ({"explained_on": "2026-02-31"}, "explained_on"),
    ({"explained_on": "not a date"}, "explained_on"),
    ({"questions": ["x" * 501]}, "questions"),
    ({"children": []}, "children"),
])
def test_bad_input_is_422_naming_the_field_and_writes_nothing(client, social_worker, fletchers,
                                                              overrides, field):
    answer = call(client, social_worker, "POST", URL, body(fletchers, **overrides))
    assert answer.status_code == 422, answer.content
    assert field in answer.json()["detail"]
    assert not FGC.objects.exists()


def test_a_child_with_an_fgc_under_way_is_409(client, social_worker, fletchers, sams_referral):
    answer = call(client, social_worker, "POST", URL,
                  body(fletchers, children=[str(fletchers["amy"].pk)]))
    assert answer.status_code == 409
    assert answer.json()["errors"][0]["field"] == "children"
    assert FGC.objects.count() == 1


def test_olly_gets_404(client, outsider, fletchers, sams_referral):
    assert call(client, outsider, "GET", f"{URL}/{sams_referral.pk}").status_code == 404
    assert call(client, outsider, "POST", URL, body(fletchers)).status_code == 404
    assert call(client, outsider, "POST", f"{URL}/{sams_referral.pk}/end",
                {"outcome": "withdrawn", "reason": "x"},
                **{"If-Match": '"fgc-1-v1"'}).status_code == 404


def test_sam_agrees_the_plan_with_if_match_r_fgc_4(client, social_worker, coordinator,
                                                   sams_referral):
    fgc = planned(held(arranged(sams_referral, coordinator), coordinator), coordinator)
    url = f"{URL}/{fgc.pk}/plan-decision"
    etag = call(client, social_worker, "GET", f"{URL}/{fgc.pk}")["ETag"]
    assert call(client, social_worker, "POST", url, {"agreed": True}).status_code == 428
    stale = call(client, social_worker, "POST", url, {"agreed": True},
                 **{"If-Match": f'"fgc-{fgc.pk}-v1"'})
    assert stale.status_code == 412
    no_reason = call(client, social_worker, "POST", url, {"agreed": False},
                     **{"If-Match": etag})
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["field"] == "reason"
    cora = call(client, coordinator, "POST", url, {"agreed": True}, **{"If-Match": etag})
    assert cora.status_code == 403  # the coordinator has no fgc.refer
    agreed = call(client, social_worker, "POST", url, {"agreed": True}, **{"If-Match": etag})
    assert agreed.status_code == 200, agreed.content
    assert (agreed.json()["status"], agreed.json()["plan_agreed"]) == ("plan_agreed", True)
    again = call(client, social_worker, "POST", url, {"agreed": True},
                 **{"If-Match": agreed["ETag"]})
    assert again.status_code == 409


def test_the_referrer_withdraws_it_with_the_reason_r_fgc_2(client, social_worker,
                                                           sams_referral):
    url = f"{URL}/{sams_referral.pk}/end"
    answer = call(client, social_worker, "POST", url,
                  {"outcome": "withdrawn", "reason": "Kerry's sister moved in to help"},
                  **{"If-Match": f'"fgc-{sams_referral.pk}-v1"'})
    assert answer.status_code == 200
    assert (answer.json()["status"], answer.json()["ended_reason"]) == (
        "withdrawn", "Kerry's sister moved in to help")
    assert call(client, social_worker, "DELETE", f"{URL}/{sams_referral.pk}").status_code == 405


def test_the_openapi_document_lists_the_fgc_routes(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"post"} <= set(paths["/api/v1/fgc/referrals"])
    assert "get" in paths["/api/v1/fgc/referrals/{fgc_id}"]
    post = paths["/api/v1/fgc/referrals"]["post"]
    assert {"201", "409", "422"} <= set(post["responses"])
    decision = paths["/api/v1/fgc/referrals/{fgc_id}/plan-decision"]["post"]
    assert {"412", "428"} <= set(decision["responses"])
