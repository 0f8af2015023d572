"""Missing episodes (R-CLA-6): Sam records that Jack went missing — the page says so first and
plainly, the chronology and the audit trail have it; Jack is back and the return interview
falls due 72 hours later on Sam's list; the third episode in 90 days tells Sam and Tina; bad
input and stale edits are refused naming the field, nothing written; the API does the same
with ETags; Olly, who may not see Jack, gets 404."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry, Notification
from hearth.chronology.models import Event
from hearth.core.due import due_for
from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.missing import actions
from hearth.missing.models import MissingEpisode

pytestmark = pytest.mark.django_db


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


def london(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M")


def record(child, user, **overrides):
    values = {"kind": "M", "started_at": ago(hours=5), "reported_by": "Foster carer",
              **overrides}
    return actions.do_record_episode(child, acting_user=user, **values)


def test_sam_records_jack_missing_then_back_and_the_interview_falls_due_R_CLA_6(
        as_user, social_worker, fletchers):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    went = ago(hours=6)
    page = sam.post(f"/people/{jack.pk}/missing/new",
                    {"kind": "M", "started_at": london(went), "reported_by": "Kerry, his mum"})
    assert page.status_code == 302, page.content.decode()
    episode = MissingEpisode.objects.get(child=jack)
    person_page = sam.get(f"/people/{jack.pk}").content.decode()
    assert "Missing now" in person_page and "since" in person_page
    assert person_page.index("Missing now") < person_page.index("Missing episodes")
    assert Event.objects.filter(person_id=jack.pk, kind="went_missing").exists()
    assert AuditEntry.objects.filter(action="record_missing_episode",
                                     object_id=str(jack.pk)).exists()

    back = ago(hours=1)
    sam.post(f"/missing/{episode.pk}/return", {"version": 1, "ended_at": london(back),
                                               "where_found": "At the skate park"})
    episode.refresh_from_db()
    assert episode.ended_at is not None and episode.version == 2
    due = [i for i in due_for(social_worker) if i.kind == "return_interview"]
    assert [i.what for i in due] == ["Offer a return interview"]
    assert due[0].due_on == timezone.localtime(episode.ended_at + timedelta(hours=72)).date()

    sam.post(f"/missing/{episode.pk}/interview", {
        "version": 2, "offered_at": london(ago(minutes=30)), "accepted": "yes",
        "held_at": london(ago(minutes=10)), "held_by": "Sam", "learned": "Met older boys."})
    assert not [i for i in due_for(social_worker) if i.kind == "return_interview"]
    kinds = set(Event.objects.filter(person_id=jack.pk).values_list("kind", flat=True))
    assert {"went_missing", "missing_returned", "return_interview"} <= kinds
    assert "Missing now" not in sam.get(f"/people/{jack.pk}").content.decode()


def test_the_third_episode_in_90_days_tells_sam_and_tina_R_CLA_6(social_worker, team_manager,
                                                                 fletchers):
    jack = fletchers["jack"]
    record(jack, social_worker, started_at=ago(days=80), ended_at=ago(days=79))
    record(jack, social_worker, started_at=ago(days=30), ended_at=ago(days=29))
    assert not Notification.objects.exists()
    record(jack, social_worker)
    told = set(Notification.objects.values_list("user__username", flat=True))
    assert told == {social_worker.username, team_manager.username}
    assert "3 times in 90 days" in Notification.objects.first().subject


def test_bad_input_is_refused_naming_the_field_and_nothing_is_written_R_CLA_6(
        as_user, social_worker, fletchers):
    jack = fletchers["jack"]
    with pytest.raises(Refused) as unknown:
        record(jack, social_worker, kind="X")
    assert unknown.value.field == "kind"
    episode = record(jack, social_worker)
    sam = as_user(social_worker)
    before = sam.post(f"/missing/{episode.pk}/return",
                      {"version": 1, "ended_at": london(ago(hours=7))})
    assert before.status_code == 400
    assert "cannot be before they went missing" in before.content.decode()
    with pytest.raises(Refused) as state:
        record(jack, social_worker)
    assert state.value.why == Why.STATE
    actions.do_record_return(episode, acting_user=social_worker, expected_version=1,
                             ended_at=ago(hours=2))
    with pytest.raises(Refused) as early:
        actions.do_record_interview(episode, acting_user=social_worker, expected_version=2,
                                    offered_at=ago(hours=3), accepted=False)
    assert early.value.field == "offered_at"
    with pytest.raises(StaleEdit):
        actions.do_record_interview(episode, acting_user=social_worker, expected_version=1,
                                    offered_at=ago(hours=1), accepted=False)
    stale = sam.post(f"/missing/{episode.pk}/interview",
                     {"version": 1, "offered_at": london(ago(hours=1)), "accepted": "no"})
    assert stale.status_code == 409
    episode.refresh_from_db()
    assert episode.interview_offered_at is None and episode.version == 2
    assert MissingEpisode.objects.count() == 1


def call(client, user, method, url, body=None, **headers):
    token = do_create_token(user, scope="write")
    return client.generic(method, url, json.dumps(body if body is not None else {}),
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {token}", **headers})


def test_the_api_records_reads_with_etags_and_refuses_R_CLA_6(client, social_worker, outsider,
                                                             fletchers):
    jack = fletchers["jack"]
    url = "/api/v1/missing-episodes"
    bad = call(client, social_worker, "POST", url, {
        "person_id": str(jack.pk), "kind": "Z", "started_at": ago(hours=2).isoformat(),
        "reported_by": "Police"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "kind"
    made = call(client, social_worker, "POST", url, {
        "person_id": str(jack.pk), "kind": "A", "started_at": ago(hours=2).isoformat(),
        "reported_by": "Police"})
    assert made.status_code == 201, made.content
    first = made.json()["id"]
    again = call(client, social_worker, "POST", url, {
        "person_id": str(jack.pk), "kind": "M", "started_at": ago(hours=1).isoformat(),
        "reported_by": "Police"})
    assert again.status_code == 409
    read = call(client, social_worker, "GET", f"{url}/{first}")
    etag = read["ETag"]
    back = {"ended_at": ago(hours=3).isoformat(), "where_found": "Town centre"}
    assert call(client, social_worker, "POST", f"{url}/{first}/return", back).status_code == 428
    early = call(client, social_worker, "POST", f"{url}/{first}/return", back, If_Match=etag)
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "ended_at"
    back["ended_at"] = ago(minutes=5).isoformat()
    done = call(client, social_worker, "POST", f"{url}/{first}/return", back, If_Match=etag)
    assert done.status_code == 200 and done.json()["interview_due"]
    stale = call(client, social_worker, "POST", f"{url}/{first}/return", back, If_Match=etag)
    assert stale.status_code == 412
    assert call(client, outsider, "GET", f"{url}/{first}").status_code == 404
    listed = call(client, social_worker, "GET", f"{url}?person={jack.pk}").json()
    assert [e["kind"] for e in listed["episodes"]] == ["A"]


def test_the_return_interview_is_on_tinas_team_list_and_on_jacks_header_R_CLA_6(
        social_worker, team_manager, outsider, fletchers, north):
    """Jack is back: the interview to offer is Sam's, his team manager Tina's team's, the
    service manager's service's and on Jack's own header; not Olly's, who may not see Jack
    (each read one query compiled once a process, issue 14)."""
    from hearth.access.codes import Role
    from hearth.core.due import TEAM, next_due
    from tests.conftest import make_user

    jack = fletchers["jack"]
    episode = record(jack, social_worker)
    actions.do_record_return(episode, acting_user=social_worker, expected_version=1,
                             ended_at=ago(hours=1), where_found="At the skate park")
    service = make_user("sian", Role.SERVICE_MANAGER, team=north)

    def interviews(user, scope="mine"):
        return [i.person_id for i in due_for(user, scope=scope)
                if i.kind == "return_interview"]

    assert interviews(social_worker) == [str(jack.pk)]
    assert interviews(team_manager, TEAM) == [str(jack.pk)]
    assert interviews(service, TEAM) == [str(jack.pk)]
    assert interviews(outsider) == interviews(outsider, TEAM) == []
    assert interviews(team_manager) == []  # not hers to hold herself
    assert next_due(social_worker, jack.pk).kind == "return_interview"
    assert next_due(social_worker, fletchers["amy"].pk) is None
