"""Involvements in the v1 API: Tina allocates, reallocates, co-allocates and closes from a
partner system with the pages' permissions, audit and If-Match rules (R-SVC-1)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Team
from hearth.casework.models import Involvement, InvolvementStatus
from tests.conftest import make_user

pytestmark = [pytest.mark.django_db]


def call(client, user, method, url, body=None, **headers):
    headers["Authorization"] = f"Bearer {do_create_token(user)}"
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers=headers)


def fields(response) -> set[str]:
    return {e["field"] for e in response.json()["errors"]}


@pytest.fixture
def waiting(fletchers, north, social_worker):
    """Leo, the Fletchers' baby, referred to Family Help North and waiting for a worker."""
    from hearth.people import actions as people

    leo = people.do_create_person(acting_user=social_worker, given_name="Leo",
                                  family_name="Fletcher", date_of_birth=date(2025, 3, 1),
                                  sex="M")
    people.do_add_relationship(fletchers["mum"], leo, acting_user=social_worker, kind="mother")
    return Involvement.objects.create(person=leo, team=north, worker=None,
                                      status=InvolvementStatus.AWAITING_ALLOCATION,
                                      opened_on=date(2026, 11, 2), primary_need="N1",
                                      referral_date=date(2026, 11, 2))


@pytest.fixture
def bea(north):
    return make_user("bea", Role.SOCIAL_WORKER, team=north, first="Bea", last="Worker")


def test_tina_allocates_leo_to_sam_with_if_match(client, team_manager, social_worker,
                                                 waiting):
    url = f"/api/v1/involvements/{waiting.pk}"
    read = call(client, team_manager, "GET", url)
    assert read.status_code == 200
    assert read.json()["status"] == "awaiting_allocation" and read.json()["worker"] is None
    etag = read["ETag"]
    body = {"worker_id": social_worker.pk}
    assert call(client, team_manager, "POST", url + "/allocate", body).status_code == 428
    ok = call(client, team_manager, "POST", url + "/allocate", body, **{"If-Match": etag})
    assert ok.status_code == 200, ok.content
    assert ok.json()["worker"] == "Sam Worker" and ok.json()["status"] == "open"
    assert ok["ETag"] != etag
    assert AuditEntry.objects.filter(action="allocate", username="tina").count() == 1
    # A second manager acting on the same read is told it changed; nothing more is written.
    stale = call(client, team_manager, "POST", url + "/reallocate", body, **{"If-Match": etag})
    assert stale.status_code == 412
    assert AuditEntry.objects.filter(action="reallocate").count() == 0


def test_allocation_refusals_name_the_field_and_write_nothing(client, team_manager,
                                                              social_worker, outsider,
                                                              waiting):
    url = f"/api/v1/involvements/{waiting.pk}"
    etag = call(client, team_manager, "GET", url)["ETag"]
    olly = call(client, team_manager, "POST", url + "/allocate", {"worker_id": outsider.pk},
                **{"If-Match": etag})
    assert olly.status_code == 422
    assert fields(olly) == {"worker_id"} and "not in Family Help North" in olly.json()["detail"]
    nobody = call(client, team_manager, "POST", url + "/allocate", {"worker_id": 999999},
                  **{"If-Match": etag})
    assert nobody.status_code == 422 and fields(nobody) == {"worker_id"}
    missing = call(client, team_manager, "POST", url + "/allocate", {}, **{"If-Match": etag})
    assert missing.status_code == 422 and fields(missing) == {"worker_id"}
    waiting.refresh_from_db()
    assert waiting.worker is None and waiting.version == 1
    # Jack is already allocated: that is the involvement's state, not the input (409).
    jack = Involvement.objects.get(person__given_name="Jack")
    jack_url = f"/api/v1/involvements/{jack.pk}"
    again = call(client, team_manager, "POST", jack_url + "/allocate",
                 {"worker_id": social_worker.pk},
                 **{"If-Match": call(client, team_manager, "GET", jack_url)["ETag"]})
    assert again.status_code == 409 and "not waiting for allocation" in again.json()["detail"]
    unallocated = call(client, team_manager, "POST", url + "/reallocate",
                       {"worker_id": social_worker.pk}, **{"If-Match": etag})
    assert unallocated.status_code == 409 and unallocated.json()["errors"] == []


def test_R_SVC_1_tina_reallocates_and_co_allocates_jack(client, team_manager, social_worker,
                                                        bea, fletchers, north):
    jack = fletchers["jack"].involvements.get()
    url = f"/api/v1/involvements/{jack.pk}"
    etag = call(client, team_manager, "GET", url)["ETag"]
    same = call(client, team_manager, "POST", url + "/reallocate",
                {"worker_id": social_worker.pk}, **{"If-Match": etag})
    assert same.status_code == 422 and fields(same) == {"worker_id"}
    moved = call(client, team_manager, "POST", url + "/reallocate",
                 {"worker_id": bea.pk, "reason": "Sam is going on leave"}, **{"If-Match": etag})
    assert moved.status_code == 200 and moved.json()["worker"] == "Bea Worker"
    assert AuditEntry.objects.get(action="reallocate").reason == "Sam is going on leave"
    bridges = make_user("bella", Role.FAMILY_PRACTITIONER, team=north, first="Bella",
                        last="Bridges")
    bad_role = call(client, team_manager, "POST", url + "/secondary-workers",
                    {"worker_id": bridges.pk, "role": "juggler"},
                    **{"If-Match": moved["ETag"]})
    assert bad_role.status_code == 422 and fields(bad_role) == {"role"}
    added = call(client, team_manager, "POST", url + "/secondary-workers",
                 {"worker_id": bridges.pk, "role": "building_bridges"},
                 **{"If-Match": moved["ETag"]})
    assert added.status_code == 200, added.content
    assert added.json()["secondary_workers"] == [
        {"worker_id": bridges.pk, "worker": "Bella Bridges", "role": "building_bridges",
         "start_date": added.json()["secondary_workers"][0]["start_date"]}]
    assert AuditEntry.objects.filter(action="add_secondary_worker").count() == 1


def test_tina_closes_jacks_involvement_with_a_dfe_code(client, team_manager, fletchers):
    jack = fletchers["jack"].involvements.get()
    url = f"/api/v1/involvements/{jack.pk}"
    etag = call(client, team_manager, "GET", url)["ETag"]
    bad = call(client, team_manager, "POST", url + "/close", {"reason": "RC99"},
               **{"If-Match": etag})
    assert bad.status_code == 422 and fields(bad) == {"reason"}
    early = call(client, team_manager, "POST", url + "/close",
                 {"reason": "RC8", "closed_on": "2026-09-01"}, **{"If-Match": etag})
    assert early.status_code == 422 and fields(early) == {"closed_on"}
    closed = call(client, team_manager, "POST", url + "/close",
                  {"reason": "RC8", "closed_on": "2026-11-20"}, **{"If-Match": etag})
    assert closed.status_code == 200
    assert closed.json()["status"] == "closed" and closed.json()["closure_reason"] == "RC8"
    # Closed, Jack is no longer in the team's live work, so (casework.queries.involvement_reach)
    # he is no longer Tina's to see or close again.
    twice = call(client, team_manager, "POST", url + "/close", {"reason": "RC8"},
                 **{"If-Match": closed["ETag"]})
    assert twice.status_code == 404
    assert AuditEntry.objects.filter(action="close").count() == 1


def test_sam_reads_jacks_involvements_and_the_read_is_audited(client, social_worker,
                                                              fletchers):
    jack = fletchers["jack"]
    listed = call(client, social_worker, "GET", f"/api/v1/involvements?person={jack.pk}")
    assert listed.status_code == 200
    rows = listed.json()["involvements"]
    assert [r["team"] for r in rows] == ["Family Help North"]
    assert set(rows[0]) == {"id", "person_id", "team_id", "team", "worker_id", "worker",
                            "status", "service", "primary_need", "urgency", "opened_on",
                            "allocated_on", "closure_reason", "secondary_workers", "version"}
    assert AuditEntry.objects.filter(action="api_view_involvements", username="sam",
                                     object_id=str(jack.pk)).count() == 1
    call(client, social_worker, "GET", f"/api/v1/involvements/{rows[0]['id']}")
    assert AuditEntry.objects.filter(action="api_view_involvement", username="sam").exists()


def test_the_police_get_403_outsiders_404_and_sam_may_not_allocate(
        client, social_worker, police_partner, outsider, fletchers, waiting, south):
    jack = fletchers["jack"]
    inv = jack.involvements.get()
    assert call(client, police_partner, "GET",
                f"/api/v1/involvements?person={jack.pk}").status_code == 403
    assert call(client, police_partner, "GET", f"/api/v1/involvements/{inv.pk}"
                ).status_code == 403
    assert call(client, outsider, "GET", f"/api/v1/involvements?person={jack.pk}"
                ).status_code == 404
    assert call(client, outsider, "GET", f"/api/v1/involvements/{inv.pk}").status_code == 404
    assert not AuditEntry.objects.filter(username__in=["pat", "olly"],
                                         action__startswith="api_view").exists()
    refused = call(client, social_worker, "POST", f"/api/v1/involvements/{waiting.pk}/allocate",
                   {"worker_id": social_worker.pk}, **{"If-Match": "whatever"})
    assert refused.status_code == 403
    # South's manager does not manage North's queue: as on the pages, it is not there.
    sue = make_user("sue", Role.TEAM_MANAGER, team=south, first="Sue", last="South")
    assert Team.objects.count() == 2
    assert call(client, sue, "POST", f"/api/v1/involvements/{waiting.pk}/allocate",
                {"worker_id": social_worker.pk}, **{"If-Match": "x"}).status_code == 404


def test_the_openapi_document_describes_involvements_visits_and_notes(client):
    spec = client.get("/api/v1/openapi.json")
    assert spec.status_code == 200
    paths = spec.json()["paths"]
    for path in ("/api/v1/involvements", "/api/v1/involvements/{involvement_id}/allocate",
                 "/api/v1/involvements/{involvement_id}/secondary-workers",
                 "/api/v1/visits", "/api/v1/visits/{visit_id}",
                 "/api/v1/notes", "/api/v1/notes/{note_id}/amend"):
        assert path in paths, path
