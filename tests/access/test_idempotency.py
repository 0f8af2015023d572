"""Every API write accepts an ``Idempotency-Key`` (issue 13 item 11; IETF draft "The
Idempotency-Key HTTP Header Field"): Sam's partner system retries a case note it is not sure
was written, and Jack's record gets one note, not two."""

from __future__ import annotations

import json
import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry, IdempotencyKey
from hearth.people.models import Person
from hearth.records.actions import notes as note_actions
from hearth.records.models import CaseNote

KEY = "8e03978e-40d5-43e8-bc93-6894a57f9324"


def note_body(person, **extra) -> dict:
    occurred = (timezone.now() - timedelta(hours=2)).isoformat()
    return {"person_id": str(person.pk), "occurred_at": occurred, "place": "At home",
            "who_said_what": "Kerry said Jack slept well.", **extra}


def post(client, user, url, body, *, token=None, raw=None, **headers):
    headers["Authorization"] = f"Bearer {token or do_create_token(user)}"
    return client.post(url, raw if raw is not None else json.dumps(body),
                       content_type="application/json", headers=headers)


def writes(action: str) -> int:
    return AuditEntry.objects.filter(action=action).count()


@pytest.mark.django_db
def test_a_retried_note_is_written_once_and_the_retry_gets_the_same_answer_issue_13_item_11(
        client, social_worker, fletchers):
    token = do_create_token(social_worker)
    body = note_body(fletchers["jack"])
    first = post(client, social_worker, "/api/v1/notes", body, token=token,
                 **{"Idempotency-Key": KEY})
    assert first.status_code == 201 and not first.has_header("Idempotent-Replayed")
    # The answer was lost on the way; the partner system sends the same request again
    # (its JSON spaced differently).
    retry = post(client, social_worker, "/api/v1/notes", None, token=token,
                 raw=json.dumps(body, indent=2), **{"Idempotency-Key": KEY})
    assert retry.status_code == 201
    assert retry["Idempotent-Replayed"] == "true"
    assert retry.content == first.content and retry["ETag"] == first["ETag"]
    assert CaseNote.objects.count() == 1
    assert writes("case_note.write") == 1  # the replay is not a new write…
    replay = AuditEntry.objects.get(action="api_replay")  # …but it is audited as a read
    assert replay.username == "sam" and replay.fields["path"] == "/api/v1/notes"
    # The key may be sent as a structured-field string: the same key.
    quoted = post(client, social_worker, "/api/v1/notes", body, token=token,
                  **{"Idempotency-Key": f'"{KEY}"'})
    assert quoted["Idempotent-Replayed"] == "true" and CaseNote.objects.count() == 1


@pytest.mark.django_db
def test_the_same_key_with_a_different_body_is_refused_422_issue_13_item_11(
        client, social_worker, fletchers):
    body = note_body(fletchers["jack"])
    assert post(client, social_worker, "/api/v1/notes", body,
                **{"Idempotency-Key": KEY}).status_code == 201
    other = post(client, social_worker, "/api/v1/notes", {**body, "place": "At school"},
                 **{"Idempotency-Key": KEY})
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "Idempotency-Key"
    assert "different request" in other.json()["detail"]
    assert CaseNote.objects.count() == 1


@pytest.mark.django_db
def test_a_retry_while_the_first_is_still_being_answered_gets_409_issue_13_item_11(
        client, social_worker, fletchers, monkeypatch):
    token = do_create_token(social_worker)
    body = note_body(fletchers["jack"])
    during: list = []
    write_note = note_actions.do_write_note

    def slow_write(*args, **kwargs):
        # The partner system times out and retries while the first request is still here.
        during.append(post(Client(), social_worker, "/api/v1/notes", body, token=token,
                           **{"Idempotency-Key": KEY}))
        return write_note(*args, **kwargs)

    monkeypatch.setattr(note_actions, "do_write_note", slow_write)
    first = post(client, social_worker, "/api/v1/notes", body, token=token,
                 **{"Idempotency-Key": KEY})
    assert first.status_code == 201
    assert [r.status_code for r in during] == [409]
    assert during[0].json()["errors"][0]["field"] == "Idempotency-Key"
    assert "still being answered" in during[0].json()["detail"]
    assert CaseNote.objects.count() == 1
    monkeypatch.setattr(note_actions, "do_write_note", write_note)
    again = post(client, social_worker, "/api/v1/notes", body, token=token,
                 **{"Idempotency-Key": KEY})
    assert again["Idempotent-Replayed"] == "true" and again.content == first.content


@pytest.mark.django_db
def test_another_users_same_key_is_their_own_issue_13_item_11(client, social_worker,
                                                              team_manager, fletchers):
    body = note_body(fletchers["jack"])
    assert post(client, social_worker, "/api/v1/notes", body,
                **{"Idempotency-Key": KEY}).status_code == 201
    tinas = post(client, team_manager, "/api/v1/notes", body, **{"Idempotency-Key": KEY})
    assert tinas.status_code == 201 and not tinas.has_header("Idempotent-Replayed")
    assert tinas.json()["author"] == "Tina Manager"
    assert CaseNote.objects.count() == 2


@pytest.mark.django_db
def test_a_key_expires_after_24_hours_issue_13_item_11(client, social_worker, fletchers,
                                                       time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    body = note_body(fletchers["jack"])
    assert post(client, social_worker, "/api/v1/notes", body,
                **{"Idempotency-Key": KEY}).status_code == 201
    time_machine.move_to(timezone.now() + timedelta(hours=23, minutes=59), tick=False)
    assert post(client, social_worker, "/api/v1/notes", body,
                **{"Idempotency-Key": KEY})["Idempotent-Replayed"] == "true"
    time_machine.move_to(timezone.now() + timedelta(minutes=2), tick=False)
    later = post(client, social_worker, "/api/v1/notes", body, **{"Idempotency-Key": KEY})
    assert later.status_code == 201 and not later.has_header("Idempotent-Replayed")
    assert CaseNote.objects.count() == 2
    assert IdempotencyKey.objects.count() == 1  # the expired key was purged


@pytest.mark.django_db
def test_the_hourly_job_forgets_expired_keys_when_no_new_key_arrives_issue_13_item_11(
        client, social_worker, fletchers, time_machine):
    from hearth.jobs.actions import ensure_recurring, run_due

    time_machine.move_to(timezone.now(), tick=False)
    assert post(client, social_worker, "/api/v1/notes", note_body(fletchers["jack"]),
                **{"Idempotency-Key": KEY}).status_code == 201
    ensure_recurring()
    run_due()
    assert IdempotencyKey.objects.count() == 1  # not yet expired
    time_machine.move_to(timezone.now() + timedelta(hours=25), tick=False)
    run_due()
    assert IdempotencyKey.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["", "k" * 256, "clé", "tab\there"])
def test_a_key_that_is_not_1_to_255_printable_characters_is_refused_422(
        client, social_worker, fletchers, key):
    response = post(client, social_worker, "/api/v1/notes", note_body(fletchers["jack"]),
                    **{"Idempotency-Key": key})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "Idempotency-Key"
    assert CaseNote.objects.count() == 0


@pytest.mark.django_db
def test_a_refusal_of_the_request_itself_is_kept_but_a_refusal_of_state_is_not(
        client, social_worker, fletchers):
    """422 is replayed (every retry would get it); a 409 is not kept, so Sam confirms the
    likely duplicate with the same key and the person is created once."""
    bad = post(client, social_worker, "/api/v1/notes", {"person_id": str(fletchers["jack"].pk)},
               **{"Idempotency-Key": "bad-note"})
    assert bad.status_code == 422
    again = post(client, social_worker, "/api/v1/notes", {"person_id": str(fletchers["jack"].pk)},
                 **{"Idempotency-Key": "bad-note"})
    assert again.status_code == 422 and again["Idempotent-Replayed"] == "true"
    kerry = {"given_name": "Kerry", "family_name": "Fletcher", "date_of_birth": "1990-04-02"}
    refused = post(client, social_worker, "/api/v1/people", kerry, **{"Idempotency-Key": "kerry"})
    assert refused.status_code == 409
    people = Person.objects.count()
    created = post(client, social_worker, "/api/v1/people", {**kerry, "checked_duplicates": True},
                   **{"Idempotency-Key": "kerry"})
    assert created.status_code == 201
    retried = post(client, social_worker, "/api/v1/people", {**kerry, "checked_duplicates": True},
                   **{"Idempotency-Key": "kerry"})
    assert retried["Idempotent-Replayed"] == "true"
    assert retried.json()["id"] == created.json()["id"]
    assert Person.objects.count() == people + 1


@pytest.mark.django_db
def test_without_a_key_or_a_token_nothing_changes(client, social_worker, fletchers):
    body = note_body(fletchers["jack"])
    assert post(client, social_worker, "/api/v1/notes", body).status_code == 201
    assert post(client, social_worker, "/api/v1/notes", body).status_code == 201
    unsigned = client.post("/api/v1/notes", json.dumps(body), content_type="application/json",
                           headers={"Idempotency-Key": KEY})
    assert unsigned.status_code == 401
    assert CaseNote.objects.count() == 2 and IdempotencyKey.objects.count() == 0


def test_every_write_operation_documents_the_header(client):
    schema = Client().get("/api/v1/openapi.json").json()
    writes_ = [(path, method, op) for path, ops in schema["paths"].items()
               for method, op in ops.items() if method in {"post", "put", "patch", "delete"}]
    assert len(writes_) > 40
    undocumented = [f"{method} {path}" for path, method, op in writes_
                    if "Idempotency-Key" not in {p["name"] for p in op.get("parameters", [])}]
    assert undocumented == []
    reads = [op for ops in schema["paths"].values() for method, op in ops.items()
             if method == "get"]
    assert all("Idempotency-Key" not in {p["name"] for p in op.get("parameters", [])}
               for op in reads)


@pytest.mark.django_db(transaction=True)
def test_two_web_processes_given_the_same_key_at_once_write_one_note(social_worker, fletchers,
                                                                     monkeypatch):
    """Real concurrency (two threads, two database connections): the key's unique row lets
    one request run; the other is told it is in flight, or replays the answer."""
    token = do_create_token(social_worker)
    body = note_body(fletchers["jack"])
    write_note = note_actions.do_write_note

    def slow_write(*args, **kwargs):
        time.sleep(0.3)
        return write_note(*args, **kwargs)

    monkeypatch.setattr(note_actions, "do_write_note", slow_write)
    barrier = threading.Barrier(2)
    answers: list = []

    def send():
        barrier.wait()
        try:
            answers.append(post(Client(), social_worker, "/api/v1/notes", body, token=token,
                                **{"Idempotency-Key": KEY}))
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.status_code for a in answers) in ([201, 409], [201, 201])
    ran = [a for a in answers if a.status_code == 201 and not a.has_header("Idempotent-Replayed")]
    assert len(ran) == 1
    assert CaseNote.objects.count() == 1
