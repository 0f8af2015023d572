"""Every write about engagement: one transaction, one audit row on the person each (practice 1).

- ``do_record_event``: an engagement event (R-RES-1, R-RES-2), into the chronology, then the
  avoidance check (R-RES-3) and the escalation rule (R-RES-4).
- ``check_avoidance``: repeated avoidance creates a follow-up task for the child's worker and
  tells their manager; other modules call it after recording a visit with no access.
- ``do_complete_task``: a follow-up task is completed with its outcome.
- ``do_record_alert``: the seed 004 §4.2 answers and who among the practitioners was told.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.casework.queries import live_involvement
from hearth.chronology import actions as chronology
from hearth.chronology.codes import OWN_SERVICE
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.engagement import rules
from hearth.engagement.codes import ALERT_QUESTIONS, EventKind, TaskStatus, TellMethod
from hearth.engagement.models import AlertRecipient, EngagementEvent, FollowUpTask, HostilityAlert
from hearth.engagement.queries import alerts, events, tasks
from hearth.engagement.queries.family import family_ids
from hearth.people.models import Person


@dataclass(frozen=True)
class Recorded:
    """What recording an event led to: the event, a follow-up task if this made avoidance
    repeated, and why the other practitioners should be alerted (None: no prompt)."""

    event: EngagementEvent
    task: FollowUpTask | None
    escalation: str | None


@dataclass(frozen=True)
class Recipient:
    """Someone outside Hearth who was told of the hostility."""

    name: str
    agency: str
    method: str


def _raise_first(problems: dict[str, str]) -> None:
    """The first problem only, as the pages and the API have always shown it."""
    refuse_if(dict(list(problems.items())[:1]))


def _thresholds() -> rules.Thresholds:
    return rules.configured(settings)


def _link(name: str, **kwargs: Any) -> str:
    return reverse(f"engagement:{name}", kwargs=kwargs)


@transaction.atomic
def do_record_event(person: Person, *, acting_user, kind: str, occurred_at: datetime,
                    agency: str = "", visit=None, involvement=None, cancelled_by: str = "",
                    believed_in: bool | None = None, form: str = "",
                    behaviours: Iterable[str] = (), by_person: Person | None = None,
                    by_whom: str = "", account: str = "") -> Recorded:
    """Record what happened when a professional tried to see the family. Refused (nothing
    written) with the field at fault: hostility needs its form, who and the worker's account;
    behaviours must be known; nothing in the future."""
    values = {"kind": kind, "occurred_at": occurred_at,
              "agency": (agency or OWN_SERVICE).strip(), "cancelled_by": cancelled_by or "",
              "believed_in": believed_in, "form": form or "",
              "behaviours": list(behaviours or []), "by_person": by_person,
              "by_whom": (by_whom or "").strip(), "account": (account or "").strip()}
    now = timezone.now()
    _raise_first(rules.event_problems(values, now, person.date_of_birth))
    if visit is not None and visit.child_id != person.pk:
        raise Refused("That visit is not this person's.", "visit")
    if by_person is not None and by_person.pk not in family_ids(person):
        raise Refused("Choose someone in this family, or describe who it was.", "by_person")
    if involvement is not None and involvement.person_id != person.pk:
        raise Refused("That involvement is not this person's.", "involvement")
    if involvement is None:
        involvement = (visit.involvement if visit is not None and visit.involvement_id
                       else live_involvement(person))
    event = EngagementEvent.objects.create(person=person, involvement=involvement, visit=visit,
                                           recorded_by=acting_user, recorded_at=now, **values)
    audit.record("engagement.record", user=acting_user, obj=person, fields={
        "event": event.pk, "kind": kind, "occurred_at": occurred_at.isoformat(),
        "agency": event.agency, "cancelled_by": event.cancelled_by,
        "believed_in": event.believed_in, "form": event.form, "behaviours": event.behaviours,
        "by_person": str(by_person.pk) if by_person else None, "by_whom": event.by_whom,
        "visit": visit.pk if visit else None, "account": event.account})
    chronology.sync(event)
    task = check_avoidance(person, acting_user) if rules.is_avoidance(kind, cancelled_by) \
        else None
    escalation = None
    if kind == EventKind.HOSTILITY:
        escalation = rules.escalation_reason(
            event.form, event.occurred_at, events.previous_hostility(person, exclude=event),
            days=_thresholds().hostility_days)
    return Recorded(event, task, escalation)


#: Visit outcomes that are avoidance (R-RES-3); a visit cancelled by a professional is not.
AVOIDANT_OUTCOMES = ("no_access", "cancelled_by_family")


def after_visit(visit, acting_user) -> None:
    """Registered in ``visits.actions.AFTER_VISIT``: a visit with no access or cancelled by
    the family may make avoidance repeated (R-RES-3), in the visit's own transaction."""
    if visit.outcome in AVOIDANT_OUTCOMES:
        check_avoidance(visit.child, acting_user)


@transaction.atomic
def check_avoidance(person: Person, acting_user) -> FollowUpTask | None:
    """R-RES-3: when the child's avoidance is repeated (two or more times within 28 days by
    default) and not yet followed up, create a follow-up task for their allocated worker and
    tell the worker's manager. Only one task is open at a time: new avoidance joins it.
    Returns the task created, or None. Call inside the action that recorded the avoidance
    (for example after a visit with no access)."""
    Person.objects.select_for_update().filter(pk=person.pk).first()  # one check at a time
    limits = _thresholds()
    now = timezone.now()
    items = events.avoidance_of(person, now - timedelta(days=limits.avoidance_days))
    found = rules.repeated_avoidance(items, now=now, events=1,
                                     days=limits.avoidance_days,
                                     covered=events.followed_up(person))
    current = tasks.open_task(person)
    if current is not None:
        _cover(current, found)
        return None
    found = found if len(found) >= limits.avoidance_events else []
    if not found:
        return None
    involvement = live_involvement(person)
    worker = (involvement.worker if involvement is not None and involvement.worker is not None
              else acting_user)
    task = FollowUpTask.objects.create(
        person=person, involvement=involvement, assigned_to=worker, created_at=now,
        due_on=calendar.add_working_days(timezone.localdate(), limits.follow_up_working_days),
        reason=rules.follow_up_reason(found, days=limits.avoidance_days))
    _cover(task, found)
    audit.record("engagement.follow_up", user=acting_user, obj=person, fields={
        "task": task.pk, "assigned_to": worker.username, "due_on": task.due_on.isoformat(),
        "covers": [f"{what}:{pk}" for what, pk in (i.key for i in found)]})
    link = _link("task", follow_up_task_id=task.pk)
    name = person.display_name
    notify([worker], subject=f"Follow-up needed on {name}'s case",
           body=f"Repeated avoidance: follow up by {task.due_on:%-d %B %Y}.", link=link,
           people=[person.pk])
    managers = [m for m in worker.managers() if m.pk != worker.pk]
    notify(managers, subject=f"Repeated avoidance on {name}'s case",
           body=f"A follow-up task is due by {task.due_on:%-d %B %Y} for "
                f"{worker.display_name}.", link=link, people=[person.pk])
    return task


def _cover(task: FollowUpTask, found: list[rules.Avoidance]) -> None:
    event_ids = [pk for what, pk in (i.key for i in found) if what == "event"]
    visit_ids = [pk for what, pk in (i.key for i in found) if what == "visit"]
    if event_ids:
        task.events.add(*event_ids)
    if visit_ids:
        task.visits.add(*visit_ids)


@transaction.atomic
def do_complete_task(task: FollowUpTask, *, acting_user, expected_version: int,
                     outcome: str) -> FollowUpTask:
    """Complete a follow-up task with what was done and what happened. The worker it is for,
    or a manager, completes it; a stale version is ``StaleEdit`` and nothing is written."""
    current = FollowUpTask.objects.select_for_update().get(pk=task.pk)
    check_version(current, expected_version, "follow-up task")
    if current.status != TaskStatus.OPEN:
        raise Refused("This follow-up task is already complete.", why=Why.STATE)
    if not rules.may_complete(current.assigned_to_id, acting_user.pk, acting_user.is_manager):
        who = current.assigned_to.display_name if current.assigned_to else "the worker"
        raise Refused(f"Only {who} or a manager can complete this task.", why=Why.FORBIDDEN)
    problem = rules.outcome_problem(outcome)
    if problem:
        raise Refused(problem, "outcome")
    current.status = TaskStatus.DONE
    current.outcome = outcome.strip()
    current.completed_at = timezone.now()
    current.completed_by = acting_user
    current.version += 1
    current.save(update_fields=["status", "outcome", "completed_at", "completed_by",
                                "version"])
    audit.record("engagement.follow_up_done", user=acting_user, obj=current.person,
                 fields={"task": current.pk, "outcome": current.outcome})
    return current


@transaction.atomic
def do_record_alert(event: EngagementEvent, *, acting_user, answers: Mapping[str, bool],
                    users: Iterable = (), others: Iterable[Recipient] = (),
                    not_shared_reason: str = "") -> HostilityAlert:
    """R-RES-4: record the answers to the seed 004 §4.2 questions and who was told. Hearth
    users told get a notification. A yes to any question means the information should be
    shared: not sharing it then needs a reason."""
    if event.kind != EventKind.HOSTILITY:
        raise Refused("Only hostility is shared this way.", why=Why.STATE)
    users = list(users)
    others = list(others)
    keys = [key for key, _ in ALERT_QUESTIONS]
    _raise_first(rules.alert_problems(answers, keys, told=len(users) + len(others),
                                      not_shared_reason=not_shared_reason))
    allowed = {row["user"].pk for row in
               alerts.practitioners_involved(event.person, exclude=acting_user)}
    if any(u.pk not in allowed for u in users):
        raise Refused("Choose practitioners who work with this family.", "users")
    for other in others:
        if not other.name.strip():
            raise Refused("Enter the name of each person you told.", "others")
        if other.method not in TellMethod.values or other.method == TellMethod.HEARTH:
            raise Refused(f"Select how {other.name.strip()} was told.", "others")
        if len(other.name) > 200 or len(other.agency) > 150:
            raise Refused("Names must be 200 characters or fewer and agencies 150.", "others")
    now = timezone.now()
    shared = bool(users or others)
    alert = HostilityAlert.objects.create(
        person=event.person, event=event, answers={k: bool(answers[k]) for k in keys},
        shared=shared, not_shared_reason="" if shared else not_shared_reason.strip(),
        recorded_by=acting_user, recorded_at=now)
    AlertRecipient.objects.bulk_create(
        [AlertRecipient(alert=alert, user=u, name=u.display_name,
                        agency=(u.team.name if u.team_id else ""), method=TellMethod.HEARTH,
                        told_at=now) for u in users]
        + [AlertRecipient(alert=alert, name=o.name.strip(), agency=o.agency.strip(),
                          method=o.method, told_at=now) for o in others])
    audit.record("engagement.alert", user=acting_user, obj=event.person, fields={
        "alert": alert.pk, "event": event.pk, "answers": alert.answers, "shared": shared,
        "told": [u.username for u in users] + [f"{o.name} ({o.agency})" for o in others],
        "not_shared_reason": alert.not_shared_reason})
    if users:
        notify(users, subject=f"Hostility towards workers on {event.person.display_name}'s "
                              "case",
               body=f"{acting_user.display_name} met {event.get_form_display().lower()} on "
                    f"{event.occurred_at:%-d %B %Y} and is letting you know.",
               link=_link("event", engagement_event_id=event.pk))
    return alert


def open_follow_up_refusal(involvement) -> str | None:
    """A CLOSURE_CHECK: the case is never closed silently while follow-up of avoidance is
    open (R-RES-3)."""
    task = tasks.open_task(involvement.person_id)
    if task is None:
        return None
    who = task.assigned_to.display_name if task.assigned_to else "nobody yet"
    return (f"This case cannot be closed while follow-up task {task.pk} (repeated avoidance, "
            f"for {who}, due {task.due_on:%-d %B %Y}) is open: complete it with its outcome "
            "first.")


def record_view(person, *, user, what: str = "view_engagement") -> None:
    """Reading a person's engagement is reading their record: it is audited (practice 6)."""
    audit.record_read(what, user=user, obj=person)
