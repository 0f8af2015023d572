"""The chronology in the v1 API: a partner system reads Jack's chronology with the same
filters, figures and flag as the page (R-CHR-1..3, R-PPL-3); hand entries are added and
corrected with If-Match."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.chronology import actions
from hearth.visits.actions import do_record_visit

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)


def call(client, user, method, url, body=None, **headers):
    headers["Authorization"] = f"Bearer {do_create_token(user)}"
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers=headers)


def test_sam_reads_jacks_chronology_with_figures_and_filters(client, fletchers, social_worker):
    jack = fletchers["jack"]
    do_record_visit(jack, acting_user=social_worker, kind="planned", place="Home",
                    child_seen=False, outcome="no_access",
                    starts_at=datetime(2026, 11, 3, 10, 0, tzinfo=LONDON),
                    unknown_adult_seen=True, unknown_adult_details="A man at the window")
    actions.do_add_entry(jack, acting_user=social_worker, kind="school_change",
                         occurred_on=date(2026, 9, 1), summary="Moved to Orchard Primary",
                         source_agency="Orchard Primary School")
    url = f"/api/v1/people/{jack.pk}/chronology"
    body = call(client, social_worker, "GET", url).json()
    assert body["total"] == 3 and body["scope"] == "child"
    kinds = [e["kind"] for e in body["events"]]
    assert sorted(kinds[:2]) == ["no_access", "unknown_adult"]  # newest first
    assert kinds[2] == "school_change"
    assert body["figures"]["missed_visits"] == 1 and body["figures"]["school_moves"] == 1
    assert body["unstable"] is True  # an adult not known to us (R-PPL-3)
    only = call(client, social_worker, "GET", url + "?lane=school&order=oldest").json()
    assert [e["summary"] for e in only["events"]] == ["Moved to Orchard Primary"]
    period = call(client, social_worker, "GET", url + "?date_from=2026-11-01").json()
    assert {e["kind"] for e in period["events"]} == {"no_access", "unknown_adult"}
    bad = call(client, social_worker, "GET", url + "?date_from=2026-02-31")
    assert bad.status_code == 422 and bad.json()["detail"].startswith("date_from:")
    assert call(client, social_worker, "GET", url + "?lane=rumours").status_code == 422
    assert AuditEntry.objects.filter(action="api_view_chronology",
                                     object_id=str(jack.pk)).count() == 3


def test_who_may_read_it(client, fletchers, outsider, police_partner):
    url = f"/api/v1/people/{fletchers['jack'].pk}/chronology"
    assert call(client, outsider, "GET", url).status_code == 404
    assert call(client, police_partner, "GET", url).status_code == 403
    assert call(client, outsider, "GET", "/api/v1/people/not-a-uuid/chronology"
                ).status_code == 404


def test_a_hand_entry_is_added_and_corrected_with_if_match(client, fletchers, social_worker):
    jack = fletchers["jack"]
    url = f"/api/v1/people/{jack.pk}/chronology"
    future = call(client, social_worker, "POST", url, {
        "kind": "injury", "occurred_on": "2027-01-01", "summary": "Bruise",
        "source_agency": "School"})
    assert future.status_code == 422 and "occurred_on" in future.json()["detail"]
    made = call(client, social_worker, "POST", url, {
        "kind": "injury", "occurred_on": "2026-11-10", "summary": "Bruise on the arm",
        "source_agency": "School", "source_person": "Mrs Okafor"})
    assert made.status_code == 201
    entry = made.json()
    one = f"{url}/{entry['id']}"
    assert call(client, social_worker, "PATCH", one,
                {"reason": "x", "summary": "y"}).status_code == 428
    no_reason = call(client, social_worker, "PATCH", one, {"reason": " ", "summary": "y"},
                     **{"If-Match": made["ETag"]})
    assert no_reason.status_code == 422
    ok = call(client, social_worker, "PATCH", one,
              {"reason": "School sent the body map", "summary": "Bruise on the upper arm"},
              **{"If-Match": made["ETag"]})
    assert ok.status_code == 200 and ok.json()["summary"] == "Bruise on the upper arm"
    stale = call(client, social_worker, "PATCH", one, {"reason": "again", "summary": "z"},
                 **{"If-Match": made["ETag"]})
    assert stale.status_code == 412
