"""Taking a call and deciding within a working day (R-FD-1..6, R-EDT-1..3)."""

from __future__ import annotations

import pytest
from django.core import mail

from hearth.access.models import AuditEntry
from hearth.casework.models import Involvement
from hearth.core.refusals import Why
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import letters
from hearth.frontdoor.codes import ContactStatus, DecisionStatus
from hearth.frontdoor.models import Contact
from tests.frontdoor.conftest import at, raises_refused


def record(front_door, fletchers, call, now=None, **changes):
    return actions.do_record_contact(
        acting_user=front_door, now=now or at(2026, 11, 17, 11, 0),
        people=[(fletchers["jack"], "child"), (fletchers["mum"], "adult")],
        **{**call, **changes})


@pytest.mark.django_db
def test_fran_records_a_teachers_call_R_FD_1(front_door, fletchers, call):
    contact = record(front_door, fletchers, call)
    assert not contact.is_edt
    assert contact.decision_due == at(2026, 11, 18, 17, 0)  # R-FD-4: end of next working day
    assert list(contact.people.order_by("given_name")) == [fletchers["jack"], fletchers["mum"]]
    assert AuditEntry.objects.filter(action="contact_linked",
                                     object_id=str(fletchers["jack"].pk)).exists()


@pytest.mark.django_db
def test_not_telling_the_family_needs_an_exceptional_reason_R_FD_2(front_door, fletchers, call):
    with raises_refused(Why.INPUT) as refused:
        record(front_door, fletchers, call, family_told_sharing=False)
    assert "not_told_reason" in refused.value.problems
    assert Contact.objects.count() == 0
    contact = record(front_door, fletchers, call, family_told_sharing=False,
                     not_told_reason="Mum's partner is violent; telling her could put Jack at risk")
    assert contact.not_told_reason


@pytest.mark.django_db
def test_bad_input_is_named_and_nothing_is_written(front_door, fletchers, call):
    with raises_refused(Why.INPUT) as refused:
        record(front_door, fletchers, call, referral_source="ZZ", worries="",
               received_at=at(2027, 1, 1, 9, 0))
    assert set(refused.value.problems) >= {"referral_source", "worries", "received_at"}
    assert Contact.objects.count() == 0


@pytest.mark.django_db
def test_a_friday_evening_call_is_an_edt_contact_handed_over_on_monday_R_EDT_1(
        edt_worker, fletchers, call):
    contact = record(edt_worker, fletchers, call, received_at=at(2026, 11, 20, 19, 45),
                     now=at(2026, 11, 20, 20, 0))
    assert contact.is_edt
    assert contact.handover_at == at(2026, 11, 23, 9, 0)
    actions.do_record_edt_actions(contact, acting_user=edt_worker,
                                  actions="Visited with police; Jack safe with grandmother.")
    contact.refresh_from_db()
    assert "Jack safe with grandmother" in contact.edt_actions


@pytest.mark.django_db
def test_no_further_action_waits_for_a_manager_then_the_referrer_is_told_R_FD_5_R_FD_6(
        front_door, crs_manager, fletchers, call):
    contact = record(front_door, fletchers, call)
    with raises_refused(Why.INPUT):  # NFA needs the advice and the referrer's plan
        actions.do_decide(contact, acting_user=front_door, outcome="nfa", rationale="Low risk")
    decision = actions.do_decide(
        contact, acting_user=front_door, outcome="nfa", rationale="Explained bruise; fed now.",
        advice="Keep offering breakfast club.", referrer_plan="School will monitor weekly.")
    contact.refresh_from_db()
    assert decision.status == DecisionStatus.PROPOSED
    assert contact.status == ContactStatus.AWAITING_AUTHORISATION
    assert crs_manager.notifications.filter(subject__contains="authorisation").exists()
    with raises_refused(Why.STATE):
        letters.do_send_response(contact, acting_user=front_door, method="email")
    with raises_refused(Why.FORBIDDEN):
        actions.do_authorise(decision, acting_user=front_door)
    actions.do_authorise(decision, acting_user=crs_manager)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECIDED
    response = letters.do_send_response(contact, acting_user=front_door, method="email")
    assert response.sent_to == "a.shah@northam.example.org"
    sent = mail.outbox[0]
    assert sent.to == ["a.shah@northam.example.org"]
    name, pdf, kind = sent.attachments[0]
    assert kind == "application/pdf" and pdf[:4] == b"%PDF"
    assert "School will monitor weekly." in response.body_html


@pytest.mark.django_db
def test_a_manager_returns_a_proposal_with_a_comment(front_door, crs_manager, fletchers, call):
    contact = record(front_door, fletchers, call)
    decision = actions.do_decide(contact, acting_user=front_door, outcome="referral",
                                 rationale="Bruising and hunger", team=fletchers["jack"]
                                 .involvements.first().team)
    with raises_refused(Why.INPUT):
        actions.do_return(decision, acting_user=crs_manager, comment="")
    actions.do_return(decision, acting_user=crs_manager, comment="Check with the GP first")
    contact.refresh_from_db()
    assert contact.status == ContactStatus.OPEN
    assert front_door.notifications.filter(body="Check with the GP first").exists()


@pytest.mark.django_db
def test_an_authorised_referral_puts_the_child_in_the_teams_allocation_queue(
        front_door, crs_manager, fletchers, call, south):
    contact = record(front_door, fletchers, call)
    decision = actions.do_decide(contact, acting_user=front_door, outcome="referral",
                                 rationale="Bruising and hunger", team=south)
    actions.do_authorise(decision, acting_user=crs_manager)
    queued = Involvement.objects.get(team=south)
    assert queued.person == fletchers["jack"]
    assert queued.status == "awaiting_allocation" and queued.worker is None
    assert queued.urgency == contact.urgency != ""  # the queue reads the most urgent first


@pytest.mark.django_db
def test_a_contact_cannot_be_decided_twice(front_door, fletchers, call):
    contact = record(front_door, fletchers, call)
    actions.do_decide(contact, acting_user=front_door, outcome="early_help",
                      rationale="Family Help can support mum")
    with raises_refused(Why.STATE):
        actions.do_decide(contact, acting_user=front_door, outcome="strategy",
                          rationale="Second thoughts")


@pytest.mark.django_db
def test_two_workers_deciding_at_once_one_is_told(front_door, fletchers, call):
    contact = record(front_door, fletchers, call)
    actions.do_decide(contact, acting_user=front_door, outcome="early_help", rationale="x",
                      expected_version=1)
    with raises_refused(Why.STALE):
        actions.do_decide(contact, acting_user=front_door, outcome="lado", rationale="y",
                          expected_version=1)


@pytest.mark.django_db
def test_already_open_tells_the_allocated_worker(front_door, social_worker, fletchers, call):
    contact = record(front_door, fletchers, call)
    actions.do_decide(contact, acting_user=front_door, outcome="already_open",
                      rationale="Jack is allocated to Sam")
    assert social_worker.notifications.filter(subject__contains=contact.reference).exists()


@pytest.mark.django_db
def test_lado_contacts_reach_the_lado(front_door, lado_officer, fletchers, call):
    contact = record(front_door, fletchers, call,
                     worries="A football coach hit Jack during training.")
    actions.do_decide(contact, acting_user=front_door, outcome="lado",
                      rationale="Allegation about a coach")
    assert Contact.objects.visible_to(lado_officer).filter(pk=contact.pk).exists()


@pytest.mark.django_db
def test_partners_and_outsiders_cannot_see_contacts(front_door, police_partner, outsider,
                                                    administrator, social_worker, fletchers,
                                                    call):
    contact = record(front_door, fletchers, call)
    for user in (police_partner, outsider, administrator):
        assert not Contact.objects.visible_to(user).exists()
    assert Contact.objects.visible_to(social_worker).get() == contact  # about his children


@pytest.mark.django_db
def test_an_edt_contact_is_on_the_childs_record_R_EDT_3(edt_worker, social_worker, fletchers,
                                                        call, as_user):
    from django.urls import reverse

    contact = record(edt_worker, fletchers, call, received_at=at(2026, 11, 21, 2, 0),
                     now=at(2026, 11, 21, 2, 30))
    page = as_user(social_worker).get(reverse("web:person", args=[fletchers["jack"].pk]))
    assert contact.reference.encode() in page.content and b"EDT" in page.content


def test_mash_deadlines_are_configurable():
    from django.core.exceptions import ImproperlyConfigured

    from hearth.settings import _mash_deadlines

    assert _mash_deadlines("red=2h,green=5wd") == {
        "red": ("hours", 2), "amber": ("working_days", 1), "green": ("working_days", 5)}
    with pytest.raises(ImproperlyConfigured):
        _mash_deadlines("purple=3h")


@pytest.mark.django_db
def test_the_referrers_letter_says_how_to_get_in_touch_with_the_council(
        front_door, crs_manager, fletchers, call, settings):
    """Issue 15: the council's name, address, phone and e-mail (settings) are on the letter."""
    settings.HEARTH_COUNCIL_NAME = "Westmoor Borough Council"
    settings.HEARTH_COUNCIL_ADDRESS = "Civic Centre, Westmoor WM1 2BB"
    settings.HEARTH_COUNCIL_PHONE = "01632 960123"
    settings.HEARTH_COUNCIL_EMAIL = "front.door@westmoor.example.org"
    contact = record(front_door, fletchers, call)
    decision = actions.do_decide(
        contact, acting_user=front_door, outcome="nfa", rationale="Explained bruise; fed now.",
        advice="Keep offering breakfast club.", referrer_plan="School will monitor weekly.")
    actions.do_authorise(decision, acting_user=crs_manager)
    contact.refresh_from_db()
    body = letters.do_send_response(contact, acting_user=front_door, method="email").body_html
    for detail in ("Westmoor Borough Council", "Civic Centre, Westmoor WM1 2BB",
                   "01632 960123", "front.door@westmoor.example.org"):
        assert detail in body
