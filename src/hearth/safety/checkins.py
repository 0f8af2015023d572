"""Lone working (R-SAFE-4): a worker checks in (where, expected back) and out when safe; if they
have not checked out ``grace`` after they were expected back, ``hearth worker`` alerts their
manager, and ``escalate_after`` later the on-call senior manager. Out of hours (EDT hours,
R-EDT-1) the line manager is off duty: the on-call senior manager is alerted first, and the
escalation goes to every service manager and the line manager (R-EDT-2).

- Pure rules (no database, no clock: ``now`` is passed in): ``expected_back_problem``,
  ``state``, ``alert_due``, ``escalation_due``.
- Actions (one transaction and one audit row each): ``do_start_check_in``,
  ``do_extend_check_in``, ``do_check_out``, ``do_add_on_call``, and the two the job handlers
  call, ``do_alert_managers`` and ``do_escalate``. Those re-read the check-in under
  ``select_for_update`` and decide again with the rules, so a job run twice, run late by a
  restarted worker, or left over from before an extension does nothing it should not.
- ``open_visit_check`` is a ``hearth.visits.actions.VISIT_CHECKS`` hook.

Settings: ``HEARTH_CHECKIN_GRACE_MINUTES`` (15), ``HEARTH_CHECKIN_ESCALATE_MINUTES`` (30),
``HEARTH_CHECKIN_MAX_HOURS`` (12).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.users import notify
from hearth.access.models import User
from hearth.access.rules import MANAGER_ROLES
from hearth.jobs.actions import schedule
from hearth.people.actions import StaleEdit
from hearth.people.queries import can_see
from hearth.safety.codes import CheckInStatus
from hearth.safety.models import CheckIn, OnCall, VisitPlan
from hearth.safety.oncall import (  # noqa: F401  (who is told: part of this module's API)
    alert_recipients,
    escalation_recipients,
    line_manager_off_duty,
    on_call_at,
    senior_managers,
)

ALERT_JOB = "safety.checkin_alert"
ESCALATE_JOB = "safety.checkin_escalate"

OUT, LATE, OVERDUE = "out", "late", "overdue"
NOT_YOURS = ("You can only check out of your own lone visits. If you are worried about "
             "{worker}, tell their manager now.")
CHECK_OUT_FIRST = "Check out of your lone visit first"


# --- Settings ----------------------------------------------------------------------------------

def _setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(f"HEARTH_{name}") or default
    return int(value)


def grace() -> timedelta:
    """How long after the expected time the manager is alerted."""
    return timedelta(minutes=_setting("CHECKIN_GRACE_MINUTES", 15))


def escalate_after() -> timedelta:
    """How long after the manager's alert the on-call senior manager is told."""
    return timedelta(minutes=_setting("CHECKIN_ESCALATE_MINUTES", 30))


def max_ahead() -> timedelta:
    """The furthest ahead a worker may say they will be back."""
    return timedelta(hours=_setting("CHECKIN_MAX_HOURS", 12))


# --- Pure rules ----------------------------------------------------------------------------------

def expected_back_problem(expected_back: datetime | None, *, now: datetime,
                          limit: timedelta) -> str | None:
    """What is wrong with an expected-back time (None when it may be used)."""
    if expected_back is None:
        return "Enter the date and time you expect to be back"
    if expected_back <= now:
        return "The time you expect to be back must be in the future"
    if expected_back > now + limit:
        hours = int(limit.total_seconds() // 3600)
        return (f"The time you expect to be back must be within {hours} hours: check in "
                f"again if the visit runs on")
    return None


def state(*, now: datetime, expected_back: datetime, grace: timedelta) -> str:
    """``out`` before the expected time, ``late`` after it, ``overdue`` once the grace period
    has passed too (the manager is alerted)."""
    if now < expected_back:
        return OUT
    return OVERDUE if now >= expected_back + grace else LATE


def alert_due(*, now: datetime, expected_back: datetime, checked_out: bool,
              alerted_at: datetime | None, grace: timedelta) -> bool:
    """The manager is to be alerted now: still out, past the grace period, and not yet alerted
    for this expected-back time (an alert before it was for an earlier time, since extended)."""
    if checked_out or now < expected_back + grace:
        return False
    return alerted_at is None or alerted_at < expected_back


def escalation_due(*, now: datetime, expected_back: datetime, checked_out: bool,
                   alerted_at: datetime | None, escalated_at: datetime | None,
                   escalate_after: timedelta) -> bool:
    """The on-call senior manager is to be told now: still out, the manager was alerted for
    this expected-back time at least ``escalate_after`` ago, and nobody has escalated it."""
    if checked_out or alerted_at is None or alerted_at < expected_back:
        return False
    if escalated_at is not None and escalated_at >= expected_back:
        return False
    return now >= alerted_at + escalate_after


# --- Reads ---------------------------------------------------------------------------------------

def open_check_in_of(user) -> CheckIn | None:
    return (CheckIn.objects.filter(worker=user, status=CheckInStatus.OUT)
            .select_related("person", "visit_plan").order_by("-started_at").first())


def out_now() -> QuerySet[CheckIn]:
    """Everyone out on a lone visit now, soonest expected back first."""
    return (CheckIn.objects.filter(status=CheckInStatus.OUT)
            .select_related("worker__team", "person").order_by("expected_back", "pk"))


def family_ids(person_id) -> set:
    """The person and their direct relatives (parents, children, partners...)."""
    from hearth.people.models import Relationship

    family = {person_id}
    for one, other in Relationship.objects.filter(
            Q(person_id=person_id) | Q(relative_id=person_id)).values_list("person_id",
                                                                             "relative_id"):
        family.update((one, other))
    return family


def visible_plans(user) -> QuerySet[VisitPlan]:
    """The visit plans a worker may check in against: their own, or ones they are the joint
    worker on, about a person they may see."""
    from hearth.people.models import Person

    return VisitPlan.objects.filter(Q(worker=user) | Q(joint_worker=user),
                                    person__in=Person.objects.visible_to(user))


# --- Actions -------------------------------------------------------------------------------------

class CheckInRefused(Exception):
    """The check-in may not be changed as asked; ``field`` names the input at fault (and
    ``problems`` every one, by field, when there are several). Nothing was written."""

    def __init__(self, message: str, field: str | None = None,
                 problems: dict[str, str] | None = None):
        super().__init__(message)
        self.field = field
        self.problems = problems or {field or "": message}


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
    from hearth.safety import go_ahead, rules

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
        field, message = next(iter(named.items()))
        raise CheckInRefused(message, field=field or None, problems=named)


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
        raise CheckInRefused("You are already out on a lone visit: check out of it first")
    if visit_plan is not None:
        if not visible_plans(acting_user).filter(pk=visit_plan.pk).exists():
            raise CheckInRefused("We could not find that visit plan", field="visit_plan")
        if person is not None and person.pk != visit_plan.person_id:
            raise CheckInRefused("That visit plan is for someone else", field="visit_plan")
        person = person or visit_plan.person
    if person is not None and not can_see(acting_user, person):
        raise CheckInRefused("We could not find that person", field="person")
    if not where:
        raise CheckInRefused("Enter where you are going", field="where")
    if len(where) > 200:
        raise CheckInRefused("Where you are going must be 200 characters or fewer", field="where")
    problem = expected_back_problem(expected_back, now=now, limit=max_ahead())
    if problem:
        raise CheckInRefused(problem, field="expected_back")
    assert expected_back is not None  # noqa: S101  (checked above; for mypy)
    problem = _joint_worker_problem(acting_user, joint_worker)
    if problem:
        raise CheckInRefused(problem, field="joint_worker")
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
        raise CheckInRefused("You can only change the time on your own lone visits")
    if current.status != CheckInStatus.OUT:
        raise CheckInRefused("You have already checked out of this visit")
    if current.version != expected_version:
        raise StaleEdit(current.version)
    now = timezone.now()
    problem = expected_back_problem(expected_back, now=now, limit=max_ahead())
    if problem:
        raise CheckInRefused(problem, field="expected_back")
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
    page: they are saying they are safe). A manager (``safety.monitor``) may close a worker's
    check-in on their behalf, with a recorded reason and only from an up-to-date page; anyone
    else is refused. Whoever was alerted is told the worker is safe."""
    current = _locked(checkin)
    own = current.worker_id == acting_user.pk
    reason = (reason or "").strip()
    if not own and not acting_user.has_hearth_permission("safety.monitor"):
        raise CheckInRefused(NOT_YOURS.format(worker=current.worker.display_name))
    if current.status != CheckInStatus.OUT:
        raise CheckInRefused(f"This check-in was already closed at {_local(current.checked_out_at)}"
                             if current.checked_out_at else "This check-in is already closed")
    if not own:
        if expected_version is None or current.version != expected_version:
            raise StaleEdit(current.version)
        if not reason:
            raise CheckInRefused(f"Enter why you are closing {current.worker.display_name}'s "
                                 f"check-in, for example how you know they are safe",
                                 field="reason")
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


@transaction.atomic
def do_add_on_call(*, acting_user, user, starts_at: datetime, ends_at: datetime) -> OnCall:
    """Put a manager on the on-call rota from ``starts_at`` to ``ends_at``."""
    if not user.is_active or user.role not in MANAGER_ROLES:
        raise CheckInRefused(f"{user.display_name} is not an active team or service manager",
                             field="user")
    if starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise CheckInRefused("Give the times with a time zone", field="starts_at")
    if ends_at <= starts_at:
        raise CheckInRefused("The end of the on-call period must be after its start",
                             field="ends_at")
    row = OnCall.objects.create(user=user, starts_at=starts_at, ends_at=ends_at)
    audit.record("safety.oncall_add", user=acting_user, obj=row,
                 fields={"user": user.username, "from": starts_at.isoformat(),
                         "to": ends_at.isoformat()})
    return row


# --- The visit hook ------------------------------------------------------------------------------

def open_visit_check(values: dict[str, Any], child, acting_user) -> str | None:
    """``VISIT_CHECKS``: a visit may not be recorded as completed while the worker's lone-visit
    check-in for that child (or their parent or other direct relative) is still open."""
    from hearth.visits.codes import Engagement

    if values.get("outcome") != Engagement.COMPLETED or acting_user is None:
        return None
    family = family_ids(child.pk)
    starts_at = values.get("starts_at")
    open_ones = CheckIn.objects.filter(worker_id=acting_user.pk, status=CheckInStatus.OUT,
                                       person_id__in=family)
    if isinstance(starts_at, datetime):
        # A correction to a visit from before this lone visit's day is not this visit.
        day_start = datetime.combine(starts_at.astimezone(calendar.LONDON).date(),
                                     datetime.min.time(), calendar.LONDON)
        open_ones = open_ones.filter(started_at__lt=day_start + timedelta(days=1))
        open_ones = open_ones.filter(started_at__gte=day_start - max_ahead())
    return CHECK_OUT_FIRST if open_ones.exists() else None


def register() -> None:
    """Called from ``SafetyConfig.ready()``: the job handlers and the visit hook, in every
    process (web, worker, tests)."""
    from hearth.safety import jobs  # noqa: F401  (registers the lone-working job kinds)
    from hearth.safety.go_ahead import new_visit_check
    from hearth.visits.actions import NEW_VISIT_CHECKS, VISIT_CHECKS

    if open_visit_check not in VISIT_CHECKS:
        VISIT_CHECKS.append(open_visit_check)
    if new_visit_check not in NEW_VISIT_CHECKS:
        NEW_VISIT_CHECKS.append(new_visit_check)
