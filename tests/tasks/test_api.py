"""Tasks in the v1 API (issue 15): Tina's system sets Sam a task about Jack; Sam's lists it,
marks it done with If-Match; a task for Olly is 422 naming assigned_to_id; Olly reads 404."""

from __future__ import annotations

import json

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.tasks.models import Task
from tests.tasks.conftest import in_days

pytestmark = pytest.mark.django_db


def call(client, user, method, url, body=None, **headers):
    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers={"Authorization": f"Bearer {do_create_token(user)}",
                                   **headers})


def test_tina_sets_sam_a_task_and_sam_marks_it_done(client, fletchers, social_worker,
                                                    team_manager):
    jack = fletchers["jack"]
    made = call(client, team_manager, "POST", "/api/v1/tasks", {
        "what": "Ring Jack's school", "assigned_to_id": social_worker.pk,
        "due_on": in_days(2).isoformat(), "person_id": str(jack.pk)})
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["assigned_to"], body["set_by"], body["person_name"], body["status"]) == (
        "Sam Worker", "Tina Manager", "Jack Fletcher", "open")
    etag = made["ETag"]
    listed = call(client, social_worker, "GET", "/api/v1/tasks")
    assert [t["id"] for t in listed.json()["tasks"]] == [body["id"]]
    url = f"/api/v1/tasks/{body['id']}/done"
    assert call(client, social_worker, "POST", url).status_code == 428
    assert call(client, social_worker, "POST", url, **{"If-Match": '"task-1-v9"'}
                ).status_code == 412
    done = call(client, social_worker, "POST", url, **{"If-Match": etag})
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["closed_by"]) == ("done", "Sam Worker")
    again = call(client, social_worker, "POST", url, **{"If-Match": done["ETag"]})
    assert again.status_code == 409
    set_by_tina = call(client, team_manager, "GET", "/api/v1/tasks?which=set_by_me").json()
    assert set_by_tina["tasks"][0]["closed_by"] == "Sam Worker"
    read = call(client, team_manager, "GET", f"/api/v1/tasks/{body['id']}")
    assert read.status_code == 200 and read["ETag"] == done["ETag"]
    assert AuditEntry.objects.filter(action="api_view_task").count() == 1


def test_refusals_are_422_naming_the_field_and_write_nothing(client, fletchers, social_worker,
                                                            team_manager, outsider):
    jack = fletchers["jack"]
    for body, field in [
            ({"what": "Visit", "assigned_to_id": outsider.pk, "due_on": in_days(1).isoformat(),
              "person_id": str(jack.pk)}, "assigned_to_id"),
            ({"what": " ", "assigned_to_id": social_worker.pk,
              "due_on": in_days(1).isoformat()}, "what"),
            ({"what": "Visit", "assigned_to_id": 99999, "due_on": in_days(1).isoformat()},
             "assigned_to_id"),
            ({"what": "Visit", "assigned_to_id": social_worker.pk,
              "due_on": in_days(-3).isoformat()}, "due_on"),
            ({"what": "x" * 501, "assigned_to_id": social_worker.pk,
              "due_on": in_days(1).isoformat()}, "what")]:
        answer = call(client, team_manager, "POST", "/api/v1/tasks", body)
        assert answer.status_code == 422, (body, answer.content)
        assert field in answer.json()["detail"]
    assert not Task.objects.exists()


def test_olly_gets_404(client, tinas_task, outsider, fletchers, social_worker):
    assert call(client, outsider, "GET", f"/api/v1/tasks/{tinas_task.pk}").status_code == 404
    cancel = call(client, outsider, "POST", f"/api/v1/tasks/{tinas_task.pk}/cancel",
                  {"reason": "x"}, **{"If-Match": '"task-1-v1"'})
    assert cancel.status_code == 404
    about_jack = call(client, outsider, "POST", "/api/v1/tasks", {
        "what": "Visit", "assigned_to_id": social_worker.pk,
        "due_on": in_days(1).isoformat(), "person_id": str(fletchers["jack"].pk)})
    assert about_jack.status_code == 404


def test_sam_cancels_with_a_reason(client, tinas_task, social_worker):
    url = f"/api/v1/tasks/{tinas_task.pk}"
    etag = call(client, social_worker, "GET", url)["ETag"]
    empty = call(client, social_worker, "POST", url + "/cancel", {"reason": ""},
                 **{"If-Match": etag})
    assert empty.status_code == 422 and "reason" in empty.json()["detail"]
    ok = call(client, social_worker, "POST", url + "/cancel", {"reason": "Done at school"},
              **{"If-Match": etag})
    assert ok.status_code == 200
    assert (ok.json()["status"], ok.json()["cancel_reason"]) == ("cancelled", "Done at school")
