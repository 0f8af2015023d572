"""Lone working (R-SAFE-4): a worker checks in (where, expected back) and out when safe; if they
have not checked out ``grace`` after they were expected back, ``hearth worker`` alerts their
manager, and ``escalate_after`` later the on-call senior manager. Out of hours (EDT hours,
R-EDT-1) the line manager is off duty: the on-call senior manager is alerted first, and the
escalation goes to every service manager and the line manager (R-EDT-2).

One transaction and one audit row each: ``do_start_check_in``, ``do_extend_check_in``,
``do_check_out``, and the two the job handlers call, ``do_alert_managers`` and
``do_escalate``. Those re-read the check-in under ``select_for_update`` and decide again with
the rules, so a job run twice, run late by a restarted worker, or left over from before an
extension does nothing it should not. A refusal raises ``Refused`` and writes nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.access.models import User
from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.core.versions import check_version
from hearth.jobs.actions import schedule
from hearth.people.queries.visibility import can_see
from hearth.safety import rules
from hearth.safety.codes import CheckInStatus
from hearth.safety.models import CheckIn, VisitPlan
from hearth.safety.queries import go_ahead
from hearth.safety.queries.checkins import may_close, open_check_in_of
from hearth.safety.queries.oncall import alert_recipients, escalation_recipients
from hearth.safety.queries.plans import own_plans
from hearth.safety.rules import (
    alert_due,
    escalate_after,
    escalation_due,
    expected_back_problem,
    grace,
    line_manager_off_duty,
    max_ahead,
)

ALERT_JOB = "safety.checkin_alert"
ESCALATE_JOB = "safety.checkin_escalate"

#: Names nobody: who is out, and where, is for the worker's own managers (issue 13 item 7).
NOT_YOURS = ("You can only check out of your own lone visits, or close those of the workers "
             "you manage. If you are worried about a colleague, tell their manager now.")


def _local(at: datetime) -> str:
    local = at.astimezone(calendar.LONDON)
    return f"{local:%H:%M} on {local.day} {local:%B}"


def _alert_link(checkin: CheckIn) -> str:
    return reverse("safety:checkin_alert", kwargs={"checkin_id": checkin.pk})


def _audit(action: str, checkin: CheckIn, user, **fields: Any) -> None:
    audit.record(action, user=user, obj=checkin.person or checkin,
                 fields={"checkin": checkin.pk, **fields})


def _schedule_alert(checkin: CheckIn) -> None:
    schedule(ALERT_JOB, {"checkin": checkin.pk, "expected_back": checkin.expected_back.isoformat()},
             run_at=checkin.expected_back + grace())


def _go_ahead(*, acting_user, person, visit_plan, joint_worker, now: datetime,
              expected_back: datetime) -> None:
    """R-SAFE-2, R-SAFE-3, R-RES-5: refused when a warning on the person, their family or
    address needs a second worker or a manager's agreement that is not there."""
    problems = go_ahead.check_in_problems(worker=acting_user, person=person, plan=visit_plan,
                                          joint_worker=joint_worker, now=now,
                                          expected_back=expected_back)
    if problems:
        named = {("joint_worker" if key == rules.SECOND_WORKER else ""): message
                 for key, message in problems.items()}
        if rules.AGREEMENT in problems:
            named[""] = problems[rules.AGREEMENT] + (
                ": a manager has not agreed this visit plan yet" if visit_plan is not None
                else ": start the visit from a visit plan a manager has agreed")
        raise Refused(named)


def _joint_worker_problem(acting_user, joint_worker) -> str | None:
    if joint_worker is None:
        return None
    if joint_worker.pk == acting_user.pk:
        return "The second worker must be someone other than you"
    if not (joint_worker.is_active and joint_worker.has_hearth_permission("safety.checkin")):
        return "Choose a second worker who goes out on visits"
    return None


@transaction.atomic
def do_start_check_in(*, acting_user, where: str, expected_back: datetime | None, person=None,
                      visit_plan: VisitPlan | None = None, joint_worker=None) -> CheckIn:
    """Start a lone visit (R-SAFE-4) and queue the manager's alert for ``grace`` after the
    expected time. Refused (nothing written) for a time in the past or too far ahead, a person
    the worker may not see, someone else's visit plan, or while already out on a visit; and
    where a worker-safety warning needs a second worker or a manager's agreement that is not
    there (R-SAFE-2, R-SAFE-3; out of daylight and working hours, R-RES-5)."""
    now = timezone.now()
    where = (where or "").strip()
    if open_check_in_of(acting_user) is not None:
        raise Refused("You are already out on a lone visit: check out of it first",
                      why=Why.STATE)
    if visit_plan is not None:
        if not own_plans(acting_user).filter(pk=visit_plan.pk).exists():
            raise Refused("We could not find that visit plan", "visit_plan")
        if person is not None and person.pk != visit_plan.person_id:
            raise Refused("That visit plan is for someone else", "visit_plan")
        person = person or visit_plan.person
    if person is not None and not can_see(acting_user, person):
        raise Refused("We could not find that person", "person")
    if not where:
        raise Refused("Enter where you are going", "where")
    if len(where) > 200:
        raise Refused("Where you are going must be 200 characters or fewer", "where")
    problem = expected_back_problem(expected_back, now=now, limit=max_ahead())
    if problem:
        raise Refused(problem, "expected_back")
    assert expected_back is not None  # noqa: S101  (checked above; for mypy)
    problem = _joint_worker_problem(acting_user, joint_worker)
    if problem:
        raise Refused(problem, "joint_worker")
    _go_ahead(acting_user=acting_user, person=person, visit_plan=visit_plan,
              joint_worker=joint_worker, now=now, expected_back=expected_back)
    checkin = CheckIn.objects.create(worker=acting_user, person=person, visit_plan=visit_plan,
                                     joint_worker=joint_worker, where=where, started_at=now,
                                     expected_back=expected_back)
    _schedule_alert(checkin)
    _audit("safety.checkin_start", checkin, acting_user, expected_back=expected_back.isoformat(),
           visit_plan=getattr(visit_plan, "pk", None),
           joint_worker=getattr(joint_worker, "username", None))
    return checkin


def _for_update() -> QuerySet[CheckIn]:
    """Check-ins locked for this transaction (only their own rows: the person is nullable)."""
    return CheckIn.objects.select_for_update(of=("self",)).select_related("worker", "person")


def _locked(checkin: CheckIn) -> CheckIn:
    return _for_update().get(pk=checkin.pk)


def _told_so_far(current: CheckIn, now: datetime) -> list[User]:
    """Who was alerted about the current expected-back time (to stand them down)."""
    alerted_at = current.manager_alerted_at
    if alerted_at is None or alerted_at < current.expected_back:
        return []
    told = alert_recipients(current.worker, alerted_at)
    if current.escalated_at is not None and current.escalated_at >= current.expected_back:
        told += [u for u in escalation_recipients(current.worker, current.escalated_at,
                                                  alerted_at=alerted_at) if u not in told]
    return told


@transaction.atomic
def do_extend_check_in(checkin: CheckIn, *, acting_user, expected_version: int,
                       expected_back: datetime | None) -> CheckIn:
    """The worker changes the time they expect to be back. A new alert is queued for the new
    time; the earlier one finds nothing due and does nothing. Anyone already alerted is told."""
    current = _locked(checkin)
    if current.worker_id != acting_user.pk:
        raise Refused("You can only change the time on your own lone visits",
                      why=Why.FORBIDDEN)
    if current.status != CheckInStatus.OUT:
        raise Refused("You have already checked out of this visit", why=Why.STATE)
    check_version(current, expected_version, "check-in")
    now = timezone.now()
    problem = expected_back_problem(expected_back, now=now, limit=max_ahead())
    if problem:
        raise Refused(problem, "expected_back")
    assert expected_back is not None  # noqa: S101  (checked above; for mypy)
    if expected_back == current.expected_back:
        return current
    told = _told_so_far(current, now)
    before = current.expected_back
    current.expected_back = expected_back
    current.version += 1
    current.save(update_fields=["expected_back", "version"])
    _schedule_alert(current)
    _audit("safety.checkin_extend", current, acting_user, before=before.isoformat(),
           after=expected_back.isoformat())
    if told:
        name = current.worker.display_name
        notify(told, subject=f"{name} is safe and now expects to be back at "
                             f"{_local(expected_back)}",
               body=f"{name} changed the time they expect to be back from a lone visit.",
               link=_alert_link(current))
    return current


@transaction.atomic
def do_check_out(checkin: CheckIn, *, acting_user, expected_version: int | None = None,
                 reason: str = "") -> CheckIn:
    """Check out of a lone visit. The worker checks out of their own (never refused for an old
    page: they are saying they are safe). Their own manager, or the senior manager on call now
    (``may_close``), may close it on their behalf, with a recorded reason and only from an
    up-to-date page; anyone else is refused without being told whose it is. Whoever was
    alerted is told the worker is safe."""
    current = _locked(checkin)
    own = current.worker_id == acting_user.pk
    reason = (reason or "").strip()
    if not own and not may_close(acting_user, current):
        raise Refused(NOT_YOURS, why=Why.FORBIDDEN)
    if current.status != CheckInStatus.OUT:
        raise Refused(f"This check-in was already closed at {_local(current.checked_out_at)}"
                      if current.checked_out_at else "This check-in is already closed",
                      why=Why.STATE)
    if not own:
        if expected_version is None or current.version != expected_version:
            raise StaleEdit(current.version, "check-in")
        if not reason:
            raise Refused(f"Enter why you are closing {current.worker.display_name}'s "
                          f"check-in, for example how you know they are safe", "reason")
    now = timezone.now()
    told = [u for u in _told_so_far(current, now) if u.pk != acting_user.pk]
    current.status = CheckInStatus.BACK
    current.checked_out_at = now
    current.checked_out_by = acting_user
    current.close_reason = "" if own else reason
    current.version += 1
    current.save(update_fields=["status", "checked_out_at", "checked_out_by", "close_reason",
                                "version"])
    _audit("safety.checkin_out" if own else "safety.checkin_close", current, acting_user,
           **({} if own else {"reason": reason, "worker": current.worker.username}))
    name = current.worker.display_name
    if not own:
        notify([current.worker], subject=f"{acting_user.display_name} closed your lone-visit "
                                         f"check-in",
               body=f"Reason given: {reason}",
               link=reverse("safety:checkin", kwargs={"checkin_id": current.pk}))
    if told:
        notify(told, subject=f"{name} has checked out of a lone visit safely" if own
               else f"{name}'s lone-visit check-in was closed by {acting_user.display_name}",
               body="" if own else f"Reason given: {reason}", link=_alert_link(current))
    return current


@transaction.atomic
def do_alert_managers(checkin_id: int) -> bool:
    """The job: alert the worker's manager(s) if the check-in is overdue and nobody has been
    alerted for its expected time; then queue the escalation. True when it alerted."""
    current = _for_update().filter(pk=checkin_id).first()
    now = timezone.now()
    if current is None or not alert_due(now=now, expected_back=current.expected_back,
                                        checked_out=current.status != CheckInStatus.OUT,
                                        alerted_at=current.manager_alerted_at, grace=grace()):
        return False
    off_duty = line_manager_off_duty(now)
    managers = alert_recipients(current.worker, now)
    current.manager_alerted_at = now
    current.save(update_fields=["manager_alerted_at"])
    name = current.worker.display_name
    first = (" It is out of hours and their line manager is off duty, so you are told first "
             "as the on-call senior manager." if off_duty else "")
    notify(managers, subject=f"{name} has not checked out of a lone visit",
           body=f"{name} expected to be back by {_local(current.expected_back)} and has not "
                f"checked out.{first} Try to contact them now. If you cannot reach them, follow "
                f"the lone-working procedure: the alert page shows where they went, the visit "
                f"plan and the warnings.", link=_alert_link(current))
    schedule(ESCALATE_JOB, {"checkin": current.pk}, run_at=now + escalate_after())
    _audit("safety.checkin_alert", current, None, told=[u.username for u in managers],
           out_of_hours=off_duty)
    return True


@transaction.atomic
def do_escalate(checkin_id: int) -> bool:
    """The job: tell the on-call senior manager (or, with nobody on call, every service
    manager) if the worker is still out after the manager's alert. True when it escalated."""
    current = _for_update().filter(pk=checkin_id).first()
    now = timezone.now()
    if current is None or not escalation_due(
            now=now, expected_back=current.expected_back,
            checked_out=current.status != CheckInStatus.OUT,
            alerted_at=current.manager_alerted_at, escalated_at=current.escalated_at,
            escalate_after=escalate_after()):
        return False
    alerted_at = current.manager_alerted_at or now
    people = escalation_recipients(current.worker, now, alerted_at=alerted_at)
    current.escalated_at = now
    current.save(update_fields=["escalated_at"])
    name = current.worker.display_name
    who = ("The on-call senior manager" if line_manager_off_duty(alerted_at)
           else "Their manager")
    notify(people, subject=f"Escalation: {name} is overdue from a lone visit",
           body=f"{name} expected to be back by {_local(current.expected_back)}. {who} "
                f"was alerted at {_local(alerted_at)} and they have "
                f"still not checked out. Follow the lone-working procedure now.",
           link=_alert_link(current))
    _audit("safety.checkin_escalate", current, None, told=[u.username for u in people])
    return True
