"""Every write to visit safety plans (R-SAFE-2, R-SAFE-3): one transaction, one audit row each
(practice 1). A refusal raises ``Refused`` (``Why.FORBIDDEN`` when the plan is not this user's
to change or agree, ``Why.STATE`` when it is already agreed or needs no agreement); a stale
version raises ``StaleEdit``; either way nothing is written."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify, notify_managers
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.safety import rules
from hearth.safety.codes import PLAN_QUESTIONS
from hearth.safety.models import VisitPlan
from hearth.safety.queries import go_ahead
from hearth.safety.queries.family import family_map
from hearth.safety.queries.plans import visit_action_plan
from hearth.safety.queries.warnings import current_address, found_for


def clean_answers(answers: dict[str, Any]) -> dict[str, dict]:
    """Only the questions of seed 004 §8.1, each ``{"answer": bool, "note": str}``."""
    clean: dict[str, dict] = {}
    for key, _ in PLAN_QUESTIONS:
        given = answers.get(key) or {}
        answer = given.get("answer")
        clean[key] = {"answer": answer if answer in (True, False) else None,
                      "note": str(given.get("note") or "").strip()}
    return clean


def _plan_check(*, planned_for: datetime | None, answers: dict, worker, joint_worker,
                now: datetime) -> None:
    refuse_if(rules.plan_problems(
        planned_for=planned_for, answers=answers, worker_id=worker.pk,
        joint_worker_id=getattr(joint_worker, "pk", None), now=now))
    if joint_worker is not None and not (joint_worker.is_active
                                         and joint_worker.has_hearth_permission("safety.checkin")):
        raise Refused("Choose a joint worker who goes out on visits", "joint_worker")


def _ask_for_agreement(plan: VisitPlan, worker) -> None:
    """The worker's managers are asked to agree a plan that needs it (R-SAFE-2, R-SAFE-3)."""
    if plan.manager_agreed_by_id or not go_ahead.plan_wants_agreement(plan):
        return
    daytime = rules.in_daylight_working_hours(plan.planned_for)
    what = "a visit without a joint worker" if daytime else "an out-of-hours visit"
    why = ("A warning asks for a joint visit and no joint worker is named." if daytime else
           "The family has a worker-safety warning and the visit is outside daylight and "
           "working hours: it needs two workers and your agreement.")
    notify_managers(worker, subject=f"Agree {what} on {plan.person.display_name}",
                    body=f"{worker.display_name} plans a visit on "
                         f"{timezone.localtime(plan.planned_for):%d/%m/%Y %H:%M}. {why}",
                    link=reverse("safety:visit_plan", kwargs={"plan_id": plan.pk}),
                    people=[plan.person_id])


def _plan_audit(action: str, plan: VisitPlan, user, **fields: Any) -> None:
    audit.record(action, user=user, obj=plan.person, fields={"plan": plan.pk, **fields})


@transaction.atomic
def do_plan_visit(person, *, acting_user, planned_for: datetime | None,
                  answers: dict[str, Any], notes: str = "", joint_worker=None) -> VisitPlan:
    """Plan a visit to ``person`` with the questions of seed 004 §8.1 (R-SAFE-2). The plan
    carries the warnings that apply, the address they live at, and the visit action plan
    agreed in supervision (R-SAFE-3). Where a warning asks for a joint visit and nobody is
    named, the manager is asked to agree."""
    answers = clean_answers(answers)
    _plan_check(planned_for=planned_for, answers=answers, worker=acting_user,
                joint_worker=joint_worker, now=timezone.now())
    assert planned_for is not None  # plan_problems refuses a missing one
    found = found_for(acting_user, [person.pk])
    family = family_map([person.pk]).get(person.pk, set())
    session = visit_action_plan([person.pk, *family])
    plan = VisitPlan.objects.create(
        person=person, address=current_address(person), planned_for=planned_for,
        worker=acting_user, answers=answers, notes=(notes or "").strip(),
        joint_worker=joint_worker, supervision_session=session, created_at=timezone.now())
    plan.warnings.set(found.warnings)
    _plan_audit("safety.visit_plan", plan, acting_user,
                planned_for=planned_for.isoformat(),
                warnings=sorted(w.pk for w in found.warnings),
                joint_worker=getattr(joint_worker, "username", None),
                supervision_session=getattr(session, "pk", None),
                answers={k: v["answer"] for k, v in answers.items()})
    _ask_for_agreement(plan, acting_user)
    return plan


def _locked_plan(plan: VisitPlan, expected_version: int) -> VisitPlan:
    current = (VisitPlan.objects.select_for_update(of=("self",)).select_related("person")
               .get(pk=plan.pk))
    check_version(current, expected_version, "visit plan")
    return current


@transaction.atomic
def do_update_plan(plan: VisitPlan, *, acting_user, expected_version: int,
                   planned_for: datetime | None, answers: dict[str, Any], notes: str = "",
                   joint_worker=None) -> VisitPlan:
    """Change a plan (its worker only). Naming a different joint worker, or none, or moving
    the visit into or out of daylight and working hours, withdraws a manager's agreement given
    for the plan as it was."""
    current = _locked_plan(plan, expected_version)
    if current.worker_id != acting_user.pk:
        raise Refused("Only the worker whose visit it is can change the plan.",
                      why=Why.FORBIDDEN)
    answers = clean_answers(answers)
    _plan_check(planned_for=planned_for, answers=answers, worker=acting_user,
                joint_worker=joint_worker, now=timezone.now())
    assert planned_for is not None  # plan_problems refuses a missing one
    before = {"planned_for": current.planned_for.isoformat(),
              "joint_worker": current.joint_worker_id}
    was_daytime = rules.in_daylight_working_hours(current.planned_for)
    current.planned_for, current.answers = planned_for, answers
    current.notes = (notes or "").strip()
    current.joint_worker = joint_worker
    if current.manager_agreed_by_id and (
            before["joint_worker"] != getattr(joint_worker, "pk", None)
            or was_daytime != rules.in_daylight_working_hours(planned_for)):
        current.manager_agreed_by, current.manager_agreed_at, current.manager_note = \
            None, None, ""
    current.version += 1
    current.save()
    _plan_audit("safety.visit_plan_update", current, acting_user, before=before,
                planned_for=planned_for.isoformat(),
                joint_worker=getattr(joint_worker, "username", None))
    _ask_for_agreement(current, acting_user)
    return current


@transaction.atomic
def do_agree_plan(plan: VisitPlan, *, acting_user, expected_version: int,
                  note: str = "") -> VisitPlan:
    """A manager records their agreement to a visit that a warning says needs two workers,
    when no joint worker is named (R-SAFE-2), or to any visit to a warned family outside
    daylight and working hours (R-SAFE-3, R-RES-5). The recorded, audited agreement is what
    lets the check-in and the visit go ahead."""
    current = _locked_plan(plan, expected_version)
    may_agree = acting_user.has_hearth_permission("safety.sign_off")
    refusal = rules.agree_refusal(
        worker_id=current.worker_id, manager_id=acting_user.pk, may_agree=may_agree,
        already_agreed=current.manager_agreed_by_id is not None,
        agreement_wanted=go_ahead.plan_wants_agreement(current),
        joint_worker_named=current.joint_worker_id is not None)
    if refusal:
        mine = current.worker_id == acting_user.pk
        raise Refused(refusal, why=Why.FORBIDDEN if mine or not may_agree else Why.STATE)
    current.manager_agreed_by = acting_user
    current.manager_agreed_at = timezone.now()
    current.manager_note = (note or "").strip()
    current.version += 1
    current.save(update_fields=["manager_agreed_by", "manager_agreed_at", "manager_note",
                                "version"])
    _plan_audit("safety.visit_plan_agree", current, acting_user, note=current.manager_note)
    notify([current.worker], subject=f"Your visit plan was agreed on "
                                     f"{current.person.display_name}",
           body=f"{acting_user.display_name} agreed to the visit.",
           link=reverse("safety:visit_plan", kwargs={"plan_id": current.pk}),
           people=[current.person_id])
    return current


def record_plan_view(plan: VisitPlan, *, user) -> None:
    audit.record_read("view_visit_plan", user=user, obj=plan.person, fields={"plan": plan.pk})
