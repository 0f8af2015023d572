"""May this visit go ahead as planned? The facts ``rules.go_ahead_problems`` decides on, read
for a lone-working check-in, a visit plan and a newly recorded visit (R-SAFE-2, R-SAFE-3,
R-RES-5): which live worker-safety warnings apply to the person, their family and where they
live; whether a second worker is named; whether a manager recorded their agreement (a visit
plan agreed with ``do_agree_plan``, audited as ``safety.visit_plan_agree``).

``new_visit_check`` is a ``hearth.visits.actions.NEW_VISIT_CHECKS`` hook: it runs when a visit
is first recorded, never when one is corrected.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q

from hearth import calendar
from hearth.safety import rules
from hearth.safety.models import CheckIn, VisitPlan
from hearth.safety.queries.family import family_map
from hearth.safety.queries.warnings import warnings_for
from hearth.visits.codes import Engagement

#: Added to a refused visit's problems: where the second worker or agreement is looked for.
NO_PLAN_HINT = (" No colleague is named as going with you, and no visit plan or check-in of "
                "yours for this family on that day records one: name the colleague who went "
                "with you, or plan the visit with the second worker (or have a manager agree "
                "the plan) before you go.")


def family_of(person_id) -> set:
    """The person and their family, as the worker-safety banner counts them."""
    return {person_id, *family_map([person_id]).get(person_id, set())}


def warning_facts(person_id, *, recorded_by: datetime | None = None) -> tuple[bool, bool]:
    """(any live warning applies, one of them asks for two workers) for the person, their
    family and where they live; only warnings raised by ``recorded_by`` when it is given."""
    warnings = warnings_for(family_of(person_id))
    if recorded_by is not None:
        warnings = warnings.filter(recorded_at__lte=recorded_by)
    joint = [w.requires_joint_visit for w in warnings]
    return bool(joint), any(joint)


def plan_problems(plan: VisitPlan) -> dict[str, str]:
    """What the plan still lacks before the visit may go ahead (empty: ready)."""
    warned, joint = warning_facts(plan.person_id)
    return rules.go_ahead_problems(
        starts_at=plan.planned_for, warned=warned, joint_visit_required=joint,
        second_worker=plan.joint_worker_id is not None,
        manager_agreed=plan.manager_agreed_by_id is not None)


def plan_wants_agreement(plan: VisitPlan) -> bool:
    warned, joint = warning_facts(plan.person_id)
    return rules.agreement_wanted(starts_at=plan.planned_for, warned=warned,
                                  joint_visit_required=joint,
                                  second_worker=plan.joint_worker_id is not None)


def _plan_gives(plan: VisitPlan | None, worker) -> tuple[bool, bool]:
    """(a second worker, a manager's agreement) that a visit plan gives ``worker``: the plan's
    joint worker, or the plan's own worker when ``worker`` is the joint worker."""
    if plan is None:
        return False, False
    second = plan.joint_worker_id is not None and (
        plan.joint_worker_id != worker.pk or plan.worker_id != worker.pk)
    return second, plan.manager_agreed_by_id is not None


def check_in_problems(*, worker, person, plan: VisitPlan | None, joint_worker,
                      now: datetime, expected_back: datetime) -> dict[str, str]:
    """Whether a lone-working check-in may start now, back at ``expected_back``."""
    if person is None:
        return {}
    warned, joint = warning_facts(person.pk)
    second, agreed = _plan_gives(plan, worker)
    return rules.go_ahead_problems(
        starts_at=now, ends_at=expected_back, warned=warned, joint_visit_required=joint,
        second_worker=second or joint_worker is not None, manager_agreed=agreed)


def _day(at: datetime) -> tuple[datetime, datetime]:
    start = datetime.combine(at.astimezone(calendar.LONDON).date(), datetime.min.time(),
                             calendar.LONDON)
    return start, start + timedelta(days=1)


def visit_problems(child, *, worker, starts_at: datetime,
                   joint_worker=None) -> dict[str, str]:
    """Whether a visit to ``child`` starting at ``starts_at`` could go ahead: the warnings
    raised by then, and the best that the colleague named on the visit and the worker's visit
    plans and check-ins for the family on that day give (a second worker, a manager's
    agreement)."""
    warned, joint = warning_facts(child.pk, recorded_by=starts_at)
    if not warned:
        return {}
    family = family_of(child.pk)
    start, end = _day(starts_at)
    mine = Q(worker_id=worker.pk) | Q(joint_worker_id=worker.pk)
    named = joint_worker is not None
    options: list[tuple[bool, bool]] = [(named, False)]
    for plan in VisitPlan.objects.filter(mine, person_id__in=family, planned_for__gte=start,
                                         planned_for__lt=end):
        second, agreed = _plan_gives(plan, worker)
        options.append((second or named, agreed))
    for checkin in (CheckIn.objects.filter(mine, person_id__in=family, started_at__gte=start,
                                           started_at__lt=end).select_related("visit_plan")):
        second, agreed = _plan_gives(checkin.visit_plan, worker)
        options.append((second or named or checkin.joint_worker_id is not None
                        or checkin.worker_id != worker.pk, agreed))
    best: dict[str, str] | None = None
    for second, agreed in options:
        problems = rules.go_ahead_problems(starts_at=starts_at, warned=warned,
                                           joint_visit_required=joint, second_worker=second,
                                           manager_agreed=agreed)
        if best is None or len(problems) < len(best):
            best = problems
    return best or {}


def new_visit_check(values: dict[str, Any], child, acting_user) -> str | None:
    """``NEW_VISIT_CHECKS``: a visit to a family whose warning asks for two workers, or any
    visit to a warned family outside daylight and working hours, is not recorded as a lone
    visit without the second worker or the manager's recorded agreement. A visit the family
    cancelled did not happen and is always recorded."""
    starts_at = values.get("starts_at")
    if (acting_user is None or not isinstance(starts_at, datetime)
            or values.get("outcome") == Engagement.CANCELLED_BY_FAMILY):
        return None
    problems = visit_problems(child, worker=acting_user, starts_at=starts_at,
                              joint_worker=values.get("joint_worker"))
    if not problems:
        return None
    return ". ".join(problems.values()) + "." + NO_PLAN_HINT
