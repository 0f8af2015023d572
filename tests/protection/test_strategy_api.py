"""Strategy discussions and Section 47 enquiries in the v1 API, with the same rules as the
pages: a partner system records Jack's strategy discussion and a joint enquiry starts
(R-CP-1); a visit with one worker is 422 naming ``workers`` (R-TWO-1); the outcome needs
If-Match (428 without, 412 when stale); Olly gets 404 and Pat 403."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.protection.actions import strategy as actions
from hearth.protection.models import S47Visit, Section47Enquiry, StrategyDiscussion

pytestmark = pytest.mark.django_db
API = "/api/v1/protection"


def call(client, user, method, url, body=None, **headers):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers={"Authorization": f"Bearer {do_create_token(user)}",
                                   **headers})


def discussion_body(**changes) -> dict:
    return {"held_on": "2026-11-16",
            "participants": [
                {"name": "Sam Worker", "agency": "Children's services",
                 "agency_kind": "social_care"},
                {"name": "DC Pat Officer", "agency": "Hampshire Police", "police": True},
                {"name": "Amira Shah", "agency": "Northam Primary School",
                 "agency_kind": "education"}],
            "information_shared": "School: a bruise. Police: a callout in October.",
            "decision": "s47_joint", "decision_reasons": "Jack's account and the injury.",
            "actions": [{"action": "Visit Jack at school", "owner": "Sam Worker",
                         "due_on": "2026-11-17"}], **changes}


def visit_body(**changes) -> dict:
    return {"visited_at": "2026-11-16T15:30:00+00:00", "place": "Northam Primary School",
            "child_seen": True, "child_seen_alone": True, "notes": "Jack said Dean hit him.",
            "workers": [{"kind": "social_worker", "name": "Sam Worker",
                         "agency": "Children's services"},
                        {"kind": "police", "name": "DC Pat Officer",
                         "agency": "Hampshire Police"}], **changes}


def test_r_cp_1_a_partner_system_records_jacks_strategy_discussion(client, fletchers,
                                                                    social_worker):
    jack = fletchers["jack"]
    made = call(client, social_worker, "POST", f"{API}/people/{jack.pk}/strategy-discussions",
                discussion_body())
    assert made.status_code == 201, made.content
    body = made.json()
    enquiry = Section47Enquiry.objects.get()
    assert body["enquiry_id"] == enquiry.pk and body["origin"] == "open_case"
    assert [p["agency_kind"] for p in body["participants"]] == ["social_care", "police",
                                                                "education"]
    assert body["recorded_by"] == "Sam Worker"
    listed = call(client, social_worker, "GET", f"{API}/people/{jack.pk}/strategy-discussions")
    assert [d["id"] for d in listed.json()["discussions"]] == [body["id"]]
    one = call(client, social_worker, "GET", f"{API}/strategy-discussions/{body['id']}")
    assert one.status_code == 200 and one.json()["decision_label"] == (
        "Section 47 enquiry jointly with the police")
    got = call(client, social_worker, "GET", f"{API}/s47-enquiries/{enquiry.pk}")
    assert got.status_code == 200
    assert got.json()["icpc_due"] == "2026-12-07" and got.json()["joint"] is True
    assert got["ETag"] == f'"section47enquiry-{enquiry.pk}-v1"'
    assert AuditEntry.objects.filter(action="api_view_s47_enquiry").count() == 1


@pytest.mark.parametrize(("changes", "field"), [
    ({"participants": [{"name": "Sam Worker", "agency": "Children's services"},
                       {"name": "Amira Shah", "agency": "Northam Primary School"}]},
     "participants"),
    ({"actions": [{"action": "Visit Jack", "owner": ""}]}, "actions.0.owner"),
    ({"actions": [{"action": "Visit Jack", "owner_user_id": 99999}]},
     "actions.0.owner_user_id"),
    ({"held_on": "2026-11-18"}, "held_on"),
    ({"origin": "contact", "contact_id": 99999}, "contact_id"),
    ({"decision": "shrug"}, "decision"),
])
def test_refused_discussions_are_422_naming_the_field(client, fletchers, social_worker,
                                                      changes, field):
    refused = call(client, social_worker, "POST",
                   f"{API}/people/{fletchers['jack'].pk}/strategy-discussions",
                   discussion_body(**changes))
    assert refused.status_code == 422, refused.content
    assert field in [e["field"] for e in refused.json()["errors"]]
    assert not StrategyDiscussion.objects.exists()


def test_r_two_1_a_visit_with_one_worker_is_422_naming_workers(client, fletchers,
                                                               social_worker, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    url = f"{API}/s47-enquiries/{enquiry.pk}/visits"
    alone = call(client, social_worker, "POST", url,
                 visit_body(workers=[{"kind": "social_worker", "name": "Sam Worker"}]))
    assert alone.status_code == 422
    assert alone.json()["errors"] == [{"field": "workers", "message": "A Section 47 visit "
                                       "needs two workers: add the second worker"}]
    two_social_workers = call(client, social_worker, "POST", url, visit_body(workers=[
        {"kind": "social_worker", "user_id": social_worker.pk},
        {"kind": "social_worker", "name": "Tina Manager"}]))
    assert two_social_workers.status_code == 422
    assert two_social_workers.json()["detail"].startswith("workers: This is a joint enquiry")
    naive = call(client, social_worker, "POST", url,
                 visit_body(visited_at="2026-11-16T15:30:00"))
    assert naive.status_code == 422 and naive.json()["errors"][0]["field"] == "visited_at"
    assert not S47Visit.objects.exists()
    made = call(client, social_worker, "POST", url, visit_body(workers=[
        {"kind": "social_worker", "user_id": social_worker.pk},
        {"kind": "police", "name": "DC Pat Officer", "agency": "Hampshire Police"}]))
    assert made.status_code == 201, made.content
    assert [(w["kind"], w["name"]) for w in made.json()["workers"]] == [
        ("social_worker", "Sam Worker"), ("police", "DC Pat Officer")]
    got = call(client, social_worker, "GET", f"{API}/s47-enquiries/{enquiry.pk}").json()
    assert [w["kind_label"] for w in got["visits"][0]["workers"]] == ["Social worker",
                                                                      "Police officer"]


def test_r_two_1_the_api_records_that_the_police_could_not_attend_a_joint_visit(
        client, fletchers, social_worker, team_manager, enquiry_for):
    """R-TWO-1: two social workers visit on a joint enquiry when the police could not attend,
    with the reason (422 before); never two workers without a qualified social worker."""
    enquiry = enquiry_for(fletchers["jack"])
    url = f"{API}/s47-enquiries/{enquiry.pk}/visits"
    two = [{"kind": "social_worker", "user_id": social_worker.pk},
           {"kind": "social_worker", "user_id": team_manager.pk}]
    no_reason = call(client, social_worker, "POST", url,
                     visit_body(workers=two, police_could_not_attend=True))
    assert no_reason.status_code == 422
    assert no_reason.json()["errors"] == [{"field": "police_absence_reason",
                                           "message": "Enter why the police could not attend"}]
    no_qualified = call(client, social_worker, "POST", url, visit_body(
        workers=[{"kind": "csc_worker", "name": "Kim Support"},
                 {"kind": "known_professional", "name": "Amira Shah"}],
        police_could_not_attend=True, police_absence_reason="None free."))
    assert no_qualified.status_code == 422
    assert "must be a qualified social worker" in no_qualified.json()["detail"]
    assert not S47Visit.objects.exists()
    made = call(client, social_worker, "POST", url, visit_body(
        workers=two, police_could_not_attend=True,
        police_absence_reason="No officer free before Jack left school."))
    assert made.status_code == 201, made.content
    assert (made.json()["police_could_not_attend"], made.json()["police_absence_reason"]) == (
        True, "No officer free before Jack left school.")


def test_the_outcome_needs_if_match(client, fletchers, social_worker, team_manager,
                                    enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    url = f"{API}/s47-enquiries/{enquiry.pk}/outcome"
    body = {"outcome": "icpc", "reasons": "Injury and account.", "outcome_on": "2026-11-17"}
    assert call(client, social_worker, "PUT", url, body).status_code == 428
    etag = call(client, social_worker, "GET", f"{API}/s47-enquiries/{enquiry.pk}")["ETag"]
    actions.do_record_s47_outcome(enquiry, acting_user=team_manager, expected_version=1,
                                  outcome="not_substantiated", reasons="Explanation accepted",
                                  outcome_on=date(2026, 11, 16))
    stale = call(client, social_worker, "PUT", url, body, **{"If-Match": etag})
    assert stale.status_code == 412
    fresh = call(client, social_worker, "GET", f"{API}/s47-enquiries/{enquiry.pk}")["ETag"]
    no_reasons = call(client, social_worker, "PUT", url,
                      {**body, "outcome": "icpc_not_required", "reasons": ""},
                      **{"If-Match": fresh})
    assert no_reasons.status_code == 422 and no_reasons.json()["errors"][0]["field"] == "reasons"
    done = call(client, social_worker, "PUT", url, body, **{"If-Match": fresh})
    assert done.status_code == 200, done.content
    assert done.json()["outcome"] == "icpc" and done["ETag"].endswith('-v3"')
    enquiry.refresh_from_db()
    assert (enquiry.outcome, enquiry.outcome_by) == ("icpc", social_worker)


def test_olly_gets_404_and_pat_403(client, fletchers, social_worker, outsider, police_partner,
                                   enquiry_for):
    jack = fletchers["jack"]
    enquiry = enquiry_for(jack)
    discussion_id = enquiry.strategy_id
    for method, url, body in [
            ("GET", f"{API}/people/{jack.pk}/strategy-discussions", None),
            ("POST", f"{API}/people/{jack.pk}/strategy-discussions", discussion_body()),
            ("GET", f"{API}/strategy-discussions/{discussion_id}", None),
            ("GET", f"{API}/s47-enquiries/{enquiry.pk}", None),
            ("POST", f"{API}/s47-enquiries/{enquiry.pk}/visits", visit_body()),
            ("GET", f"{API}/people/not-a-uuid/strategy-discussions", None)]:
        assert call(client, outsider, method, url, body).status_code == 404, url
        assert call(client, police_partner, method, url, body).status_code == 403, url
    assert StrategyDiscussion.objects.count() == 1 and not S47Visit.objects.exists()
