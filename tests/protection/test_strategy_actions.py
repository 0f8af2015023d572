"""Recording strategy discussions through the actions: Sam holds one with the police and the
school about Jack; a Section 47 decision starts the enquiry with its ICPC due 15 working days
later (R-CP-1); refusals name the problem and write nothing at all."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core.refusals import Refused as ProtectionRefused
from hearth.frontdoor.actions import contacts as frontdoor
from hearth.protection.actions import strategy as actions
from hearth.protection.codes import StrategyDecision, StrategyOrigin
from hearth.protection.models import (
    Section47Enquiry,
    StrategyAction,
    StrategyDiscussion,
    StrategyParticipant,
)
from tests.protection.conftest import LONDON

pytestmark = pytest.mark.django_db

MODELS = (StrategyDiscussion, StrategyParticipant, StrategyAction, Section47Enquiry,
          AuditEntry, Event)


def counts() -> list[int]:
    return [model.objects.count() for model in MODELS]


def record(child, user, **changes):
    values = {
        "origin": StrategyOrigin.OPEN_CASE, "held_on": date(2026, 11, 16),
        "participants": [
            {"name": "Sam Worker", "agency": "Children's services", "role": "Social worker",
             "agency_kind": "social_care", "user": user},
            {"name": "DC Pat Officer", "agency": "Hampshire Police", "role": "Investigator",
             "police": True},
            {"name": "Amira Shah", "agency": "Northam Primary School", "role": "DSL"}],
        "information_shared": "School: bruise on Jack's cheek. Police: callout in October.",
        "decision": StrategyDecision.S47_JOINT,
        "decision_reasons": "Jack's account and the injury.",
        "actions": [{"action": "Visit Jack at school", "owner": "", "owner_user": user,
                     "due_on": date(2026, 11, 17)},
                    {"action": "Check police records for Dean", "owner": "DC Pat Officer",
                     "due_on": None}]}
    return actions.do_record_strategy_discussion(child, acting_user=user,
                                                 **{**values, **changes})


def test_r_cp_1_a_joint_decision_starts_the_enquiry_with_its_icpc_due_date(
        fletchers, social_worker):
    jack = fletchers["jack"]
    discussion = record(jack, social_worker)
    assert discussion.involvement == jack.involvements.get()  # the open case, found for Sam
    assert [(p.name, p.agency_kind) for p in discussion.participants.order_by("pk")] == [
        ("Sam Worker", "social_care"), ("DC Pat Officer", "police"),
        ("Amira Shah", "")]
    owners = [(a.owner, a.owner_user) for a in discussion.actions.order_by("pk")]
    assert owners == [("Sam Worker", social_worker), ("DC Pat Officer", None)]
    enquiry = discussion.enquiry
    assert (enquiry.person, enquiry.joint, enquiry.started_on) == (jack, True,
                                                                    date(2026, 11, 16))
    assert enquiry.icpc_due == date(2026, 12, 7)  # 15 working days after 16 November
    event = Event.objects.get(kind=Kind.STRATEGY_DISCUSSION)
    assert event.person == jack and "Hampshire Police" in event.summary
    assert set(AuditEntry.objects.filter(object_id=str(jack.pk)).values_list(
        "action", flat=True)) >= {"protection.strategy_discussion", "protection.s47_start"}


def test_a_known_partner_agencys_kind_is_recorded_so_the_police_are_recognised(
        fletchers, social_worker, police):
    participants = [{"name": "Sam Worker", "agency": "Children's services"},
                    {"name": "DC Pat Officer", "agency": "hampshire police"}]
    discussion = record(fletchers["jack"], social_worker, participants=participants)
    assert discussion.participants.get(name="DC Pat Officer").agency_kind == "police"


@pytest.mark.parametrize(("decision", "enquiry", "joint"), [
    (StrategyDecision.S47_SINGLE_AGENCY, True, False),
    (StrategyDecision.IMMEDIATE_PROTECTION, True, True),
    (StrategyDecision.NO_FURTHER_S47, False, None),
])
def test_r_cp_1_which_decisions_start_an_enquiry(fletchers, social_worker, decision, enquiry,
                                                  joint):
    discussion = record(fletchers["jack"], social_worker, decision=decision)
    started = Section47Enquiry.objects.filter(strategy=discussion).first()
    assert (started is not None) is enquiry
    if started is not None:
        assert started.joint is joint


@pytest.mark.parametrize(("changes", "field"), [
    ({"participants": [{"name": "Sam Worker", "agency": "Children's services"},
                       {"name": "Amira Shah", "agency": "Northam Primary School"}]},
     "participants"),
    ({"participants": [{"name": "DC Pat Officer", "agency": "Hampshire Police",
                        "police": True}]}, "participants"),
    ({"actions": [{"action": "Visit Jack", "owner": ""}]}, "actions.0.owner"),
    ({"actions": [{"action": "Visit Jack", "owner": "Sam",
                   "due_on": date(2026, 11, 13)}]}, "actions.0.due_on"),
    ({"held_on": date(2026, 11, 18)}, "held_on"),
    ({"held_on": None}, "held_on"),
    ({"decision": "wait and see"}, "decision"),
    ({"decision_reasons": "  "}, "decision_reasons"),
    ({"participants": [{"name": "Sam", "agency": "CSC"},
                       {"name": "Pat", "agency": "Police", "agency_kind": "constabulary"}]},
     "participants.1.agency_kind"),
    ({"origin": "a hunch"}, "origin"),
])
def test_refusals_name_the_problem_and_write_nothing(fletchers, social_worker, changes, field):
    before = counts()
    with pytest.raises(ProtectionRefused) as refused:
        record(fletchers["jack"], social_worker, **changes)
    assert field in refused.value.problems
    assert counts() == before


def test_r_cp_1_no_second_enquiry_while_the_first_has_no_outcome(fletchers, social_worker):
    jack = fletchers["jack"]
    record(jack, social_worker, held_on=date(2026, 11, 10))
    before = counts()
    with pytest.raises(ProtectionRefused) as refused:
        record(jack, social_worker)
    assert refused.value.problems["decision"].startswith(
        "The child already has a Section 47 enquiry without an outcome (started 10 November")
    assert counts() == before
    # A further discussion that decides no further Section 47 action may still be recorded.
    record(jack, social_worker, decision=StrategyDecision.NO_FURTHER_S47)
    # Amy's enquiry is her own.
    record(fletchers["amy"], social_worker)
    assert Section47Enquiry.objects.count() == 2


def test_the_discussion_follows_a_contact_about_this_child(fletchers, social_worker,
                                                           front_door):
    jack, amy = fletchers["jack"], fletchers["amy"]
    contact = frontdoor.do_record_contact(
        acting_user=front_door, people=[(jack, "child")],
        received_at=datetime(2026, 11, 16, 9, 0, tzinfo=LONDON), channel="phone",
        caller_kind="professional", caller_name="Amira Shah", caller_contact="023 8000 0000",
        referral_source="2A", worries="A bruise", urgency="today", family_aware=True,
        family_told_sharing=True)
    discussion = record(jack, social_worker, origin=StrategyOrigin.CONTACT, contact=contact)
    assert (discussion.origin, discussion.contact, discussion.involvement) == (
        "contact", contact, None)
    with pytest.raises(ProtectionRefused) as refused:
        record(amy, social_worker, origin=StrategyOrigin.CONTACT, contact=contact)
    assert refused.value.problems == {"contact": "Choose a contact about this child"}
    with pytest.raises(ProtectionRefused) as refused:
        record(amy, social_worker, origin=StrategyOrigin.MASH, contact=None)
    assert "contact" in refused.value.problems
    with pytest.raises(ProtectionRefused) as refused:
        record(amy, social_worker, origin=StrategyOrigin.ASSESSMENT, assessment=None)
    assert refused.value.problems == {"assessment": "Choose an assessment of this child"}


def test_without_an_open_case_the_discussion_needs_another_origin(fletchers, social_worker):
    jack = fletchers["jack"]
    jack.involvements.update(status="closed", closed_on=date(2026, 11, 1))
    with pytest.raises(ProtectionRefused) as refused:
        record(jack, social_worker)
    assert "no open case" in refused.value.problems["involvement"]


def test_an_action_is_marked_done_once(fletchers, social_worker):
    discussion = record(fletchers["jack"], social_worker)
    action = discussion.actions.order_by("pk").first()
    done = actions.do_complete_strategy_action(action, acting_user=social_worker)
    assert done.done_on == date(2026, 11, 17)
    assert AuditEntry.objects.filter(action="protection.strategy_action_done").count() == 1
    with pytest.raises(ProtectionRefused, match="already marked done on 17 November 2026"):
        actions.do_complete_strategy_action(action, acting_user=social_worker)
    other = discussion.actions.order_by("pk").last()
    with pytest.raises(ProtectionRefused, match="before the strategy discussion"):
        actions.do_complete_strategy_action(other, acting_user=social_worker,
                                            done_on=date(2026, 11, 15))
    assert StrategyAction.objects.filter(done_on__isnull=False).count() == 1
