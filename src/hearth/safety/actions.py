"""Every write to worker-safety warnings and visit plans: one transaction, one audit row each
(practice 1). Refusals raise ``WarningRefused`` / ``PlanRefused`` naming the field at fault;
a stale version raises ``StaleEdit``; either way nothing is written."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.users import notify, notify_managers
from hearth.people.actions import StaleEdit
from hearth.safety import rules
from hearth.safety.codes import PLAN_QUESTIONS, WarningStatus
from hearth.safety.models import VisitPlan, WarningReview, WorkerWarning

#: A warning is reviewed within this many days unless the worker sets a date.
DEFAULT_REVIEW_DAYS = 180

__all__ = ["DEFAULT_REVIEW_DAYS", "PlanRefused", "StaleEdit", "WarningRefused",
           "do_add_warning", "do_agree_plan", "do_end_warning", "do_plan_visit",
           "do_review_warning", "do_sign_off_warning", "do_update_plan", "record_view"]


class WarningRefused(Exception):
    """The warning may not be saved as it is; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class PlanRefused(WarningRefused):
    """The visit plan may not be saved as it is; ``field`` names the input at fault."""


def _raise_first(problems: dict[str, str], refusal: type[WarningRefused] = WarningRefused):
    if problems:
        field, message = next(iter(problems.items()))
        raise refusal(message, field=field or None)


def _subject(warning: WorkerWarning):
    """What the audit row is about: the person, or the address."""
    return warning.person if warning.person_id else warning.address


def _locked(warning: WorkerWarning, expected_version: int) -> WorkerWarning:
    current = (WorkerWarning.objects.select_for_update(of=("self",))
               .select_related("person", "address").get(pk=warning.pk))
    if current.version != expected_version:
        raise StaleEdit(current.version)
    return current


@transaction.atomic
def do_add_warning(*, acting_user, person=None, address=None, kind: str, what_happened: str,
                   source: str, occurred_on: date | None, disclosed_to_person: bool,
                   not_disclosed_reason: str = "", requires_joint_visit: bool = False,
                   review_on: date | None = None, profession: str = "") -> WorkerWarning:
    """Raise a worker-safety warning on a person or an address (R-SAFE-1). It awaits a
    manager's sign-off; the workers and partner agencies involved with the family are told,
    and the team manager is asked to sign it off."""
    from hearth.safety.alerts import tell_about_new_warning

    if (person is None) == (address is None):
        raise WarningRefused("Say whether the warning is about a person or an address.")
    if person is not None and person.merged_into_id is not None:
        raise WarningRefused("That record was merged into another: raise the warning there.")
    what_happened, source = (what_happened or "").strip(), (source or "").strip()
    profession, not_disclosed_reason = (profession or "").strip(), \
        (not_disclosed_reason or "").strip()
    today = timezone.localdate()
    _raise_first(rules.warning_problems(
        kind=kind, what_happened=what_happened, source=source, occurred_on=occurred_on,
        disclosed_to_person=disclosed_to_person, not_disclosed_reason=not_disclosed_reason,
        review_on=review_on, profession=profession, today=today))
    assert occurred_on is not None  # warning_problems refuses a missing one
    warning = WorkerWarning.objects.create(
        person=person, address=address, kind=kind, profession=profession,
        what_happened=what_happened, source=source, occurred_on=occurred_on,
        disclosed_to_person=bool(disclosed_to_person),
        not_disclosed_reason="" if disclosed_to_person else not_disclosed_reason,
        requires_joint_visit=bool(requires_joint_visit),
        review_on=review_on or today + timedelta(days=DEFAULT_REVIEW_DAYS),
        recorded_by=acting_user, recorded_at=timezone.now())
    told = tell_about_new_warning(warning, acting_user)
    audit.record("safety.warning_add", user=acting_user, obj=person or address,
                 fields={"warning": warning.pk, "kind": kind, "source": warning.source,
                         "occurred_on": occurred_on.isoformat() if occurred_on else None,
                         "requires_joint_visit": warning.requires_joint_visit,
                         "disclosed_to_person": warning.disclosed_to_person,
                         "review_on": warning.review_on.isoformat(),
                         "address": address.pk if address is not None else None,
                         "told": sorted(u.username for group in told.values() for u in group)})
    return warning


@transaction.atomic
def do_sign_off_warning(warning: WorkerWarning, *, acting_user,
                        expected_version: int) -> WorkerWarning:
    """A manager, never the author, signs the warning off (R-SAFE-1)."""
    current = _locked(warning, expected_version)
    refusal = rules.sign_off_refusal(
        status=current.status, author_id=current.recorded_by_id, manager_id=acting_user.pk,
        may_sign_off=acting_user.has_hearth_permission("safety.sign_off"))
    if refusal:
        raise WarningRefused(refusal)
    current.status = WarningStatus.ACTIVE
    current.signed_off_by = acting_user
    current.signed_off_at = timezone.now()
    current.version += 1
    current.save(update_fields=["status", "signed_off_by", "signed_off_at", "version"])
    audit.record("safety.warning_sign_off", user=acting_user, obj=_subject(current),
                 fields={"warning": current.pk})
    notify([current.recorded_by], subject="Your worker-safety warning was signed off",
           body=f"{acting_user.display_name} signed off the warning you raised.",
           link=reverse("safety:warning", kwargs={"warning_id": current.pk}))
    return current


@transaction.atomic
def do_review_warning(warning: WorkerWarning, *, acting_user, expected_version: int,
                      review_on: date | None, note: str) -> WarningReview:
    """Review a warning: what was considered, and when it is next reviewed."""
    current = _locked(warning, expected_version)
    note = (note or "").strip()
    _raise_first(rules.review_problems(status=current.status, review_on=review_on, note=note,
                                       today=timezone.localdate()))
    assert review_on is not None  # review_problems refuses a missing one
    review = WarningReview.objects.create(
        warning=current, reviewed_by=acting_user, reviewed_at=timezone.now(), note=note,
        previous_review_on=current.review_on, review_on=review_on)
    current.review_on = review_on
    current.version += 1
    current.save(update_fields=["review_on", "version"])
    audit.record("safety.warning_review", user=acting_user, obj=_subject(current),
                 fields={"warning": current.pk, "review": review.pk,
                         "review_on": [review.previous_review_on.isoformat(),
                                       review_on.isoformat()], "note": note})
    return review


@transaction.atomic
def do_end_warning(warning: WorkerWarning, *, acting_user, expected_version: int,
                   reason: str) -> WorkerWarning:
    """End a warning with a reason; it stays on record, no longer shown as live."""
    current = _locked(warning, expected_version)
    reason = (reason or "").strip()
    _raise_first(rules.end_problems(status=current.status, reason=reason))
    current.status = WarningStatus.ENDED
    current.ended_by = acting_user
    current.ended_at = timezone.now()
    current.end_reason = reason
    current.version += 1
    current.save(update_fields=["status", "ended_by", "ended_at", "end_reason", "version"])
    audit.record("safety.warning_end", user=acting_user, obj=_subject(current),
                 fields={"warning": current.pk, "reason": reason})
    return current


def record_view(warning: WorkerWarning, *, user, what: str = "view_worker_warning") -> None:
    """Reading a warning is reading the record it is on: audited (practice 6)."""
    audit.record_read(what, user=user, obj=_subject(warning), fields={"warning": warning.pk})


# --- Visit plans (R-SAFE-2, R-SAFE-3) ---------------------------------------------------------


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
    _raise_first(rules.plan_problems(
        planned_for=planned_for, answers=answers, worker_id=worker.pk,
        joint_worker_id=getattr(joint_worker, "pk", None), now=now), PlanRefused)
    if joint_worker is not None and not (joint_worker.is_active
                                         and joint_worker.has_hearth_permission("safety.checkin")):
        raise PlanRefused("Choose a joint worker who goes out on visits", field="joint_worker")


def _ask_for_agreement(plan: VisitPlan, worker) -> None:
    """The worker's managers are asked to agree a plan that needs it (R-SAFE-2, R-SAFE-3)."""
    from hearth.safety import go_ahead

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
                    link=reverse("safety:visit_plan", kwargs={"plan_id": plan.pk}))


def _plan_audit(action: str, plan: VisitPlan, user, **fields: Any) -> None:
    audit.record(action, user=user, obj=plan.person, fields={"plan": plan.pk, **fields})


@transaction.atomic
def do_plan_visit(person, *, acting_user, planned_for: datetime | None,
                  answers: dict[str, Any], notes: str = "", joint_worker=None) -> VisitPlan:
    """Plan a visit to ``person`` with the questions of seed 004 §8.1 (R-SAFE-2). The plan
    carries the warnings that apply, the address they live at, and the visit action plan
    agreed in supervision (R-SAFE-3). Where a warning asks for a joint visit and nobody is
    named, the manager is asked to agree."""
    from hearth.safety.queries import current_address, family_map, found_for
    from hearth.supervision.queries import latest_visit_action_plan

    answers = clean_answers(answers)
    _plan_check(planned_for=planned_for, answers=answers, worker=acting_user,
                joint_worker=joint_worker, now=timezone.now())
    assert planned_for is not None  # plan_problems refuses a missing one
    found = found_for(acting_user, [person.pk])
    family = family_map([person.pk]).get(person.pk, set())
    session = latest_visit_action_plan([person.pk, *family])
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
    if current.version != expected_version:
        raise StaleEdit(current.version)
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
        raise PlanRefused("Only the worker whose visit it is can change the plan.")
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
    from hearth.safety import go_ahead

    current = _locked_plan(plan, expected_version)
    refusal = rules.agree_refusal(
        worker_id=current.worker_id, manager_id=acting_user.pk,
        may_agree=acting_user.has_hearth_permission("safety.sign_off"),
        already_agreed=current.manager_agreed_by_id is not None,
        agreement_wanted=go_ahead.plan_wants_agreement(current),
        joint_worker_named=current.joint_worker_id is not None)
    if refusal:
        raise PlanRefused(refusal)
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
           link=reverse("safety:visit_plan", kwargs={"plan_id": current.pk}))
    return current


def record_plan_view(plan: VisitPlan, *, user) -> None:
    audit.record_read("view_visit_plan", user=user, obj=plan.person, fields={"plan": plan.pk})
