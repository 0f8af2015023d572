"""The child protection pathway end to end, through the real actions (R-CP-1..4, R-TWO-1):
Jack's teacher calls the front door → Fran decides a strategy discussion is needed → Sam holds
it with the police and the school and a joint Section 47 enquiry starts → Sam and DC Pat
Officer visit together → the concerns are substantiated → Chris chairs the initial conference,
Kerry is excluded from part of it → Jack is on a plan → the core group meets → the review
conference continues the plan. Every step lands in Jack's chronology and the audit trail."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hearth import calendar
from hearth.access.models import AuditEntry
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.frontdoor.actions import contacts as frontdoor
from hearth.protection.actions import conferences, strategy
from hearth.protection.codes import (
    ConferenceDecision,
    ConferenceKind,
    FamilyParticipation,
    S47Outcome,
    StrategyDecision,
    WorkerKind,
)
from hearth.protection.models import CPPlan, Section47Enquiry
from tests.protection.conftest import LONDON

pytestmark = pytest.mark.django_db


def _contact_about(jack, front_door, call):
    contact = frontdoor.do_record_contact(acting_user=front_door, people=[(jack, "child")],
                                          **call)
    frontdoor.do_decide(contact, acting_user=front_door, outcome="strategy",
                        rationale="A bruise and what Jack said: reasonable cause to suspect "
                                  "significant harm.")
    contact.refresh_from_db()
    return contact


@pytest.fixture
def call():
    return {
        "received_at": datetime(2026, 11, 10, 9, 30, tzinfo=LONDON), "channel": "phone",
        "caller_kind": "professional", "caller_name": "Ms Amira Shah",
        "caller_agency": "Northam Primary School", "caller_role": "Designated safeguarding lead",
        "caller_contact": "023 8000 0000", "caller_email": "a.shah@northam.example.org",
        "caller_relationship": "Jack's teacher", "referral_source": "2A",
        "worries": "Jack has a bruise on his cheek and says mum's boyfriend hit him.",
        "strengths": "Mum usually collects him and is warm with him.",
        "caller_actions": "Spoke to the DSL.", "child_words": "'Dean hit me.'",
        "questions_asked": "How did it happen?", "advice_given": "Do not question further.",
        "urgency": "today", "family_aware": False, "family_told_sharing": False,
        "not_told_reason": "Telling the family could put Jack at further risk.",
    }


def test_from_a_teachers_call_to_a_review_conference(fletchers, social_worker, team_manager,
                                                     front_door, chair, police_partner, police,
                                                     call, time_machine):
    jack, kerry = fletchers["jack"], fletchers["mum"]
    time_machine.move_to(datetime(2026, 11, 10, 10, 0, tzinfo=LONDON), tick=False)
    contact = _contact_about(jack, front_door, call)

    # The strategy discussion, the same day, with the police and the school (R-CP-1).
    discussion = strategy.do_record_strategy_discussion(
        jack, acting_user=social_worker, origin="contact", contact=contact,
        held_on=date(2026, 11, 10),
        participants=[
            {"name": "Sam Worker", "agency": "Children's services", "role": "Social worker",
             "user": social_worker},
            {"name": "DC Pat Officer", "agency": "Hampshire Police", "role": "Investigator",
             "agency_kind": "police"},
            {"name": "Ms Amira Shah", "agency": "Northam Primary School", "role": "DSL",
             "agency_kind": "education"}],
        information_shared="Police: a domestic abuse callout in October. School: bruise seen.",
        decision=StrategyDecision.S47_JOINT,
        decision_reasons="Jack's account and the injury: a joint enquiry with the police.",
        actions=[{"action": "Visit Jack at school with DC Officer", "owner": "Sam Worker",
                  "owner_user": social_worker, "due_on": date(2026, 11, 11)}])
    enquiry = Section47Enquiry.objects.get(strategy=discussion)
    assert enquiry.joint and enquiry.started_on == date(2026, 11, 10)
    assert enquiry.icpc_due == calendar.add_working_days(date(2026, 11, 10), 15)
    assert enquiry.icpc_due == date(2026, 12, 1)

    # Two workers on the Section 47 visit: a police officer and a social worker (R-TWO-1).
    time_machine.move_to(datetime(2026, 11, 11, 16, 0, tzinfo=LONDON), tick=False)
    strategy.do_record_s47_visit(
        enquiry, acting_user=social_worker,
        visited_at=datetime(2026, 11, 11, 14, 0, tzinfo=LONDON), place="Northam Primary School",
        child_seen=True, child_seen_alone=True, notes="Jack repeated that Dean hit him.",
        workers=[{"kind": WorkerKind.SOCIAL_WORKER, "user": social_worker,
                  "name": "Sam Worker", "agency": "Children's services"},
                 {"kind": WorkerKind.POLICE, "name": "DC Pat Officer",
                  "agency": "Hampshire Police"}])

    # The concerns are substantiated: an initial conference is needed.
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)
    enquiry = strategy.do_record_s47_outcome(
        enquiry, acting_user=social_worker, expected_version=enquiry.version,
        outcome=S47Outcome.SUBSTANTIATED_ICPC, reasons="Injury consistent with Jack's account.",
        outcome_on=date(2026, 11, 17))

    # Sam arranges the ICPC within its timescale; Chris chairs it.
    icpc = conferences.do_arrange_conference(
        jack, acting_user=social_worker, kind=ConferenceKind.ICPC, held_on=date(2026, 11, 30),
        chair=chair, enquiry=enquiry,
        invitees=[{"name": "DC Pat Officer", "agency": "Hampshire Police", "role": "Police"},
                  {"name": "Ms Amira Shah", "agency": "Northam Primary School", "role": "DSL"},
                  {"name": "Gita Health", "agency": "Solent NHS", "role": "School nurse"}])
    time_machine.move_to(datetime(2026, 11, 30, 15, 0, tzinfo=LONDON), tick=False)
    police_invite, school_invite, nurse_invite = icpc.invitees.order_by("pk")
    icpc = conferences.do_record_conference_outcome(
        icpc, acting_user=chair, expected_version=icpc.version,
        attendance={police_invite.pk: {"attendance": "attended", "report_submitted": True},
                    school_invite.pk: {"attendance": "attended", "report_submitted": True},
                    nurse_invite.pk: {"attendance": "apologies", "report_submitted": True}},
        family=[{"person": kerry, "name": "Kerry Fletcher", "relationship": "Mother",
                 "participation": FamilyParticipation.EXCLUDED_PART,
                 "excluded_from": "The police update on the criminal investigation",
                 "exclusion_reason": "Sharing the police update with Kerry could prejudice "
                                     "the criminal investigation."}],
        decision=ConferenceDecision.PLAN, category="PHY", lead_social_worker=social_worker,
        minutes="Jack's account, the injury and the October callout were discussed.",
        outline_plan="Dean not to have unsupervised contact; weekly visits; school to "
                     "monitor attendance and injuries.")
    plan = CPPlan.objects.get(person=jack, end_on__isnull=True)
    assert plan.conference == icpc and plan.start_on == date(2026, 11, 30)  # R-CP-2
    assert (plan.initial_category, plan.latest_category) == ("PHY", "PHY")
    assert plan.lead_social_worker == social_worker
    assert plan.first_core_group_due == calendar.add_working_days(date(2026, 11, 30), 10)
    assert plan.next_review_due == date(2027, 2, 28)
    kerry_there = icpc.family.get()
    assert kerry_there.participation == FamilyParticipation.EXCLUDED_PART  # R-CP-4
    assert kerry_there.exclusion_reason and kerry_there.excluded_by == chair

    # The core group: each agency's role and tasks (R-CP-3), first meeting in 10 working days.
    conferences.do_add_core_group_member(
        plan, acting_user=social_worker, name="DC Pat Officer", agency="Hampshire Police",
        partner_agency=police, role="Police", tasks="Share the outcome of the investigation.")
    conferences.do_add_core_group_member(
        plan, acting_user=social_worker, name="Kerry Fletcher", agency="Family",
        person=kerry, role="Mother", tasks="Keep Dean away from the home.")
    time_machine.move_to(datetime(2026, 12, 8, 16, 0, tzinfo=LONDON), tick=False)
    conferences.do_record_core_group_meeting(
        plan, acting_user=social_worker, held_on=date(2026, 12, 8),
        attendees="Sam, DC Officer, Ms Shah, Kerry", progress="Dean has moved out.",
        actions="School to report any absence the same day.",
        next_meeting_on=date(2027, 1, 12))

    # The review conference continues the plan; the next review is 6 months on.
    rcpc = conferences.do_arrange_conference(
        jack, acting_user=social_worker, kind=ConferenceKind.RCPC, held_on=date(2027, 2, 25),
        chair=chair, plan=plan,
        invitees=[{"name": "DC Pat Officer", "agency": "Hampshire Police", "role": "Police"}])
    time_machine.move_to(datetime(2027, 2, 25, 15, 0, tzinfo=LONDON), tick=False)
    conferences.do_record_conference_outcome(
        rcpc, acting_user=chair, expected_version=rcpc.version,
        attendance={rcpc.invitees.get().pk: {"attendance": "attended",
                                             "report_submitted": True}},
        family=[{"person": kerry, "name": "Kerry Fletcher", "relationship": "Mother",
                 "participation": FamilyParticipation.ATTENDED}],
        decision=ConferenceDecision.CONTINUE, category="NEG",
        minutes="Progress, but neglect of Jack's health needs is now the main worry.")
    plan.refresh_from_db()
    assert plan.end_on is None
    assert plan.next_review_due == date(2027, 8, 25)
    assert (plan.initial_category, plan.latest_category) == ("PHY", "NEG")

    # The whole pathway is in Jack's chronology, in order.
    kinds = list(Event.objects.filter(person=jack).order_by("occurred_at", "pk")
                 .values_list("kind", flat=True))
    pathway = [Kind.CONTACT_RECEIVED, Kind.STRATEGY_DISCUSSION, Kind.S47_VISIT,
               Kind.S47_OUTCOME, Kind.CONFERENCE, Kind.CP_PLAN_STARTED, Kind.CORE_GROUP,
               Kind.CONFERENCE]
    assert [k for k in kinds if k in pathway] == pathway
    # And every write was audited against Jack.
    audited = set(AuditEntry.objects.filter(object_id=str(jack.pk))
                  .values_list("action", flat=True))
    assert {a for a in audited if a.startswith("protection.")} >= {
        "protection.strategy_discussion", "protection.s47_visit", "protection.s47_outcome",
        "protection.conference_arranged", "protection.conference_outcome",
        "protection.core_group_member", "protection.core_group_meeting"}
