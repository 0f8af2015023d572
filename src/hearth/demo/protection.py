"""Child protection for the demo, made by the real actions (so each step is audited and in the
chronology), for the demo social worker's four most recently allocated children:

1. a joint Section 47 enquiry that led to an ICPC and a plan (neglect) a couple of weeks ago,
   with a core group the police partner agency is in — and no core group meeting yet, so the
   first one shows as overdue; the family has complex needs, so a two-worker decision is needed;
2. a single-agency enquiry whose concerns were substantiated but whose ICPC has not been held:
   overdue on the dashboard;
3. a plan that started about four months ago, with a core group meeting, whose first review
   conference is now overdue;
4. a strategy discussion that decided on no further Section 47 action.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from hearth import calendar
from hearth.access.models import Agency, User
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.people.models import Person, Relationship
from hearth.protection.codes import (
    ConferenceDecision,
    ConferenceKind,
    FamilyParticipation,
    S47Outcome,
    StrategyDecision,
    WorkerKind,
)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=calendar.LONDON)


def _mother(child: Person) -> Person | None:
    link = (Relationship.objects.filter(relative=child, kind="mother").select_related("person")
            .first())
    return link.person if link else None


def seed_protection() -> int:
    """Returns how many children were given a child protection history."""
    from hearth.protection.actions import conferences, strategy
    from hearth.protection.actions.twoworkers import do_record_complex_needs

    sam = User.objects.filter(username="demo.socialworker").first()
    chair = User.objects.filter(username="demo.chair").first()
    police = Agency.objects.filter(kind="police").order_by("pk").first()
    if sam is None or chair is None:
        return 0
    children = [i.person for i in Involvement.objects.filter(
        worker=sam, status=InvolvementStatus.OPEN).select_related("person")
        .order_by("-pk")[:4]]
    today = timezone.localdate()
    police_name = police.name if police else "Police"
    participants = [
        {"name": sam.display_name, "agency": "Children's services", "role": "Social worker",
         "user": sam},
        {"name": "DC Robin Hale", "agency": police_name, "role": "Child abuse investigator",
         "agency_kind": "police"},
        {"name": "Dr Jo Marsh", "agency": "Hearthshire NHS", "role": "Named nurse",
         "agency_kind": "health"}]

    def discussion(child, held_on, decision, reasons):
        return strategy.do_record_strategy_discussion(
            child, acting_user=sam, origin="open_case",
            involvement=child.involvements.filter(status=InvolvementStatus.OPEN).first(),
            held_on=held_on, participants=participants,
            information_shared="Police hold a domestic abuse callout from last month; the "
                               "health visitor saw the child with an unexplained mark.",
            decision=decision, decision_reasons=reasons,
            actions=[{"action": "Visit the child at home with the police", "owner":
                      sam.display_name, "owner_user": sam, "due_on": held_on}])

    def visit(enquiry, day, *, joint):
        second = ({"kind": WorkerKind.POLICE, "name": "DC Robin Hale", "agency": police_name}
                  if joint else {"kind": WorkerKind.CSC_WORKER, "name": "Alex Duty",
                                 "agency": "Children's services"})
        strategy.do_record_s47_visit(
            enquiry, acting_user=sam, visited_at=_at(day, 14), place="The family home",
            child_seen=True, child_seen_alone=True,
            notes="The child was seen alone in their bedroom and talked about home.",
            workers=[{"kind": WorkerKind.SOCIAL_WORKER, "user": sam, "name": sam.display_name,
                      "agency": "Children's services"}, second])

    def substantiated(enquiry, day):
        return strategy.do_record_s47_outcome(
            enquiry, acting_user=sam, expected_version=enquiry.version,
            outcome=S47Outcome.SUBSTANTIATED_ICPC, outcome_on=day,
            reasons="The child's account and the injury: an initial conference is needed.")

    def plan_from_icpc(child, enquiry, held_on, category):
        icpc = conferences.do_arrange_conference(
            child, acting_user=sam, kind=ConferenceKind.ICPC, held_on=held_on, chair=chair,
            enquiry=enquiry, invitees=[
                {"name": "DC Robin Hale", "agency": police_name, "role": "Police"},
                {"name": "Dr Jo Marsh", "agency": "Hearthshire NHS", "role": "Health"},
                {"name": "Mrs Lee", "agency": "Hearthshire Primary School", "role": "DSL"}])
        mother = _mother(child)
        family = ([{"person": mother, "name": mother.display_name, "relationship": "Mother",
                    "participation": FamilyParticipation.ATTENDED}] if mother else [])
        conferences.do_record_conference_outcome(
            icpc, acting_user=chair, expected_version=icpc.version,
            attendance={i.pk: {"attendance": "attended", "report_submitted": True}
                        for i in icpc.invitees.all()},
            family=family, decision=ConferenceDecision.PLAN, category=category,
            lead_social_worker=sam,
            minutes="The agencies' reports and the family's views were heard.",
            outline_plan="Weekly visits, the child seen alone each time; health checks kept; "
                         "school to report absence the same day.")
        plan = child.cp_plans.get(end_on__isnull=True)
        if police:
            conferences.do_add_core_group_member(
                plan, acting_user=sam, name="DC Robin Hale", agency=police_name,
                partner_agency=police, role="Police",
                tasks="Share any callout to the address within one working day.")
        conferences.do_add_core_group_member(
            plan, acting_user=sam, name="Mrs Lee", agency="Hearthshire Primary School",
            role="Designated safeguarding lead",
            tasks="Report absence or injuries the same day.")
        if mother:
            conferences.do_add_core_group_member(
                plan, acting_user=sam, name=mother.display_name, agency="Family",
                person=mother, role="Mother",
                tasks="Keep health appointments; let workers see the child alone.")
        return plan

    made = 0
    if len(children) > 0:  # on a plan; first core group overdue; complex needs
        child = children[0]
        held = calendar.add_working_days(today, -20)
        enquiry = discussion(child, held, StrategyDecision.S47_JOINT,
                             "Reasonable cause to suspect significant harm: joint enquiry.").enquiry
        visit(enquiry, calendar.add_working_days(held, 1), joint=True)
        enquiry = substantiated(enquiry, calendar.add_working_days(held, 4))
        plan_from_icpc(child, enquiry, calendar.add_working_days(held, 8), "NEG")
        do_record_complex_needs(child, acting_user=sam,
                                description="A parent with a learning disability and a "
                                            "sibling with complex health needs.")
        made += 1
    if len(children) > 1:  # ICPC needed and overdue
        child = children[1]
        held = calendar.add_working_days(today, -18)
        enquiry = discussion(child, held, StrategyDecision.S47_SINGLE_AGENCY,
                             "Concerns about neglect; the police have no role.").enquiry
        visit(enquiry, calendar.add_working_days(held, 2), joint=False)
        substantiated(enquiry, calendar.add_working_days(held, 6))
        made += 1
    if len(children) > 2:  # a plan whose first review is overdue
        child = children[2]
        icpc_on = calendar.add_working_days(calendar.add_months(today, -3), -5)
        held = calendar.add_working_days(icpc_on, -10)
        enquiry = discussion(child, held, StrategyDecision.S47_JOINT,
                             "Emotional harm from domestic abuse at home.").enquiry
        visit(enquiry, calendar.add_working_days(held, 1), joint=True)
        enquiry = substantiated(enquiry, calendar.add_working_days(held, 5))
        plan = plan_from_icpc(child, enquiry, icpc_on, "EMO")
        conferences.do_record_core_group_meeting(
            plan, acting_user=sam, held_on=calendar.add_working_days(icpc_on, 7),
            attendees="Social worker, police, school, mother",
            progress="Mother has engaged with the domestic abuse service.",
            actions="School to share attendance weekly.",
            next_meeting_on=calendar.add_working_days(icpc_on, 37))
        made += 1
    if len(children) > 3:  # no further Section 47 action
        discussion(children[3], calendar.add_working_days(today, -2),
                   StrategyDecision.NO_FURTHER_S47,
                   "The injury has an innocent explanation confirmed by the GP.")
        made += 1
    return made
