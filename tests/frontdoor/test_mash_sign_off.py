"""The MASH analysis is signed off by a CRS manager before the contact returns to the decision
(R-MASH-5; seed 003: the information "will be analysed by ... the CRS social worker and their
manager").

Fran records her analysis of what the partners said; Carla (the CRS manager) signs it off, or
returns it with a reason and Fran records it again. Nobody signs off their own analysis, and
Tina (a Family Help manager) cannot sign off the front door's. Refusals write nothing.
"""

from __future__ import annotations

import json

import pytest

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.core.refusals import Why
from hearth.frontdoor import rules
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from hearth.frontdoor.codes import ContactStatus, MashStatus
from tests.frontdoor.conftest import at, raises_refused

pytestmark = pytest.mark.django_db

ANALYSIS = "Police: two domestic call-outs in October. Health: missed weighings. Strategy."


@pytest.fixture
def contact(front_door, fletchers, call, police, health, time_machine):
    """Tuesday 17 November 2026: Kerry consented and the partners were asked."""
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child"),
                                        (fletchers["mum"], "adult")], **call)
    actions.do_decide(contact, acting_user=front_door, outcome="mash",
                      rationale="Need police and health history",
                      mash={"scope": "targeted", "rag": "amber", "agencies": [police, health]})
    contact.refresh_from_db()
    mash.do_record_consent(contact.mash, fletchers["mum"], acting_user=front_door,
                           status="given")
    mash.do_start_gathering(contact.mash, acting_user=front_door)
    contact.refresh_from_db()
    return contact


def analysed(contact, front_door):
    return mash.do_record_analysis(contact.mash, acting_user=front_door, analysis=ANALYSIS)


def state(contact) -> tuple[str, str]:
    contact.refresh_from_db()
    contact.mash.refresh_from_db()
    return contact.status, contact.mash.status


# --- The rule --------------------------------------------------------------------------------


def sign(role, team_service=None, *, user_id=2, analysed_by_id=1) -> bool:
    return rules.may_sign_off_analysis(user_id=user_id, role=role, team_service=team_service,
                                       analysed_by_id=analysed_by_id)


def test_who_may_sign_off_a_mash_analysis_R_MASH_5():
    assert sign("team_manager", "crs")
    assert sign("team_manager", "mash") and sign("team_manager", "edt")
    assert sign("service_manager")  # out of hours, the on-call senior manager
    assert not sign("team_manager", "family_help")
    assert not sign("front_door", "crs") and not sign("social_worker", "crs")
    assert not sign("team_manager", "crs", user_id=1)  # never one's own analysis


# --- The actions -----------------------------------------------------------------------------


def test_the_analysis_waits_for_a_crs_managers_sign_off_R_MASH_5(contact, front_door,
                                                                 crs_manager):
    analysed(contact, front_door)
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.AWAITING_SIGN_OFF)
    assert crs_manager.notifications.filter(subject__contains="sign-off").exists()
    with raises_refused(Why.STATE):  # not back at the decision step yet
        actions.do_decide(contact, acting_user=front_door, outcome="strategy",
                          rationale="Domestic abuse and a bruise")
    with raises_refused(Why.STATE):
        mash.do_record_analysis(contact.mash, acting_user=front_door, analysis="Again")

    mash.do_sign_off_analysis(contact.mash, acting_user=crs_manager)
    assert state(contact) == (ContactStatus.OPEN, MashStatus.ANALYSED)
    assert contact.mash.signed_off_by == crs_manager and contact.mash.signed_off_at
    assert AuditEntry.objects.filter(action="mash_analysis_signed_off",
                                     username="carla").exists()
    assert front_door.notifications.filter(subject__contains="signed off").exists()
    with raises_refused(Why.STATE):
        mash.do_sign_off_analysis(contact.mash, acting_user=crs_manager)
    actions.do_decide(contact, acting_user=front_door, outcome="strategy",
                      rationale="Domestic abuse and a bruise")


def test_carla_returns_the_analysis_with_a_reason_and_fran_records_it_again_R_MASH_5(
        contact, front_door, crs_manager):
    analysed(contact, front_door)
    with raises_refused(Why.INPUT) as refused:
        mash.do_return_analysis(contact.mash, acting_user=crs_manager, reason="  ")
    assert set(refused.value.problems) == {"reason"}
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.AWAITING_SIGN_OFF)

    mash.do_return_analysis(contact.mash, acting_user=crs_manager,
                            reason="Say what the missed weighings mean for the baby.")
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.GATHERING)
    assert contact.mash.returned_by == crs_manager
    assert contact.mash.return_reason == "Say what the missed weighings mean for the baby."
    assert front_door.notifications.filter(
        body="Say what the missed weighings mean for the baby.").exists()
    assert AuditEntry.objects.filter(action="mash_analysis_returned").exists()

    mash.do_record_analysis(contact.mash, acting_user=front_door,
                            analysis=ANALYSIS + " Weight loss is a sign of neglect.")
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.AWAITING_SIGN_OFF)
    mash.do_sign_off_analysis(contact.mash, acting_user=crs_manager)
    assert state(contact) == (ContactStatus.OPEN, MashStatus.ANALYSED)


def test_only_a_crs_manager_other_than_the_analyst_signs_off_R_MASH_5(
        contact, front_door, crs_manager, team_manager, on_call_manager):
    analysed(contact, front_door)
    for user in (front_door, team_manager):
        with raises_refused(Why.FORBIDDEN, match="Only a CRS manager"):
            mash.do_sign_off_analysis(contact.mash, acting_user=user)
        with raises_refused(Why.FORBIDDEN):
            mash.do_return_analysis(contact.mash, acting_user=user, reason="No")
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.AWAITING_SIGN_OFF)
    assert not AuditEntry.objects.filter(action__startswith="mash_analysis_").exists()
    mash.do_sign_off_analysis(contact.mash, acting_user=on_call_manager)
    assert state(contact) == (ContactStatus.OPEN, MashStatus.ANALYSED)


def test_a_crs_manager_does_not_sign_off_her_own_analysis_R_MASH_5(contact, crs_manager,
                                                                   front_door):
    mash.do_record_analysis(contact.mash, acting_user=crs_manager, analysis=ANALYSIS)
    with raises_refused(Why.FORBIDDEN, match="You wrote this analysis"):
        mash.do_sign_off_analysis(contact.mash, acting_user=crs_manager)
    assert not crs_manager.notifications.filter(subject__contains="sign-off").exists()
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.AWAITING_SIGN_OFF)


# --- The pages -------------------------------------------------------------------------------


def post(client, contact, action, **data):
    return client.post(f"/contacts/{contact.pk}/mash", {"action": action, **data})


def test_the_sign_off_on_the_mash_page_contact_page_and_queue_R_MASH_5(
        contact, front_door, crs_manager, team_manager, as_user):
    fran, carla = as_user(front_door), as_user(crs_manager)
    recorded = post(fran, contact, "analysis", analysis=ANALYSIS)
    assert recorded.status_code == 302
    assert "A CRS manager must sign it off" in fran.get(recorded["Location"]).content.decode()

    html = fran.get(f"/contacts/{contact.pk}/mash").content.decode()
    assert "Awaiting a CRS manager's sign-off" in html
    assert "Sign off the analysis</button>" not in html
    assert "Awaiting sign-off" in fran.get(f"/contacts/{contact.pk}").content.decode()
    assert "Analysis to sign off" in fran.get("/contacts").content.decode()

    queue = carla.get("/contacts").content.decode()
    assert 'id="to-sign-off"' in queue and contact.reference in queue.split(
        'id="to-sign-off"')[1].split("</table>")[0]
    assert "Sign off or return the analysis" in carla.get(
        f"/contacts/{contact.pk}").content.decode()
    assert "Sign off the analysis</button>" in carla.get(
        f"/contacts/{contact.pk}/mash").content.decode()

    for client in (fran, as_user(team_manager)):  # refused: 403, and nothing changes
        assert post(client, contact, "sign_off").status_code == 403
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.AWAITING_SIGN_OFF)

    empty = post(carla, contact, "return_analysis", reason="")
    assert empty.status_code == 400
    assert "Enter what the worker should look at again" in empty.content.decode()
    returned = post(carla, contact, "return_analysis",
                    reason="Say what the missed weighings mean for the baby.")
    assert returned.status_code == 302
    html = fran.get(f"/contacts/{contact.pk}/mash").content.decode()
    assert "Say what the missed weighings mean for the baby." in html
    assert ANALYSIS in html  # her analysis is kept in the form to revise
    assert post(fran, contact, "analysis", analysis=ANALYSIS + " Neglect.").status_code == 302
    assert post(carla, contact, "sign_off").status_code == 302
    assert state(contact) == (ContactStatus.OPEN, MashStatus.ANALYSED)
    html = fran.get(f"/contacts/{contact.pk}/mash").content.decode()
    assert "Carla Manager" in html and "back at the decision step" in html


# --- The API ---------------------------------------------------------------------------------


def test_the_api_signs_off_and_returns_the_analysis_R_MASH_5(
        client, contact, front_door, crs_manager, team_manager):
    def post_as(user, path, body=None):
        return client.post(f"/api/v1/contacts/{contact.pk}/mash/{path}", json.dumps(body or {}),
                           content_type="application/json",
                           headers={"Authorization": f"Bearer {do_create_token(user)}"})

    recorded = post_as(front_door, "analysis", {"analysis": ANALYSIS})
    assert recorded.status_code == 200
    assert recorded.json()["status"] == "awaiting_sign_off"
    assert recorded.json()["contact_status"] == "in_mash"
    assert post_as(front_door, "analysis/sign-off").status_code == 403  # no permission
    tina = post_as(team_manager, "analysis/sign-off")
    assert tina.status_code == 403 and "CRS manager" in tina.json()["detail"]
    no_reason = post_as(crs_manager, "analysis/return", {})
    assert no_reason.status_code == 422
    assert [e["field"] for e in no_reason.json()["errors"]] == ["reason"]
    assert state(contact) == (ContactStatus.IN_MASH, MashStatus.AWAITING_SIGN_OFF)

    returned = post_as(crs_manager, "analysis/return", {"reason": "Add the health view."})
    assert returned.status_code == 200 and returned.json()["status"] == "gathering"
    assert returned.json()["return_reason"] == "Add the health view."
    assert post_as(crs_manager, "analysis/sign-off").status_code == 409  # nothing to sign
    post_as(front_door, "analysis", {"analysis": ANALYSIS + " Health: weight loss."})
    signed = post_as(crs_manager, "analysis/sign-off")
    assert signed.status_code == 200
    assert signed.json()["status"] == "analysed" and signed.json()["contact_status"] == "open"
    assert signed.json()["signed_off_by"] == "Carla Manager"
    assert signed.json()["analysed_by"] == "Fran Door"


def test_the_sign_off_list_is_for_crs_managers_and_does_not_repeat_queries_R_MASH_5(
        contact, front_door, crs_manager, team_manager, fletchers, call, police, as_user):
    """Tina manages Family Help North: the front door's analyses are not hers to sign off.
    Carla's queue costs the same number of queries with one analysis to sign off or three
    (practice 10)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    analysed(contact, front_door)
    assert 'id="to-sign-off"' not in as_user(team_manager).get("/contacts").content.decode()
    assert "MASH analyses to sign off" not in as_user(team_manager).get(
        "/contacts").content.decode()
    carla = as_user(crs_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert carla.get("/contacts").status_code == 200
        return len(queries)

    one = count()
    for _ in range(2):
        more = actions.do_record_contact(acting_user=front_door,
                                         people=[(fletchers["jack"], "child")], **call)
        actions.do_decide(more, acting_user=front_door, outcome="mash", rationale="Police",
                          mash={"scope": "targeted", "rag": "amber", "agencies": [police]})
        more.refresh_from_db()
        mash.do_record_consent(more.mash, fletchers["mum"], acting_user=front_door,
                               status="given")
        mash.do_start_gathering(more.mash, acting_user=front_door)
        analysed(more, front_door)
    html = carla.get("/contacts").content.decode()
    assert html.split('id="to-sign-off"')[1].split("</table>")[0].count("<tr") == 4
    assert count() == one
