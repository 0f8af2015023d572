"""A small world for the whole-API tests: the Fletchers with a record of each kind the API
serves, so that generated requests reach real records as well as missing ones.

Sam (social worker) visited Jack, wrote notes, added a chronology entry and an engagement event,
raised a warning about Kerry and started Jack's assessment; Fran (front door) took two contacts,
sent one to the MASH (Pat's agency was asked) and proposed no further action on the other; a
strategy discussion started a Section 47 enquiry about Jack; Amy is on a child protection plan.
Every date is computed from today."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from hearth import calendar
from hearth.assessments.actions import do_start_assessment
from hearth.chronology.actions import do_add_entry
from hearth.chronology.models import Event
from hearth.engagement.actions import do_record_event
from hearth.frontdoor.actions import contacts, mash
from hearth.people.models import Person
from hearth.protection import models as cp
from hearth.protection.codes import ConferenceDecision, ConferenceKind, StrategyDecision
from hearth.protection.rules.pathway import plan_dates
from hearth.records.actions.notes import do_finalise, do_write_note
from hearth.safety.actions.warnings import do_add_warning, do_sign_off_warning
from hearth.visits.actions import do_record_visit

LONDON = calendar.LONDON
#: The key of the records in another state, by path parameter.
OTHERS = "others"


def at(day, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def contact_call(received: datetime) -> dict:
    return {"received_at": received, "channel": "phone", "caller_kind": "professional",
            "caller_name": "Ms Amira Shah", "caller_agency": "Northam Primary School",
            "caller_contact": "023 8000 0000", "referral_source": "2A",
            "worries": "Jack arrived hungry three days running.", "urgency": "today",
            "family_aware": True, "family_told_sharing": True}


def _protection(sam, jack, amy, today) -> dict:
    held = calendar.add_working_days(today, -4)
    discussion = cp.StrategyDiscussion.objects.create(
        person=jack, origin="open_case", held_on=held,
        information_shared="School saw bruising.", decision=StrategyDecision.S47_JOINT,
        decision_reasons="Reasonable cause to suspect significant harm.", recorded_by=sam,
        recorded_at=timezone.now())
    discussion.participants.create(name="Sam Worker", agency="Children's services",
                                   agency_kind="", user=sam)
    discussion.participants.create(name="DC Pat Officer", agency="Hampshire Police",
                                   agency_kind="police")
    enquiry = cp.Section47Enquiry.objects.create(
        strategy=discussion, person=jack, joint=True, started_on=held,
        icpc_due=calendar.icpc_due(held).date())
    icpc_on = calendar.add_working_days(today, -2)
    amy_enquiry = cp.Section47Enquiry.objects.create(
        strategy=cp.StrategyDiscussion.objects.create(
            person=amy, origin="open_case", held_on=calendar.add_working_days(icpc_on, -10),
            information_shared="Police callout.", decision=StrategyDecision.S47_JOINT,
            decision_reasons="Significant harm.", recorded_by=sam, recorded_at=timezone.now()),
        person=amy, joint=True, started_on=calendar.add_working_days(icpc_on, -10),
        icpc_due=calendar.icpc_due(calendar.add_working_days(icpc_on, -10)).date())
    conference = cp.Conference.objects.create(
        person=amy, kind=ConferenceKind.ICPC, enquiry=amy_enquiry, held_on=icpc_on,
        chair_name="Chris Chair", held=True, decision=ConferenceDecision.PLAN, category="NEG",
        minutes="Minutes", outline_plan="Outline plan", arranged_by=sam,
        arranged_at=timezone.now(), recorded_by=sam, recorded_at=timezone.now())
    dates = plan_dates(icpc_on)
    plan = cp.CPPlan.objects.create(
        person=amy, conference=conference, start_on=icpc_on, initial_category="NEG",
        latest_category="NEG", lead_social_worker=sam,
        first_core_group_due=dates.first_core_group_due,
        next_review_due=dates.first_review_due, created_by=sam, created_at=timezone.now())
    return {"discussion_id": discussion, "enquiry_id": enquiry, "conference_id": conference,
            "cp_plan_id": plan}


def build(*, sam, fran, police, fletchers, tina=None) -> dict:
    """The records the API serves, by the name of the path parameter that names each;
    ``OTHERS`` holds a record in another state for some (a finalised note, a warning Tina
    signed off)."""
    jack, amy, mum = fletchers["jack"], fletchers["amy"], fletchers["mum"]
    today = timezone.localdate()
    yesterday = calendar.add_working_days(today, -1)
    visit = do_record_visit(jack, acting_user=sam, kind="planned", starts_at=at(yesterday, 10),
                            place="Home", child_seen=True, outcome="completed")
    note = do_write_note(jack, acting_user=sam, occurred_at=at(yesterday, 11), place="Home",
                         who_said_what="Jack said school was fine.")
    done = do_write_note(jack, acting_user=sam, occurred_at=at(yesterday, 12), place="School",
                         who_said_what="The teacher said Jack was tired.")
    do_finalise(done, acting_user=sam, expected_version=done.version)
    do_add_entry(jack, acting_user=sam, kind="school_change", occurred_on=yesterday,
                 summary="Moved to Northam Primary.", source_agency="School")
    do_record_event(jack, acting_user=sam, kind="no_answer", occurred_at=at(yesterday, 9))
    warning = do_add_warning(acting_user=sam, person=mum, kind="threats",
                             what_happened="Threatened a health visitor.", source="Police",
                             occurred_on=yesterday, disclosed_to_person=True)
    signed = do_add_warning(acting_user=sam, person=mum, kind="animals",
                            what_happened="A dog at the door.", source="Sam",
                            occurred_on=yesterday, disclosed_to_person=True)
    if tina is not None:
        signed = do_sign_off_warning(signed, acting_user=tina, expected_version=signed.version)
    involvement = jack.involvements.get()
    assessment = do_start_assessment(involvement, acting_user=sam)
    received = at(calendar.add_working_days(today, -3), 10)
    in_mash = contacts.do_record_contact(acting_user=fran, people=[(jack, "child"),
                                                                   (mum, "adult")],
                                         **contact_call(received))
    contacts.do_decide(in_mash, acting_user=fran, outcome="mash", rationale="Police history",
                       mash={"scope": "targeted", "rag": "amber", "agencies": [police]})
    in_mash.refresh_from_db()
    mash.do_record_consent(in_mash.mash, mum, acting_user=fran, status="given",
                           sought_by="Fran, by phone", answered_on=received + timedelta(hours=1))
    request = mash.do_start_gathering(in_mash.mash, acting_user=fran)[0]
    waiting = contacts.do_record_contact(acting_user=fran, people=[(amy, "child")],
                                         **contact_call(received))
    decision = contacts.do_decide(waiting, acting_user=fran, outcome="nfa",
                                  rationale="Universal services", advice="Talk to the school",
                                  referrer_plan="School to monitor")
    return {"person_id": jack, "visit_id": visit, "note_id": note, "contact_id": in_mash,
            "decision_id": decision, "request_id": request, "assessment_id": assessment,
            "involvement_id": involvement, "warning_id": warning,
            "entry_id": Event.objects.filter(person=jack, origin="manual").get(),
            **_protection(sam, jack, amy, today),
            OTHERS: {"note_id": [done], "warning_id": [signed]}}


def current(record):
    """The record as it is now (its version moves as the API changes it)."""
    if isinstance(record, Person):
        return Person.objects.get(pk=record.pk)
    return type(record)._default_manager.get(pk=record.pk)
