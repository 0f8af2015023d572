"""Urgency is the worker's choice, and an immediate contact has its own deadline (R-FD-4).

Fran takes the calls, Carla manages the CRS team, Eddie works out of hours and Edna manages the
Emergency Duty Team. The teacher's call (``call``) came in on Tuesday 17 November 2026 at 10:30.
"""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.access.models import Notification
from hearth.core.refusals import Why
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.models import Contact
from tests.conftest import make_user
from tests.frontdoor.conftest import at, raises_refused
from tests.frontdoor.test_pages_contacts import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def tuesday(time_machine):
    """Tuesday 17 November 2026, 11:00: half an hour after the teacher's call."""
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    return time_machine


@pytest.fixture
def edt_manager(edt_worker):
    return make_user("edna", Role.TEAM_MANAGER, team=edt_worker.team, first="Edna",
                     last="Practice")


def text(response) -> str:
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


def record(user, fletchers, call, **changes) -> Contact:
    return actions.do_record_contact(acting_user=user, people=[(fletchers["jack"], "child")],
                                     **{**call, **changes})


def api_post(client, user, url, body):
    return client.post(url, json.dumps(body), content_type="application/json",
                       headers={"Authorization": f"Bearer {do_create_token(user)}"})


def api_get(client, user, url):
    return client.get(url, headers={"Authorization": f"Bearer {do_create_token(user)}"})


# --- No default: the worker chooses -----------------------------------------------------------


def test_the_contact_form_has_no_urgency_chosen_and_refuses_none_R_FD_4(
        tuesday, as_user, front_door, call):
    fran = as_user(front_door)
    page = fran.get("/contacts/new").content.decode()
    urgency_inputs = re.findall(r'<input[^>]*name="urgency"[^>]*>', page)
    assert len(urgency_inputs) == 3 and not any("checked" in i for i in urgency_inputs)
    data = form_data(call)
    del data["urgency"]
    refused = fran.post("/contacts/new", data)
    assert refused.status_code == 400
    assert "Select how urgent the contact is" in text(refused)
    assert 'href="#id_urgency' in refused.content.decode()  # in the error summary
    assert 'value="Ms Amira Shah"' in refused.content.decode()  # nothing typed is lost
    assert fran.get("/contacts/new/people")["Location"] == "/contacts/new"  # no draft kept


def test_a_partner_system_must_send_the_urgency_R_FD_4(tuesday, client, front_door, fletchers,
                                                         call):
    body = {k: v for k, v in call.items() if k not in ("received_at", "urgency")}
    body["received_at"] = "2026-11-17T10:30:00+00:00"
    missing = api_post(client, front_door, "/api/v1/contacts", body)
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} == {"urgency"}
    wrong = api_post(client, front_door, "/api/v1/contacts", {**body, "urgency": "soon"})
    assert wrong.status_code == 422
    assert {e["field"] for e in wrong.json()["errors"]} == {"urgency"}
    assert not Contact.objects.exists()


def test_the_action_records_no_contact_without_an_urgency_R_FD_4(front_door, fletchers, call):
    without = {k: v for k, v in call.items() if k != "urgency"}
    with raises_refused(Why.INPUT) as refused:
        actions.do_record_contact(acting_user=front_door, now=at(2026, 11, 17, 11, 0),
                                  people=[(fletchers["jack"], "child")], **without)
    assert set(refused.value.problems) == {"urgency"}
    assert not Contact.objects.exists()


# --- An immediate contact: its own deadline, the top of every queue, the manager told ---------


def test_an_immediate_contact_is_due_four_hours_after_receipt_then_overdue_R_FD_4(
        tuesday, as_user, front_door, crs_manager, fletchers, call):
    contact = record(front_door, fletchers, call, urgency="immediate")
    assert contact.decision_due == at(2026, 11, 17, 14, 30)  # not Wednesday 17:00
    page = text(as_user(front_door).get(f"/contacts/{contact.pk}"))
    assert "17 November 2026, 14:30 (3 hours 30 minutes left)" in page
    assert "Immediate: due within 4 hours of receipt" in page
    queue = text(as_user(front_door).get("/contacts"))
    assert "3 hours 30 minutes left" in queue and "Due 14:30: 4-hour deadline" in queue

    tuesday.move_to(at(2026, 11, 17, 15, 0), tick=False)
    assert "Overdue by 30 minutes" in text(as_user(front_door).get("/contacts"))
    assert "Overdue by 30 minutes" in text(as_user(front_door).get(f"/contacts/{contact.pk}"))
    overdue = text(as_user(crs_manager).get("/contacts/timeliness"))
    assert contact.reference in overdue and "Overdue by 30 minutes" in overdue


def test_the_immediate_deadline_is_a_setting_R_FD_4(settings, front_door, fletchers, call):
    settings.IMMEDIATE_DEADLINE_HOURS = 2
    contact = record(front_door, fletchers, call, urgency="immediate",
                     now=at(2026, 11, 17, 11, 0))
    assert contact.decision_due == at(2026, 11, 17, 12, 30)


def test_an_immediate_contact_goes_to_the_top_of_every_queue_R_FD_4(
        tuesday, as_user, client, front_door, crs_manager, edt_worker, fletchers, call):
    overdue = record(front_door, fletchers, call, received_at=at(2026, 11, 16, 10, 0))
    tuesday.move_to(at(2026, 11, 18, 18, 0), tick=False)  # Wednesday evening: EDT hours
    edt_routine = record(edt_worker, fletchers, call, received_at=at(2026, 11, 18, 17, 30),
                         urgency="routine")
    immediate = record(edt_worker, fletchers, call, received_at=at(2026, 11, 18, 17, 45),
                       urgency="immediate")
    tuesday.move_to(at(2026, 11, 19, 10, 0), tick=False)  # Thursday: both EDT ones handed over

    def order(content: str, *contacts) -> list[int]:
        return [content.index(f">{c.reference}<") for c in contacts]

    crs = as_user(front_door).get("/contacts").content.decode()
    first, second, third = order(crs, immediate, overdue, edt_routine)
    assert first < second < third  # the immediate one above even the overdue one
    edt = as_user(edt_worker).get("/contacts/edt").content.decode()
    assert order(edt, immediate, edt_routine)[0] < order(edt, immediate, edt_routine)[1]
    report = as_user(crs_manager).get("/contacts/timeliness").content.decode()
    assert order(report, immediate, overdue)[0] < order(report, immediate, overdue)[1]
    listed = api_get(client, front_door, "/api/v1/contacts")
    assert listed.status_code == 200
    assert [c["id"] for c in listed.json()] == [immediate.pk, overdue.pk, edt_routine.pk]
    assert listed.json()[0]["urgency"] == "immediate" and listed.json()[0]["overdue"]
    # A page at a time (issue 14): the same order across pages, how many in all and where the
    # other pages are in the headers, and a page that is not a number named as bad input.
    first = api_get(client, front_door, "/api/v1/contacts?page_size=2")
    assert [c["id"] for c in first.json()] == [immediate.pk, overdue.pk]
    assert first["X-Total-Count"] == "3"
    assert 'page=2>; rel="next"' in first["Link"] and "page_size=2" in first["Link"]
    second = api_get(client, front_door, "/api/v1/contacts?page_size=2&page=2")
    assert [c["id"] for c in second.json()] == [edt_routine.pk]
    assert 'rel="next"' not in second["Link"] and 'page=1>; rel="prev"' in second["Link"]
    assert api_get(client, front_door, "/api/v1/contacts?page=9").json() == []
    for bad in ("page=two", "page=0", "page_size=501"):
        refused = api_get(client, front_door, f"/api/v1/contacts?{bad}")
        assert refused.status_code == 422 and bad.split("=")[0] in refused.json()["detail"]


def test_an_immediate_contact_tells_the_crs_manager_at_once_R_FD_4(
        tuesday, front_door, crs_manager, edt_manager, fletchers, call,
        django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as after_commit:
        contact = record(front_door, fletchers, call, urgency="immediate")
    told = Notification.objects.get(user=crs_manager)
    assert told.subject.startswith(f"Immediate contact {contact.reference}")
    assert "14:30" in told.subject and told.link == f"/contacts/{contact.pk}"
    assert not Notification.objects.filter(user=edt_manager).exists()  # office hours
    assert after_commit  # the e-mail is sent only once the contact is recorded
    record(front_door, fletchers, call)  # "today": nobody is interrupted
    assert Notification.objects.filter(user=crs_manager).count() == 1


def test_out_of_hours_an_immediate_contact_tells_the_edt_manager_R_FD_4_R_EDT_1(
        time_machine, edt_worker, edt_manager, crs_manager, fletchers, call):
    time_machine.move_to(at(2026, 11, 21, 2, 0), tick=False)  # Saturday night
    contact = record(edt_worker, fletchers, call, received_at=at(2026, 11, 21, 1, 50),
                     urgency="immediate")
    assert contact.is_edt and contact.decision_due == at(2026, 11, 21, 5, 50)
    assert Notification.objects.filter(user=edt_manager).count() == 1
    assert not Notification.objects.filter(user=crs_manager).exists()


def test_without_an_edt_manager_the_on_call_senior_manager_is_told_R_FD_4(
        time_machine, edt_worker, sol_on_call_tonight, fletchers, call):
    time_machine.move_to(at(2026, 11, 17, 23, 0), tick=False)
    record(edt_worker, fletchers, call, received_at=at(2026, 11, 17, 22, 50),
           urgency="immediate")
    assert Notification.objects.filter(user=sol_on_call_tonight).count() == 1


def test_an_immediate_contact_recorded_late_is_already_overdue_R_FD_4(
        tuesday, front_door, fletchers, call):
    contact = record(front_door, fletchers, call, urgency="immediate",
                     received_at=at(2026, 11, 17, 6, 0))
    assert contact.decision_due == at(2026, 11, 17, 10, 0)
    assert contact.decision_due < at(2026, 11, 17, 11, 0) - timedelta(minutes=59)
