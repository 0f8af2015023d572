"""Engagement in the v1 API: a partner system records a no-answer and hostility for Jack and
reads his events, with the same rules as the page (R-RES-1..4)."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.engagement import actions
from hearth.engagement.models import EngagementEvent, FollowUpTask
from hearth.visits.actions import do_record_visit
from tests.engagement.conftest import LONDON

pytestmark = pytest.mark.django_db


def call(client, user, method, url, body=None):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers={"Authorization": f"Bearer {do_create_token(user)}"})


def url(person) -> str:
    return f"/api/v1/engagement/people/{person.pk}/events"


def test_sam_records_no_answers_and_reads_them_back_R_RES_1_R_RES_3(
        client, fletchers, social_worker, team_manager):
    jack = fletchers["jack"]
    actions.do_record_event(jack, acting_user=social_worker, kind="missed_appointment",
                            occurred_at=datetime(2026, 11, 4, 14, 0, tzinfo=LONDON))
    made = call(client, social_worker, "POST", url(jack), {
        "kind": "no_answer", "occurred_at": "2026-11-16T08:15:00+00:00", "believed_in": True,
        "account": "A light was on upstairs."})
    assert made.status_code == 201, made.content
    body = made.json()
    assert body["kind"] == "no_answer" and body["believed_in"] is True
    assert body["recorded_by"] == "Sam Worker" and body["agency"] == "Children's services"
    task = FollowUpTask.objects.get()
    assert body["follow_up_task_id"] == task.pk and body["alert_practitioners"] is False
    listed = call(client, social_worker, "GET", url(jack))
    assert listed.status_code == 200
    assert [e["kind"] for e in listed.json()["events"]] == ["no_answer", "missed_appointment"]
    assert AuditEntry.objects.filter(action="api_view_engagement").count() == 1


def test_hostility_through_the_api_says_the_practitioners_should_be_alerted_R_RES_4(
        client, fletchers, social_worker):
    jack, mum = fletchers["jack"], fletchers["mum"]
    made = call(client, social_worker, "POST", url(jack), {
        "kind": "hostility", "occurred_at": "2026-11-16T10:00:00+00:00",
        "form": "violence_actual", "behaviours": ["physical_violence"],
        "by_person_id": str(mum.pk), "account": "Kerry pushed me down the steps.",
        "agency": "Health visiting"})
    assert made.status_code == 201
    body = made.json()
    assert body["alert_practitioners"] is True and "Actual violence" in body["escalation"]
    assert body["who"] == "Kerry Fletcher" and body["by_person_id"] == str(mum.pk)


@pytest.mark.parametrize(("payload", "field"), [
    ({"kind": "hostility", "form": "confrontation", "by_whom": "Kerry"}, "account"),
    ({"kind": "hostility", "form": "fury", "by_whom": "Kerry", "account": "x"}, "form"),
    ({"kind": "hostility", "form": "confrontation", "by_whom": "Kerry", "account": "x",
      "behaviours": ["glaring"]}, "behaviours"),
    ({"kind": "no_answer", "occurred_at": "2026-11-18T10:00:00+00:00"}, "occurred_at"),
    ({"kind": "no_answer", "occurred_at": "2026-11-16T10:00:00"}, "occurred_at"),
    ({"kind": "cancelled_visit"}, "cancelled_by"),
    ({"kind": "sulking"}, "kind"),
])
def test_bad_input_is_422_naming_the_field_and_nothing_is_written(
        client, fletchers, social_worker, payload, field):
    body = {"occurred_at": "2026-11-16T10:00:00+00:00", **payload}
    refused = call(client, social_worker, "POST", url(fletchers["jack"]), body)
    assert refused.status_code == 422
    assert refused.json()["detail"].startswith(f"{field}:")
    assert not EngagementEvent.objects.exists()
    assert not AuditEntry.objects.filter(action="engagement.record").exists()


def test_a_visit_or_person_from_outside_is_refused(client, fletchers, social_worker):
    from hearth.people.actions import do_create_person

    amys = do_record_visit(fletchers["amy"], acting_user=social_worker, kind="planned",
                           place="Home", child_seen=True, outcome="completed",
                           starts_at=datetime(2026, 11, 16, 9, 0, tzinfo=LONDON))
    stranger = do_create_person(acting_user=social_worker, given_name="Zed",
                                family_name="Stranger")
    base = {"kind": "no_answer", "occurred_at": "2026-11-16T10:00:00+00:00"}
    jack = fletchers["jack"]
    visit = call(client, social_worker, "POST", url(jack), {**base, "visit_id": amys.pk})
    assert visit.status_code == 422 and visit.json()["detail"].startswith("visit_id:")
    who = call(client, social_worker, "POST", url(jack),
               {**base, "by_person_id": str(stranger.pk)})
    assert who.status_code == 422 and who.json()["detail"].startswith("by_person_id:")
    missing = call(client, social_worker, "POST", url(jack), {"kind": "no_answer"})
    assert missing.status_code == 422
    assert not EngagementEvent.objects.exists()


def test_who_may_use_it(client, fletchers, outsider, police_partner):
    jack = fletchers["jack"]
    body = {"kind": "no_answer", "occurred_at": "2026-11-16T10:00:00+00:00"}
    assert call(client, outsider, "GET", url(jack)).status_code == 404
    assert call(client, outsider, "POST", url(jack), body).status_code == 404
    assert call(client, police_partner, "GET", url(jack)).status_code == 403
    assert call(client, police_partner, "POST", url(jack), body).status_code == 403
    assert call(client, outsider, "GET", "/api/v1/engagement/people/not-a-uuid/events"
                ).status_code == 404
    assert client.get(url(jack)).status_code == 401
    assert not EngagementEvent.objects.exists()
