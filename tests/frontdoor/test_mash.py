"""MASH information gathering with consent, or a manager's recorded override (R-MASH-1..5)."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.core.refusals import Why
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from hearth.frontdoor.codes import ContactStatus, MashStatus
from hearth.frontdoor.models import MashAgencyRequest
from hearth.people.models import Person
from tests.frontdoor.conftest import at, raises_refused


@pytest.fixture
def enquiry(front_door, fletchers, call, police, health, time_machine):
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child"),
                                        (fletchers["mum"], "adult")], **call)
    actions.do_decide(contact, acting_user=front_door, outcome="mash",
                      rationale="Need police and health history",
                      mash={"scope": "targeted", "rag": "amber", "agencies": [police, health]})
    contact.refresh_from_db()
    assert contact.status == ContactStatus.IN_MASH
    return contact.mash


@pytest.mark.django_db
def test_partners_are_asked_only_once_kerry_consents_R_MASH_3(enquiry, front_door, fletchers):
    with raises_refused(Why.FORBIDDEN):
        mash.do_start_gathering(enquiry, acting_user=front_door)
    assert MashAgencyRequest.objects.count() == 0
    mash.do_record_consent(enquiry, fletchers["mum"], acting_user=front_door, status="given",
                           sought_by="Fran, by phone", answered_on=at(2026, 11, 17, 10, 50))
    requests = mash.do_start_gathering(enquiry, acting_user=front_door)
    assert {r.agency.kind for r in requests} == {"police", "health"}
    assert requests[0].due_at == at(2026, 11, 18, 11, 0)  # amber: one working day
    subjects = {s["name"] for s in requests[0].subjects}
    assert subjects == {"Jack Fletcher", "Kerry Fletcher"}


@pytest.mark.django_db
def test_refused_consent_needs_an_approved_override_R_MASH_3(enquiry, front_door, crs_manager,
                                                             social_worker, fletchers):
    mash.do_record_consent(enquiry, fletchers["mum"], acting_user=front_door, status="refused")
    with raises_refused(Why.INPUT):
        mash.do_request_override(enquiry, acting_user=front_door, justification="because")
    mash.do_request_override(
        enquiry, acting_user=front_door,
        justification="Asking mum would alert her partner, who Jack says hurts him.")
    with raises_refused(Why.FORBIDDEN):  # requested is not approved
        mash.do_start_gathering(enquiry, acting_user=front_door)
    with raises_refused(Why.FORBIDDEN):  # Sam's manager is not a CRS manager
        mash.do_approve_override(enquiry, acting_user=social_worker)
    mash.do_approve_override(enquiry, acting_user=crs_manager)
    assert len(mash.do_start_gathering(enquiry, acting_user=front_door)) == 2


@pytest.mark.django_db
def test_out_of_hours_only_the_on_call_senior_manager_approves(enquiry, front_door, crs_manager,
                                                               sol_on_call_tonight,
                                                               on_call_manager, time_machine):
    mash.do_request_override(
        enquiry, acting_user=front_door,
        justification="Mum's partner would flee with Jack if he knew the police were asked.")
    time_machine.move_to(at(2026, 11, 17, 22, 0), tick=False)
    with raises_refused(Why.FORBIDDEN):
        mash.do_approve_override(enquiry, acting_user=crs_manager)
    override = mash.do_approve_override(enquiry, acting_user=on_call_manager)
    assert override.out_of_hours


@pytest.mark.django_db
def test_pat_answers_for_the_police_and_cannot_answer_for_health_R_MASH_4(
        enquiry, front_door, fletchers, police_partner, health_partner, time_machine):
    mash.do_record_consent(enquiry, fletchers["mum"], acting_user=front_door, status="given")
    police_req, health_req = sorted(mash.do_start_gathering(enquiry, acting_user=front_door),
                                    key=lambda r: r.agency.kind != "police")
    with raises_refused(Why.FORBIDDEN):
        mash.do_answer_request(health_req, acting_user=police_partner, answer="x", sources="y",
                               information_date=date(2026, 11, 1))
    with raises_refused(Why.INPUT):
        mash.do_answer_request(police_req, acting_user=police_partner, answer="Two call-outs",
                               sources="", information_date=date(2027, 1, 1))
    time_machine.move_to(at(2026, 11, 18, 12, 0), tick=False)  # an hour after the deadline
    answered = mash.do_answer_request(
        police_req, acting_user=police_partner,
        answer="Two domestic call-outs to the address in October.",
        sources="Police national database", information_date=date(2026, 10, 12))
    assert answered.is_late
    with raises_refused(Why.STATE):
        mash.do_answer_request(police_req, acting_user=police_partner, answer="again",
                               sources="x", information_date=date(2026, 10, 12))
    # Pat still sees nothing of the child's record.
    assert not Person.objects.visible_to(police_partner).exists()


@pytest.mark.django_db
def test_the_analysis_returns_the_contact_to_the_decision_R_MASH_5(enquiry, front_door,
                                                                   crs_manager, fletchers):
    with raises_refused(Why.STATE):
        mash.do_record_analysis(enquiry, acting_user=front_door, analysis="too early")
    mash.do_record_consent(enquiry, fletchers["mum"], acting_user=front_door, status="given")
    mash.do_start_gathering(enquiry, acting_user=front_door)
    mash.do_record_analysis(enquiry, acting_user=front_door,
                            analysis="Police history of domestic abuse: strategy discussion.")
    enquiry.refresh_from_db()
    assert enquiry.status == MashStatus.AWAITING_SIGN_OFF
    assert enquiry.contact.status == ContactStatus.IN_MASH
    mash.do_sign_off_analysis(enquiry, acting_user=crs_manager)
    enquiry.refresh_from_db()
    assert enquiry.status == MashStatus.ANALYSED
    assert enquiry.contact.status == ContactStatus.OPEN
    with raises_refused(Why.INPUT):
        actions.do_decide(enquiry.contact, acting_user=front_door, outcome="mash",
                          rationale="again", mash={"scope": "full", "rag": "red"})
    actions.do_decide(enquiry.contact, acting_user=front_door, outcome="strategy",
                      rationale="Domestic abuse and a bruise")


@pytest.mark.django_db
def test_full_gathering_asks_every_partner_R_MASH_2(front_door, fletchers, call, police, health,
                                                    time_machine):
    from hearth.access.models import Agency

    Agency.objects.create(name="Southampton Schools", kind="education")
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    contact = actions.do_record_contact(acting_user=front_door,
                                        people=[(fletchers["jack"], "child")], **call)
    actions.do_decide(contact, acting_user=front_door, outcome="mash", rationale="Full",
                      mash={"scope": "full", "rag": "red"})
    contact.refresh_from_db()
    assert {a.kind for a in contact.mash.agencies.all()} == {"police", "health", "education"}
