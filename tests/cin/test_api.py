"""``/api/v1/cin``: Sam's case-management system starts Jack's plan, reads it with its ETag,
records a CIN meeting and ends the plan with If-Match; bad input is 422 naming the field, the
plan's state 409, a stale version 412, none sent 428, a child not seen 404; nothing is
written when refused (R-CIN-1, R-CIN-2)."""

from __future__ import annotations

import json
from datetime import timedelta

from hearth.access.actions.users import do_create_token
from hearth.cin.models import CINMeeting, CINPlan
from tests.cin.conftest import TODAY

PLANS = "/api/v1/cin/plans"


def call(client, user, method, url, body=None, **headers):
    token = do_create_token(user, scope="write")
    return client.generic(method, url, data=json.dumps(body or {}),
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {token}", **headers})


def test_R_CIN_1_a_partner_system_starts_reads_meets_and_ends_a_plan(
        client, social_worker, fletchers, assessment):
    body = {"assessment_id": assessment.pk, "start_on": str(TODAY), "needs": "School",
            "actions": [{"what": "Walk Jack to school", "owner": "Kerry",
                         "due_on": str(TODAY + timedelta(days=7))}]}
    created = call(client, social_worker, "POST", PLANS, body)
    assert created.status_code == 201, created.content
    plan = created.json()
    assert plan["next_visit_due"] == "2026-12-15" and plan["next_meeting_due"] == "2027-02-17"
    url = f"{PLANS}/{plan['id']}"
    read = call(client, social_worker, "GET", url)
    tag = read["ETag"]
    assert tag == f'"cinplan-{plan["id"]}-v1"'
    meeting = {"held_on": str(TODAY), "attendees": ["Kerry Fletcher"],
               "progress": [{"action_id": plan["actions"][0]["id"], "status": "done"}]}
    assert call(client, social_worker, "POST", f"{url}/meetings", meeting).status_code == 428
    met = call(client, social_worker, "POST", f"{url}/meetings", meeting, **{"If-Match": tag})
    assert met.status_code == 200 and met.json()["meetings"][0]["progress"][0]["status"] == "done"
    stale = call(client, social_worker, "POST", f"{url}/end",
                 {"end_on": str(TODAY), "end_reason": "case_closed"}, **{"If-Match": tag})
    assert stale.status_code == 412
    ended = call(client, social_worker, "POST", f"{url}/end",
                 {"end_on": str(TODAY), "end_reason": "case_closed"},
                 **{"If-Match": met["ETag"]})
    assert ended.status_code == 200 and ended.json()["end_reason"] == "case_closed"
    again = call(client, social_worker, "POST", f"{url}/end",
                 {"end_on": str(TODAY), "end_reason": "case_closed"},
                 **{"If-Match": ended["ETag"]})
    assert again.status_code == 409


def test_bad_input_is_422_naming_the_field_and_nothing_is_written(
        client, social_worker, outsider, plan):
    url = f"{PLANS}/{plan.pk}"
    tag = call(client, social_worker, "GET", url)["ETag"]
    before = plan.start_on - timedelta(days=1)
    cases = [
        ("end", {"end_on": str(before), "end_reason": "case_closed"}, "end_on"),
        ("end", {"end_on": str(TODAY), "end_reason": "moved_away"}, "end_reason"),
        ("meetings", {"held_on": str(before), "attendees": ["Kerry"],
                      "progress": [{"action_id": a.pk, "status": "done"}
                                   for a in plan.actions.all()]}, "held_on"),
        ("meetings", {"held_on": str(TODAY), "attendees": ["Kerry"],
                      "progress": [{"action_id": a.pk, "status": "done"}
                                   for a in plan.actions.all()],
                      "new_actions": [{"what": "GP", "owner": ""}]},
         "new_actions.0.owner"),
    ]
    for step, body, field in cases:
        response = call(client, social_worker, "POST", f"{url}/{step}", body,
                        **{"If-Match": tag})
        assert response.status_code == 422, (step, response.content)
        assert field in response.content.decode(), (field, response.content)
    plan.refresh_from_db()
    assert plan.end_on is None and plan.version == 1 and not CINMeeting.objects.exists()
    assert call(client, outsider, "GET", url).status_code == 404


def test_an_action_without_owner_or_date_is_422_and_no_plan_is_started(
        client, social_worker, assessment):
    response = call(client, social_worker, "POST", PLANS, {
        "assessment_id": assessment.pk, "start_on": str(TODAY), "needs": "School",
        "actions": [{"what": "Walk Jack to school"}]})
    assert response.status_code == 422
    errors = response.content.decode()
    assert "actions.0.owner" in errors and "actions.0.due_on" in errors
    assert not CINPlan.objects.exists()
