"""Route-matrix ids for conferences, plans and core groups (see route_args.py): Jack's initial
conference of 16 November 2026 put him on a plan (neglect), the police are in the core group,
and his first review conference is arranged for February (``conference_id``: its outcome
page still has its form)."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from hearth import calendar
from hearth.protection import models as m
from hearth.protection.actions import conferences as actions
from hearth.protection.codes import ConferenceDecision, ConferenceKind, S47Outcome


def route_args(*, fletchers, social_worker, police, args) -> dict:
    jack = fletchers["jack"]
    discussion = m.StrategyDiscussion.objects.create(
        person=jack, origin="open_case", held_on=date(2026, 11, 2),
        information_shared="Neglect concerns from school and health.",
        decision="s47_single", decision_reasons="Reasonable cause to suspect.",
        recorded_by=social_worker, recorded_at=timezone.now())
    enquiry = m.Section47Enquiry.objects.create(
        strategy=discussion, person=jack, joint=False, started_on=date(2026, 11, 2),
        icpc_due=calendar.icpc_due(date(2026, 11, 2)).date(),
        outcome=S47Outcome.SUBSTANTIATED_ICPC, outcome_on=date(2026, 11, 9),
        outcome_by=social_worker)
    icpc = actions.do_arrange_conference(
        jack, acting_user=social_worker, kind=ConferenceKind.ICPC, held_on=date(2026, 11, 16),
        chair_name="Chris Chair", enquiry=enquiry,
        invitees=[{"name": "DC Pat Officer", "agency": police.name, "role": "Police"}])
    icpc = actions.do_record_conference_outcome(
        icpc, acting_user=social_worker, expected_version=icpc.version,
        attendance={icpc.invitees.get().pk: {"attendance": "attended",
                                             "report_submitted": True}},
        family=[{"person": fletchers["mum"], "relationship": "Mother",
                 "participation": "excluded_part", "excluded_from": "The police update",
                 "exclusion_reason": "It could prejudice the investigation."}],
        decision=ConferenceDecision.PLAN, category="NEG", lead_social_worker=social_worker,
        minutes="Minutes", outline_plan="Outline plan")
    plan = icpc.started_plan
    member = actions.do_add_core_group_member(
        plan, acting_user=social_worker, name="DC Pat Officer", agency=police.name,
        partner_agency=police, role="Police", tasks="Share the investigation's outcome.")
    rcpc = actions.do_arrange_conference(
        jack, acting_user=social_worker, kind=ConferenceKind.RCPC, held_on=date(2027, 2, 15),
        chair_name="Chris Chair", plan=plan,
        invitees=[{"name": "DC Pat Officer", "agency": police.name, "role": "Police"}])
    return {"conference_id": rcpc.pk, "cp_plan_id": plan.pk, "member_id": member.pk}
