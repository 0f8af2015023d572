"""Visits in the v1 API: Sam records a visit to Jack from a partner system (R-REC-6), reads
when his visits happened (R-RES-5) and corrects one with a reason and If-Match (R-REC-4); the
pages' permissions, visibility and audit hold."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.visits import actions
from hearth.visits.models import Visit
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")

pytestmark = [pytest.mark.django_db]

OUT_FIELDS = {"id", "person_id", "kind", "starts_at", "timing_band", "place", "who_present",
              "child_seen", "child_seen_alone", "bedroom_seen", "home_conditions",
              "parent_child_interaction", "what_was_said", "unknown_adult_seen",
              "unknown_adult_details", "outcome", "joint_worker", "recorded_by", "recorded_at",
              "amendments", "recorded_with", "version", "purpose",
              "not_seen_alone_reason"}


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Friday 20 November 2026, noon in London."""
    time_machine.move_to(datetime(2026, 11, 20, 12, 0, tzinfo=LONDON), tick=False)


def call(client, user, method, url, body=None, **headers):
    headers["Authorization"] = f"Bearer {do_create_token(user)}"
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers=headers)


def fields(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


def visit_body(child, **extra) -> dict:
    return {"person_id": str(child.pk), "kind": "unannounced",
            "starts_at": "2026-11-19T07:45:00+00:00", "place": "Family home, Mill Lane",
            "who_present": "Kerry (mother), Jack, a man who gave his name as Dean",
            "child_seen": True, "child_seen_alone": True, "bedroom_seen": True,
            "home_conditions": "Kitchen clean, food in the fridge.",
            "parent_child_interaction": "Kerry comforted Jack when he fell; he went to her.",
            "what_was_said": "Jack said Dean sleeps over most nights.",
            "unknown_adult_seen": True,
            "unknown_adult_details": "Dean, about 30, said he is Kerry's new partner.",
            "outcome": "completed", **extra}


def test_R_REC_6_sam_records_a_visit_from_a_partner_system(client, social_worker, fletchers):
    jack = fletchers["jack"]
    response = call(client, social_worker, "POST", "/api/v1/visits", visit_body(jack))
    assert response.status_code == 201, response.content
    visit = response.json()
    assert set(visit) == OUT_FIELDS
    assert visit["timing_band"] == "early_morning"
    assert visit["unknown_adult_seen"] is True
    assert visit["unknown_adult_details"].startswith("Dean, about 30")
    assert visit["recorded_by"] == "Sam Worker"
    assert visit["purpose"] == "other"  # not sent: it counts towards no plan
    assert response["ETag"] == f'"visit-{visit["id"]}-v1"'
    saved = Visit.objects.get()
    assert saved.starts_at == datetime(2026, 11, 19, 7, 45, tzinfo=ZoneInfo("UTC"))
    assert saved.recorded_by == social_worker and saved.involvement == jack.involvements.get()
    assert AuditEntry.objects.filter(action="visit.record", object_id=str(jack.pk)).count() == 1


def test_bad_visits_are_422_naming_the_field_and_nothing_is_written(client, social_worker,
                                                                    fletchers):
    jack = fletchers["jack"]
    naive = call(client, social_worker, "POST", "/api/v1/visits",
                 visit_body(jack, starts_at="2026-11-19T07:45:00"))
    assert naive.status_code == 422 and fields(naive) == {"starts_at"}
    assert "for example 2026-11-19T07:45:00+00:00" in naive.json()["errors"][0]["message"]
    future = call(client, social_worker, "POST", "/api/v1/visits",
                  visit_body(jack, starts_at="2026-11-21T10:00:00+00:00"))
    assert future.status_code == 422 and fields(future) == {"starts_at"}
    assert "future" in future.json()["detail"]
    not_seen = call(client, social_worker, "POST", "/api/v1/visits",
                    visit_body(jack, child_seen=False))
    assert not_seen.status_code == 422 and fields(not_seen) == {"child_seen_alone"}
    undescribed = call(client, social_worker, "POST", "/api/v1/visits",
                       visit_body(jack, unknown_adult_details=""))
    assert undescribed.status_code == 422 and fields(undescribed) == {"unknown_adult_details"}
    not_alone = call(client, social_worker, "POST", "/api/v1/visits",
                     visit_body(jack, purpose="cin", child_seen_alone=False))
    assert not_alone.status_code == 422 and fields(not_alone) == {"not_seen_alone_reason"}
    assert "why the child was not seen alone" in not_alone.json()["detail"]
    odd = call(client, social_worker, "POST", "/api/v1/visits", visit_body(jack, kind="drive-by"))
    assert odd.status_code == 422 and fields(odd) == {"kind"}
    assert not Visit.objects.exists()
    assert not AuditEntry.objects.filter(action="visit.record").exists()


def test_R_RES_5_the_list_shows_timing_bands_and_the_prompt_and_is_audited(
        client, social_worker, fletchers):
    jack = fletchers["jack"]
    for day, hour in ((16, 10), (17, 14), (18, 11)):
        actions.do_record_visit(jack, acting_user=social_worker, kind="planned",
                                starts_at=datetime(2026, 11, day, hour, 0, tzinfo=LONDON),
                                place="Family home", child_seen=True, outcome="completed")
    listed = call(client, social_worker, "GET", f"/api/v1/visits?person={jack.pk}")
    assert listed.status_code == 200
    assert listed.json()["vary_timing"] is True
    assert [v["timing_band"] for v in listed.json()["visits"]] == ["office_hours"] * 3
    assert AuditEntry.objects.filter(action="view_visits", username="sam",
                                     object_id=str(jack.pk)).count() == 1
    call(client, social_worker, "POST", "/api/v1/visits",
         visit_body(jack, starts_at="2026-11-19T18:30:00+00:00"))
    listed = call(client, social_worker, "GET", f"/api/v1/visits?person={jack.pk}").json()
    assert listed["vary_timing"] is False
    assert listed["visits"][0]["timing_band"] == "evening"


def test_R_REC_4_sam_corrects_a_visit_with_a_reason_and_if_match(client, social_worker,
                                                                   team_manager, fletchers):
    """R-REC-4: a visit is corrected through an amendment with a reason, shown with the visit
    (who, when, why, before and after); If-Match guards against lost updates."""
    jack = fletchers["jack"]
    created = call(client, social_worker, "POST", "/api/v1/visits", visit_body(jack))
    assert created.json()["amendments"] == []
    url = f"/api/v1/visits/{created.json()['id']}"
    read = call(client, social_worker, "GET", url)
    assert read.status_code == 200 and set(read.json()) == OUT_FIELDS
    etag = read["ETag"]
    assert AuditEntry.objects.filter(action="view_visits", username="sam").count() == 1
    body = {"place": "Jack's school", "reason": "I wrote the wrong place"}
    assert call(client, social_worker, "POST", url + "/amend", body).status_code == 428
    no_reason = call(client, social_worker, "POST", url + "/amend",
                     {"place": "Jack's school", "reason": "  "}, **{"If-Match": etag})
    assert no_reason.status_code == 422 and fields(no_reason) == {"reason"}
    ok = call(client, social_worker, "POST", url + "/amend", body, **{"If-Match": etag})
    assert ok.status_code == 200, ok.content
    assert ok.json()["place"] == "Jack's school" and ok.json()["version"] == 2
    [amendment] = ok.json()["amendments"]
    assert amendment["field"] == "place" and amendment["field_label"] == "Where"
    assert (amendment["before"], amendment["after"]) == ("Family home, Mill Lane",
                                                         "Jack's school")
    assert amendment["reason"] == "I wrote the wrong place"
    assert amendment["amended_by"] == "Sam Worker"
    assert amendment["amended_at"].startswith("2026-11-20T12:00:00")
    assert call(client, social_worker, "GET", url).json()["amendments"] == [amendment]
    # Tina read the visit before Sam's correction: hers would overwrite it, so it is refused.
    stale = call(client, team_manager, "POST", url + "/amend",
                 {"place": "Lost", "reason": "x"}, **{"If-Match": etag})
    assert stale.status_code == 412
    fresh = {"If-Match": ok["ETag"]}
    future = call(client, social_worker, "POST", url + "/amend",
                  {"starts_at": "2026-11-22T09:00:00+00:00", "reason": "time"}, **fresh)
    assert future.status_code == 422 and fields(future) == {"starts_at"}
    naive = call(client, social_worker, "POST", url + "/amend",
                 {"starts_at": "2026-11-18T09:00:00", "reason": "time"}, **fresh)
    assert naive.status_code == 422 and fields(naive) == {"starts_at"}
    null = call(client, social_worker, "POST", url + "/amend",
                {"place": None, "reason": "x"}, **fresh)
    assert null.status_code == 422 and fields(null) == {"place"}
    same = call(client, social_worker, "POST", url + "/amend",
                {"place": "Jack's school", "reason": "x"}, **fresh)
    assert same.status_code == 422 and "Nothing to correct" in same.json()["detail"]
    visit = Visit.objects.get()
    assert visit.place == "Jack's school" and visit.version == 2
    assert visit.recorded_by == social_worker  # R-REC-2
    entry = AuditEntry.objects.get(action="visit.amend")
    assert entry.fields["place"] == ["Family home, Mill Lane", "Jack's school"]
    assert entry.fields["reason"] == "I wrote the wrong place"


def test_R_REC_4_tina_corrects_the_time_of_sams_visit(client, social_worker, team_manager,
                                                      fletchers):
    """R-REC-4: Sam's team manager may correct his visit; the time shows before and after in
    London time."""
    created = call(client, social_worker, "POST", "/api/v1/visits",
                   visit_body(fletchers["jack"]))
    url = f"/api/v1/visits/{created.json()['id']}"
    ok = call(client, team_manager, "POST", url + "/amend",
              {"starts_at": "2026-11-19T08:15:00+00:00", "reason": "Sam arrived at 08:15"},
              **{"If-Match": created["ETag"]})
    assert ok.status_code == 200, ok.content
    [amendment] = ok.json()["amendments"]
    assert (amendment["before"], amendment["after"]) == ("Thursday 19 November 2026, 07:45",
                                                         "Thursday 19 November 2026, 08:15")
    assert amendment["amended_by"] == "Tina Manager"


def test_R_REC_4_a_silent_patch_is_gone(client, social_worker, fletchers):
    """R-REC-4: the old PATCH that changed a visit in place without a reason no longer
    exists; nothing changes."""
    created = call(client, social_worker, "POST", "/api/v1/visits",
                   visit_body(fletchers["jack"]))
    url = f"/api/v1/visits/{created.json()['id']}"
    patched = call(client, social_worker, "PATCH", url, {"place": "School"},
                   **{"If-Match": created["ETag"]})
    assert patched.status_code == 405
    assert Visit.objects.get().place == "Family home, Mill Lane"


def test_R_REC_4_another_worker_who_can_see_jack_gets_403(client, social_worker, north,
                                                         fletchers):
    """R-REC-4: only the recorder or their team manager corrects a visit."""
    colleague = make_user("cleo", "social_worker", team=north, first="Cleo", last="Colleague")
    created = call(client, social_worker, "POST", "/api/v1/visits",
                   visit_body(fletchers["jack"]))
    url = f"/api/v1/visits/{created.json()['id']}"
    read = call(client, colleague, "GET", url)
    assert read.status_code == 200
    refused = call(client, colleague, "POST", url + "/amend",
                   {"place": "School", "reason": "tidy"}, **{"If-Match": read["ETag"]})
    assert refused.status_code == 403
    assert "recorded this visit" in refused.json()["detail"]
    visit = Visit.objects.get()
    assert visit.place == "Family home, Mill Lane" and not visit.amendments.exists()


def test_the_police_get_403_and_an_outsider_404(client, social_worker, police_partner,
                                                outsider, fletchers):
    jack = fletchers["jack"]
    visit_id = call(client, social_worker, "POST", "/api/v1/visits",
                    visit_body(jack)).json()["id"]
    assert call(client, police_partner, "GET", f"/api/v1/visits?person={jack.pk}"
                ).status_code == 403
    assert call(client, police_partner, "POST", "/api/v1/visits",
                visit_body(jack)).status_code == 403
    assert call(client, outsider, "GET", f"/api/v1/visits?person={jack.pk}").status_code == 404
    assert call(client, outsider, "GET", f"/api/v1/visits/{visit_id}").status_code == 404
    assert call(client, outsider, "POST", f"/api/v1/visits/{visit_id}/amend",
                {"place": "x", "reason": "y"}, **{"If-Match": "x"}).status_code == 404
    assert call(client, outsider, "POST", "/api/v1/visits", visit_body(jack)).status_code == 404
    assert Visit.objects.count() == 1
    assert not AuditEntry.objects.filter(username__in=["pat", "olly"],
                                         action="view_visits").exists()
