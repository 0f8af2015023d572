"""Out of hours: the EDT hands a child it first recorded to CRS (R-EDT-3), and only the senior
manager on call at that moment approves a MASH consent override (R-MASH-3).

Eddie works the Emergency Duty Team; Fran takes calls in CRS and Carla manages it; Sol is a
service manager who is on the on-call rota (``hearth oncall``) on the night of Tuesday 17
November 2026; Vic is another service manager, not on call.
"""

from __future__ import annotations

import html
import re

import pytest

from hearth.access.codes import Role
from hearth.access.models import Notification
from hearth.core.refusals import Why
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from hearth.frontdoor.models import ConsentOverride, Contact
from hearth.people.models import Person
from tests.conftest import make_user
from tests.frontdoor.conftest import at, raises_refused
from tests.frontdoor.test_pages_contacts import form_data

pytestmark = pytest.mark.django_db

JUSTIFICATION = "Mum's partner would flee with Jack if he knew the police were asked."


def text(response) -> str:
    words = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(words))


# --- R-EDT-3: a child EDT first recorded is handed to CRS -------------------------------------


def eddie_records_a_new_child(eddie, call, received) -> Contact:
    """Eddie takes a call about a girl nobody knows and creates her record as he goes."""
    assert eddie.post("/contacts/new", form_data(
        call, received_date=f"{received:%d/%m/%Y}", received_time=f"{received:%H:%M}",
        worries="A girl of about eight found alone at the station")).status_code == 302
    created = eddie.post("/contacts/new/people", {
        "step": "new", "new-given_name": "Mia", "new-family_name": "Stationer",
        "new-date_of_birth": "", "new-role": "child", "new-confirmed": "1"})
    assert created.status_code == 302
    assert eddie.post("/contacts/new/people", {"step": "record"}).status_code == 302
    return Contact.objects.latest("pk")


def test_a_child_first_recorded_by_edt_is_handed_to_crs_even_once_edt_decided_R_EDT_3(
        time_machine, as_user, front_door, edt_worker, call):
    time_machine.move_to(at(2026, 11, 20, 20, 0), tick=False)  # Friday evening
    eddie = as_user(edt_worker)
    contact = eddie_records_a_new_child(eddie, call, at(2026, 11, 20, 19, 45))
    mia = Person.objects.get(given_name="Mia")
    assert contact.is_edt and contact.links.get(person=mia).new_record
    actions.do_decide(contact, acting_user=edt_worker, outcome="early_help",
                      rationale="Mia is with her aunt tonight; Family Help can support.")

    time_machine.move_to(at(2026, 11, 21, 10, 0), tick=False)  # Saturday: still EDT's
    assert contact.reference not in as_user(front_door).get("/contacts").content.decode()
    saturday = text(as_user(front_door).get(f"/contacts/{contact.pk}"))
    assert "Will be handed to CRS at 09:00 on Monday 23 November 2026" in saturday
    assert "Handed to CRS at" not in saturday

    time_machine.move_to(at(2026, 11, 23, 9, 0), tick=False)  # Monday, the office opens
    fran = as_user(front_door)
    queue = text(fran.get("/contacts"))
    assert contact.reference in queue and "EDT handover" in queue and "Mia Stationer" in queue
    monday = text(fran.get(f"/contacts/{contact.pk}"))
    assert "Handed to CRS at 09:00 on Monday 23 November 2026" in monday
    assert "Will be handed" not in monday
    checked = fran.post(f"/contacts/{contact.pk}/handover-checked")
    assert checked.status_code == 302
    assert f'href="/contacts/{contact.pk}"' not in fran.get("/contacts").content.decode()
    assert "Checked by Fran Door" in text(fran.get(f"/contacts/{contact.pk}"))
    assert fran.post(f"/contacts/{contact.pk}/handover-checked").status_code == 400


def test_an_undecided_edt_contact_about_a_new_child_waits_for_crs_with_the_usual_deadline_R_EDT_3(
        time_machine, as_user, front_door, edt_worker, call):
    time_machine.move_to(at(2026, 11, 20, 20, 0), tick=False)
    contact = eddie_records_a_new_child(as_user(edt_worker), call, at(2026, 11, 20, 19, 45))
    assert contact.decision_due == at(2026, 11, 23, 17, 0)  # end of the next working day
    with raises_refused(Why.STATE):  # a decision, not a check, completes this handover
        time_machine.move_to(at(2026, 11, 23, 9, 30), tick=False)
        actions.do_check_handover(contact, acting_user=front_door)
    queue = text(as_user(front_door).get("/contacts"))
    assert contact.reference in queue and "7 hours 30 minutes left" in queue


def test_an_edt_contact_about_a_known_child_that_edt_decided_stays_off_the_crs_queue_R_EDT_3(
        time_machine, as_user, front_door, edt_worker, fletchers, call):
    time_machine.move_to(at(2026, 11, 20, 20, 0), tick=False)
    contact = actions.do_record_contact(acting_user=edt_worker,
                                        people=[(fletchers["jack"], "child")],
                                        **{**call, "received_at": at(2026, 11, 20, 19, 45)})
    actions.do_decide(contact, acting_user=edt_worker, outcome="already_open",
                      rationale="Jack is Sam's: passed to him.")
    time_machine.move_to(at(2026, 11, 23, 10, 0), tick=False)
    assert contact.reference not in as_user(front_door).get("/contacts").content.decode()
    page = text(as_user(front_door).get(f"/contacts/{contact.pk}"))
    assert "Not handed to CRS: EDT decided it and the child is known" in page


# --- R-MASH-3: out of hours, only the senior manager on call approves --------------------------


@pytest.fixture
def vic(db):
    return make_user("vic", Role.SERVICE_MANAGER, first="Vic", last="Senior")


@pytest.fixture
def enquiry(front_door, fletchers, call, police, time_machine):
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child"),
                                        (fletchers["mum"], "adult")], **call)
    actions.do_decide(contact, acting_user=front_door, outcome="mash", rationale="Police",
                      mash={"scope": "targeted", "rag": "red", "agencies": [police]})
    contact.refresh_from_db()
    return contact.mash


def test_out_of_hours_a_service_manager_not_on_call_cannot_approve_an_override_R_MASH_3(
        enquiry, front_door, sol_on_call_tonight, vic, time_machine):
    time_machine.move_to(at(2026, 11, 17, 22, 0), tick=False)
    mash.do_request_override(enquiry, acting_user=front_door, justification=JUSTIFICATION)
    assert Notification.objects.filter(user=sol_on_call_tonight,
                                       subject__contains="consent override").exists()
    assert not Notification.objects.filter(user=vic).exists()
    with raises_refused(Why.FORBIDDEN) as refused:
        mash.do_approve_override(enquiry, acting_user=vic)
    assert "On call now: Sol Senior" in str(refused.value)
    assert ConsentOverride.objects.get().approved_at is None
    override = mash.do_approve_override(enquiry, acting_user=sol_on_call_tonight)
    assert override.approved_by == sol_on_call_tonight and override.out_of_hours


def test_the_on_call_manager_approves_only_while_on_call_R_MASH_3(
        enquiry, front_door, sol_on_call_tonight, time_machine):
    mash.do_request_override(enquiry, acting_user=front_door, justification=JUSTIFICATION)
    time_machine.move_to(at(2026, 11, 18, 22, 0), tick=False)  # the next night: not on call
    with raises_refused(Why.FORBIDDEN) as refused:
        mash.do_approve_override(enquiry, acting_user=sol_on_call_tonight)
    assert "nobody" in str(refused.value)


def test_in_hours_a_service_manager_outside_crs_cannot_approve_R_MASH_3(
        enquiry, front_door, crs_manager, vic, sol_on_call_tonight):
    mash.do_request_override(enquiry, acting_user=front_door, justification=JUSTIFICATION)
    for manager in (vic, sol_on_call_tonight):  # 11:00 on a Tuesday: office hours
        with raises_refused(Why.FORBIDDEN, match="Only a CRS manager"):
            mash.do_approve_override(enquiry, acting_user=manager)
    assert mash.do_approve_override(enquiry, acting_user=crs_manager).approved_by == crs_manager


def test_the_mash_page_refuses_vic_out_of_hours_R_MASH_3(
        enquiry, as_user, front_door, sol_on_call_tonight, vic, time_machine):
    time_machine.move_to(at(2026, 11, 17, 23, 0), tick=False)
    mash.do_request_override(enquiry, acting_user=front_door, justification=JUSTIFICATION)
    url = f"/contacts/{enquiry.contact_id}/mash"
    refused = as_user(vic).post(url, {"action": "approve"})
    assert refused.status_code == 403
    assert "only the senior manager on call now" in text(refused)
    assert as_user(sol_on_call_tonight).post(url, {"action": "approve"}).status_code == 302


def test_eddies_home_lists_the_edt_contact_to_decide_then_frans_the_check_R_EDT_2_R_EDT_3(
        time_machine, as_user, front_door, edt_worker, call):
    """Issue 15: each role's home shows its own work first. Out of hours the contact is
    Eddie's to decide; once EDT has decided about a child nobody knew, Monday's check of her
    record is Fran's, due from the handover, and gone from her list once done."""
    from hearth.core.due import MINE
    from hearth.frontdoor.due import contact_decisions

    time_machine.move_to(at(2026, 11, 20, 20, 0), tick=False)  # Friday evening
    eddie = as_user(edt_worker)
    contact = eddie_records_a_new_child(eddie, call, at(2026, 11, 20, 19, 45))
    [decide] = contact_decisions(edt_worker, scope=MINE)
    assert (decide.person_name, decide.what) == ("Mia Stationer",
                                                 "Decide what happens next with the EDT contact")
    home = text(eddie.get("/"))
    assert home.index("Decide what happens next with the EDT contact") < home.index(
        "Record a contact")
    actions.do_decide(contact, acting_user=edt_worker, outcome="early_help",
                      rationale="Mia is with her aunt tonight; Family Help can support.")
    assert contact_decisions(edt_worker, scope=MINE) == []

    time_machine.move_to(at(2026, 11, 23, 9, 30), tick=False)  # Monday, the office is open
    contact.refresh_from_db()
    [check] = contact_decisions(front_door, scope=MINE)
    assert check.what == "Check the child's record after EDT's contact"
    assert check.due == contact.handover_at and check.link == f"/contacts/{contact.pk}"
    assert "Check the child's record after EDT's contact" in text(as_user(front_door).get("/"))
    actions.do_check_handover(contact, acting_user=front_door)
    assert contact_decisions(front_door, scope=MINE) == []
