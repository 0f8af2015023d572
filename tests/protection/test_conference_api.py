"""Conferences, plans and core groups in the v1 API (/api/v1/protection), with the same rules
as the pages (R-CP-1..4): a partner system arranges Jack's ICPC, the chair's system records
its outcome (If-Match) and the plan starts; bad input is 422 naming the field, with nothing
written; children the caller may not see are 404."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.protection.actions import conferences as actions
from hearth.protection.codes import S47Outcome
from hearth.protection.models import Conference, ConferenceFamilyMember, CPPlan

pytestmark = pytest.mark.django_db
API = "/api/v1/protection"


def call(client, user, method, url, body=None, **headers):
    return client.generic(method, API + url, json.dumps(body or {}),
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {do_create_token(user)}", **headers})


@pytest.fixture
def enquiry(fletchers, enquiry_for):
    found = enquiry_for(fletchers["jack"], held_on=date(2026, 11, 10))
    found.outcome = S47Outcome.SUBSTANTIATED_ICPC
    found.save()
    return found


def _outcome(conference, fletchers, **extra) -> dict:
    return {"held_on": "2026-11-17",
            "attendance": [{"invitee_id": i.pk, "attendance": "attended",
                            "report_submitted": True} for i in conference.invitees.all()],
            "family": [{"person_id": str(fletchers["mum"].pk), "relationship": "Mother",
                        "participation": "excluded_part",
                        "excluded_from": "The police update",
                        "exclusion_reason": "It could prejudice the investigation."}],
            "decision": "plan", "category": "PHY", "minutes": "Minutes of the ICPC.",
            "outline_plan": "Weekly visits.", **extra}


def test_r_cp_1_an_icpc_arranged_and_recorded_through_the_api_starts_the_plan(
        client, fletchers, social_worker, chair, enquiry):
    jack = fletchers["jack"]
    made = call(client, social_worker, "POST", f"/people/{jack.pk}/conferences", {
        "kind": "icpc", "held_on": "2026-11-17", "chair_id": chair.pk,
        "enquiry_id": enquiry.pk,
        "invitees": [{"name": "DC Pat Officer", "agency": "Hampshire Police"}]})
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["kind"] == "icpc" and body["chair_name"] == "Chris Chair"
    assert body["icpc_due"] == "2026-12-01" and body["held"] is False
    conference_id = body["id"]

    read = call(client, chair, "GET", f"/conferences/{conference_id}")
    assert read.status_code == 200 and read["ETag"] == f'"conference-{conference_id}-v1"'
    conference = Conference.objects.get(pk=conference_id)
    url = f"/conferences/{conference_id}/outcome"
    assert call(client, chair, "POST", url, _outcome(conference, fletchers)).status_code == 428
    assert call(client, chair, "POST", url, _outcome(conference, fletchers),
                **{"If-Match": '"conference-1-v9"'}).status_code == 412
    recorded = call(client, chair, "POST", url, _outcome(conference, fletchers),
                    **{"If-Match": read["ETag"]})
    assert recorded.status_code == 200, recorded.content
    body = recorded.json()
    plan = CPPlan.objects.get()
    assert body["held"] and body["started_plan_id"] == plan.pk
    assert plan.lead_social_worker == social_worker  # Jack's allocated worker
    assert body["family"][0]["excluded_by"] == "Chris Chair"
    assert recorded["ETag"] == f'"conference-{conference_id}-v2"'

    plans = call(client, social_worker, "GET", f"/people/{jack.pk}/cp-plans").json()["plans"]
    assert [(p["id"], p["start_on"], p["initial_category"]) for p in plans] == [
        (plan.pk, "2026-11-17", "PHY")]
    assert plans[0]["first_core_group_due"] == "2026-12-01"
    assert AuditEntry.objects.filter(action="api_view_cp_plans").exists()


def test_r_cp_4_an_exclusion_without_its_reason_is_422(client, fletchers, social_worker, chair,
                                                       enquiry):
    conference = actions.do_arrange_conference(
        fletchers["jack"], acting_user=social_worker, kind="icpc", held_on=date(2026, 11, 17),
        chair=chair, enquiry=enquiry, invitees=[{"name": "DC Officer", "agency": "Police"}])
    payload = _outcome(conference, fletchers)
    payload["family"][0]["exclusion_reason"] = ""
    response = call(client, chair, "POST", f"/conferences/{conference.pk}/outcome", payload,
                    **{"If-Match": f'"conference-{conference.pk}-v1"'})
    assert response.status_code == 422
    assert response.json()["errors"] == [{
        "field": "family.0.exclusion_reason",
        "message": "Enter why Kerry Fletcher was excluded: the reason must always be recorded"}]
    assert ConferenceFamilyMember.objects.count() == 0 and CPPlan.objects.count() == 0


def test_an_icpc_for_an_enquiry_that_did_not_need_one_is_422(client, fletchers, social_worker,
                                                            enquiry_for):
    jack = fletchers["jack"]
    other = enquiry_for(jack)
    response = call(client, social_worker, "POST", f"/people/{jack.pk}/conferences", {
        "kind": "icpc", "held_on": "2026-11-30", "chair_name": "Chris Chair",
        "enquiry_id": other.pk, "invitees": [{"name": "DC Officer", "agency": "Police"}]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "enquiry_id"
    response = call(client, social_worker, "POST", f"/people/{jack.pk}/conferences", {
        "kind": "roth", "held_on": "2026-11-30", "chair_name": "Chris Chair",
        "invitees": [{"name": "DC Officer", "agency": ""}]})
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "invitees.0.agency",
                                          "message": "Enter the agency of DC Officer"}]
    assert Conference.objects.count() == 0


def test_a_plan_without_an_icpc_is_422_with_a_clear_message(client, fletchers, social_worker,
                                                           chair, enquiry):
    conference = actions.do_arrange_conference(
        fletchers["jack"], acting_user=social_worker, kind="icpc", held_on=date(2026, 11, 17),
        chair=chair, enquiry=enquiry, invitees=[{"name": "DC Officer", "agency": "Police"}])
    response = call(client, chair, "POST", "/cp-plans", {
        "conference_id": conference.pk, "category": "NEG",
        "lead_social_worker_id": social_worker.pk})
    assert response.status_code == 422
    assert response.json()["errors"] == [{
        "field": "conference_id",
        "message": "A child protection plan starts at an initial conference: record the ICPC "
                   "first"}]
    assert CPPlan.objects.count() == 0
    assert call(client, social_worker, "POST", "/cp-plans", {
        "conference_id": conference.pk, "category": "NEG",
        "lead_social_worker_id": social_worker.pk}).status_code == 403


def test_a_plan_ending_before_it_started_is_422(client, fletchers, social_worker, plan_for):
    plan = plan_for(fletchers["jack"], icpc_on=date(2026, 11, 16))
    read = call(client, social_worker, "GET", f"/cp-plans/{plan.pk}")
    assert read.status_code == 200 and read["ETag"] == f'"cpplan-{plan.pk}-v1"'
    body = {"end_on": "2026-11-13", "reason": "no_longer_at_risk"}
    assert call(client, social_worker, "POST", f"/cp-plans/{plan.pk}/end",
                body).status_code == 428
    response = call(client, social_worker, "POST", f"/cp-plans/{plan.pk}/end", body,
                    **{"If-Match": read["ETag"]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "end_on"
    assert "cannot end before it started on 16 November 2026" in response.json()["detail"]
    plan.refresh_from_db()
    assert plan.is_open
    ended = call(client, social_worker, "POST", f"/cp-plans/{plan.pk}/end",
                 {"end_on": "2026-11-17", "reason": "looked_after"},
                 **{"If-Match": read["ETag"]})
    assert ended.status_code == 200 and ended.json()["end_reason"] == "looked_after"
    assert ended["ETag"] == f'"cpplan-{plan.pk}-v2"'


def test_r_cp_3_the_core_group_through_the_api(client, fletchers, social_worker, police,
                                               police_partner, outsider, plan_for):
    plan = plan_for(fletchers["jack"], icpc_on=date(2026, 11, 16))
    url = f"/cp-plans/{plan.pk}/core-group"
    assert call(client, police_partner, "GET", url).status_code == 404
    added = call(client, social_worker, "POST", url, {
        "name": "DC Pat Officer", "partner_agency_id": police.pk, "role": "Police",
        "tasks": "Share the investigation's outcome."})
    assert added.status_code == 201 and added.json()["agency"] == "Hampshire Police"
    bad = call(client, social_worker, "POST", url, {"name": "Ms Shah", "role": "", "tasks": ""})
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"agency", "role", "tasks"}
    seen = call(client, police_partner, "GET", url)
    assert seen.status_code == 200
    assert [(m["name"], m["role"]) for m in seen.json()["members"]] == [
        ("DC Pat Officer", "Police")]
    assert call(client, outsider, "GET", url).status_code == 404
    assert call(client, outsider, "GET", f"/cp-plans/{plan.pk}").status_code == 404
    meeting = call(client, social_worker, "POST", f"/cp-plans/{plan.pk}/core-group-meetings", {
        "held_on": "2026-11-17", "attendees": "Sam, DC Officer", "progress": "Good start."})
    assert meeting.status_code == 201 and meeting.json()["recorded_by"] == "Sam Worker"
    early = call(client, social_worker, "POST", f"/cp-plans/{plan.pk}/core-group-meetings", {
        "held_on": "2026-11-10", "attendees": "Sam", "progress": "Too early."})
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "held_on"
    full = call(client, social_worker, "GET", f"/cp-plans/{plan.pk}").json()
    assert len(full["core_group"]) == 1 and len(full["meetings"]) == 1


def test_unseen_children_are_404(client, fletchers, outsider, social_worker, plan_for):
    plan = plan_for(fletchers["jack"])
    assert call(client, outsider, "GET",
                f"/people/{fletchers['jack'].pk}/cp-plans").status_code == 404
    assert call(client, outsider, "GET",
                f"/conferences/{plan.conference_id}").status_code == 404
    assert call(client, outsider, "POST", f"/people/{fletchers['jack'].pk}/conferences", {
        "kind": "roth", "held_on": "2026-11-30", "chair_name": "Chris",
        "invitees": [{"name": "A", "agency": "B"}]}).status_code == 404
