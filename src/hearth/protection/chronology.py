"""What child protection records say in the child's chronology (R-CHR-2, R-CP-1..4)."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, on_day, shorten
from hearth.protection.codes import EXCLUDED, ConferenceDecision


def strategy_events(discussion) -> list[Spec]:
    agencies = sorted({p.agency for p in discussion.participants.all()})
    summary = (f"Strategy discussion with {', '.join(agencies) or 'no agencies recorded'}. "
               f"Decision: {discussion.get_decision_display()}. "
               f"{shorten(discussion.decision_reasons, 250)}")
    return [Spec(discussion.person_id, Kind.STRATEGY_DISCUSSION, on_day(discussion.held_on),
                 summary, time_known=False, recorded_by_id=discussion.recorded_by_id)]


def all_strategy_discussions():
    from hearth.protection.models import StrategyDiscussion

    return StrategyDiscussion.objects.prefetch_related("participants")


def enquiry_events(enquiry) -> list[Spec]:
    if not enquiry.outcome or enquiry.outcome_on is None:
        return []
    summary = f"Section 47 enquiry outcome: {enquiry.get_outcome_display()}."
    if enquiry.outcome_reasons:
        summary += f" {shorten(enquiry.outcome_reasons, 250)}"
    if enquiry.outcome_authorised_by_id:
        summary += f" Authorised by {enquiry.outcome_authorised_by.display_name}."
    return [Spec(enquiry.person_id, Kind.S47_OUTCOME, on_day(enquiry.outcome_on), summary,
                 time_known=False, recorded_by_id=enquiry.outcome_by_id)]


def all_enquiries():
    from hearth.protection.models import Section47Enquiry

    return Section47Enquiry.objects.filter(outcome_on__isnull=False).select_related(
        "outcome_authorised_by")


def s47_visit_events(visit) -> list[Spec]:
    workers = " and ".join(f"{w.name} ({w.get_kind_display().lower()})"
                           for w in visit.workers.all())
    seen = ("The child was seen alone." if visit.child_seen_alone else
            "The child was seen." if visit.child_seen else "The child was not seen.")
    summary = f"Section 47 visit at {visit.place} by {workers}. {seen}"
    if visit.police_could_not_attend:
        summary += f" The police could not attend: {shorten(visit.police_absence_reason, 200)}"
    return [Spec(visit.enquiry.person_id, Kind.S47_VISIT, visit.visited_at, summary,
                 recorded_by_id=visit.recorded_by_id)]


def all_s47_visits():
    from hearth.protection.models import S47Visit

    return S47Visit.objects.select_related("enquiry").prefetch_related("workers")


def conference_events(conference) -> list[Spec]:
    if not conference.held:
        return []
    summary = f"{conference.get_kind_display()} chaired by {conference.chair_name}."
    if conference.decision:
        summary += f" Decision: {conference.get_decision_display()}."
    if conference.category and conference.decision in (ConferenceDecision.PLAN,
                                                       ConferenceDecision.CONTINUE):
        summary += f" Category: {conference.get_category_display()}."
    excluded = [f.name for f in conference.family.all() if f.participation in EXCLUDED]
    if excluded:
        summary += f" Excluded from the conference (all or part): {', '.join(excluded)}."
    return [Spec(conference.person_id, Kind.CONFERENCE, on_day(conference.held_on), summary,
                 time_known=False, recorded_by_id=conference.recorded_by_id)]


def all_conferences():
    from hearth.protection.models import Conference

    return Conference.objects.filter(held=True).prefetch_related("family")


def plan_events(plan) -> list[Spec]:
    lead = plan.lead_social_worker.display_name
    specs = [Spec(plan.person_id, Kind.CP_PLAN_STARTED, on_day(plan.start_on),
                  f"Child protection plan started: {plan.get_initial_category_display()}. "
                  f"Lead social worker {lead}.", time_known=False,
                  recorded_by_id=plan.created_by_id)]
    if plan.end_on is not None:
        summary = f"Child protection plan ended: {plan.get_end_reason_display()}."
        if plan.end_notes:
            summary += f" {shorten(plan.end_notes, 250)}"
        specs.append(Spec(plan.person_id, Kind.CP_PLAN_ENDED, on_day(plan.end_on), summary,
                          time_known=False, recorded_by_id=plan.ended_by_id))
    return specs


def all_plans():
    from hearth.protection.models import CPPlan

    return CPPlan.objects.select_related("lead_social_worker")


def core_group_events(meeting) -> list[Spec]:
    return [Spec(meeting.plan.person_id, Kind.CORE_GROUP, on_day(meeting.held_on),
                 f"Core group meeting. {shorten(meeting.progress, 300)}", time_known=False,
                 recorded_by_id=meeting.recorded_by_id)]


def all_core_group_meetings():
    from hearth.protection.models import CoreGroupMeeting

    return CoreGroupMeeting.objects.select_related("plan")
