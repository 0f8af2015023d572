"""What a child in need plan says in the child's chronology (R-CHR-2, R-CIN-1, R-CIN-2): the
plan started, each CIN meeting, and the plan ended with its reason, in the casework lane.
Registered from CinConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, on_day, shorten
from hearth.cin.codes import Progress


def plan_events(plan) -> list[Spec]:
    actions = len(plan.actions.all())
    specs = [Spec(plan.person_id, Kind.CIN_PLAN_STARTED, on_day(plan.start_on),
                  f"Child in need plan started, with {actions} "
                  f"action{'s' if actions != 1 else ''}: {shorten(plan.needs, 200)}",
                  time_known=False, recorded_by_id=plan.created_by_id)]
    for meeting in plan.meetings.all():
        progress = list(meeting.progress.all())
        done = sum(1 for p in progress if p.status == Progress.DONE)
        specs.append(Spec(plan.person_id, Kind.CIN_MEETING, on_day(meeting.held_on),
                          f"CIN meeting held ({len(meeting.attendees)} attended): {done} of "
                          f"{len(progress)} actions done.", time_known=False,
                          recorded_by_id=meeting.recorded_by_id))
    if plan.end_on is not None:
        specs.append(Spec(plan.person_id, Kind.CIN_PLAN_ENDED, on_day(plan.end_on),
                          f"Child in need plan ended: {plan.get_end_reason_display().lower()}.",
                          time_known=False, recorded_by_id=plan.ended_by_id))
    return specs


def all_plans():
    from hearth.cin.models import CINPlan

    return CINPlan.objects.prefetch_related("actions", "meetings__progress")
