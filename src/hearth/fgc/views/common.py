"""What the FGC pages share: the FGC page's context (what the user may do next), and the
guard in front of the coordinator's and the referrer's forms (403 naming who may, or back to
the FGC with why not yet)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils import timezone

from hearth.fgc.actions.conferences import may_decide
from hearth.fgc.actions.referrals import may_end
from hearth.fgc.codes import Status
from hearth.fgc.models import FGC
from hearth.fgc.queries import referrals as queries
from hearth.fgc.rules import conferences as conference_rules
from hearth.fgc.rules import referrals as rules
from hearth.fgc.rules.conferences import PlanLine

T = "fgc/"


def not_coordinator(fgc: FGC) -> str:
    who = (f"{fgc.coordinator.display_name}, its coordinator" if fgc.coordinator_id
           else "its coordinator, once one is allocated")
    return f"Only {who}, can record this for this Family Group Conference."


def guard(request, fgc: FGC, step: str, *, coordinator: bool = True):
    """None when the user may take ``step`` now; otherwise raise 403 (not theirs) or answer
    a redirect to the FGC saying why not yet."""
    if coordinator and fgc.coordinator_id != request.user.pk:
        raise PermissionDenied(not_coordinator(fgc))
    problem = rules.step_problem(step, fgc.status)
    if problem:
        messages.info(request, problem)
        return redirect("fgc:fgc", fgc_id=fgc.pk)
    return None


def plan_lines(fgc: FGC) -> list[PlanLine]:
    return [PlanLine(who=i.who, what=i.what, by_when=i.by_when) for i in fgc.items.all()]


def fgc_context(user, fgc: FGC) -> dict:
    """Everything the FGC page shows and the next steps this user may take."""
    seen = queries.seen_children(user, fgc)
    status = fgc.status
    is_coordinator = fgc.coordinator_id == user.pk and user.has_hearth_permission(
        "fgc.coordinate")
    has_plan = status in (Status.PLAN_WAITING, Status.PLAN_AGREED, Status.PLAN_NOT_AGREED,
                          Status.REVIEWED)

    def can(step: str) -> bool:
        return not rules.step_problem(step, status)

    return {
        "fgc": fgc, "children": [(c, c.person_id in seen) for c in fgc.children.all()],
        "names": queries.names(fgc), "today": timezone.localdate(),
        "reviews": list(fgc.reviews.all()), "has_plan": has_plan,
        "warnings": conference_rules.plan_warnings(fgc.questions, plan_lines(fgc))
        if has_plan and (is_coordinator or user.pk == fgc.referred_by_id) else [],
        "may_take": can("take") and rules.can_coordinate(user.role, user.is_active),
        "may_allocate": can("allocate") and queries.fgc_manager(user)
        and user.has_hearth_permission("fgc.allocate"),
        "may_prepare": is_coordinator and can("prepare"),
        "may_conference": is_coordinator and can("conference"),
        "may_plan": is_coordinator and can("plan"),
        "may_review": is_coordinator and can("review"),
        "may_decide": can("decide") and user.has_hearth_permission("fgc.refer")
        and may_decide(fgc, user),
        "may_end": can("end") and may_end(fgc, user),
    }
