"""Every write to a task: one transaction, one audit row each (practice 1), the person it is
for told through Hearth's notifications.

- ``do_set_task``: a person sets a task for a colleague (or themselves);
- ``make_task``: Hearth makes one itself, once per event that asks for it (other apps call
  it; this app makes one when a visit did not see the child, ``after_visit``);
- ``do_complete_task`` / ``do_cancel_task``: done, or cancelled with a reason, with who and
  when; the person who set it is told when someone else closes it.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.people.models import Person
from hearth.tasks import queries, rules
from hearth.tasks.codes import Source, TaskStatus
from hearth.tasks.models import Task


def _audit(action: str, task: Task, user, **fields) -> None:
    audit.record(action, user=user, obj=task.person if task.person_id else task,
                 fields={"task": task.pk, **fields})


def _link(task: Task) -> str:
    return reverse("tasks:task", args=[task.pk])


def _tell(users, task: Task, headline: str, body: str) -> None:
    """A notification; its e-mail keeps only the words before " on " (never the child)."""
    about = f" on {task.person.display_name}'s case" if task.person is not None else ""
    notify(users, subject=f"{headline}{about}", body=body, link=_link(task),
           people=[task.person_id] if task.person_id else [])


@transaction.atomic
def do_set_task(*, acting_user, assigned_to, what: str, due_on: date | None,
                person: Person | None = None) -> Task:
    """Set a task for ``assigned_to``. Refused (nothing written) naming the field: no text,
    too long, due in the past; someone who cannot see the child, or cannot hold tasks."""
    what = (what or "").strip()
    today = timezone.localdate()
    refuse_if(rules.task_problems(what=what, due_on=due_on, today=today))
    if person is not None and not queries.sees_child(acting_user, person):
        raise Refused("You cannot see this child's record.", "person", why=Why.FORBIDDEN)
    problem = rules.assign_problem(
        queries.as_worker(acting_user), queries.as_worker(assigned_to),
        about_child=person is not None,
        assignee_sees_child=person is not None and queries.sees_child(assigned_to, person))
    if problem:
        raise Refused(problem, "assigned_to")
    assert due_on is not None  # checked by the rules above
    task = Task.objects.create(what=what, person=person, assigned_to=assigned_to,
                               set_by=acting_user, due_on=due_on, created_at=timezone.now())
    _audit("task.set", task, acting_user, what=what, assigned_to=assigned_to.username,
           due_on=due_on.isoformat())
    if assigned_to.pk != acting_user.pk:
        _tell([assigned_to], task, "A new task for you",
              f"{acting_user.display_name} asks you to: {what} (due {due_on:%-d %B %Y}).")
    return task


@transaction.atomic
def make_task(*, source: str, ref: str, assigned_to, what: str, due_on: date,
              person: Person | None = None, acting_user=None) -> Task | None:
    """A Hearth-made task (``set_by`` empty), made once for the event ``ref`` names (a second
    call for the same event makes nothing and returns None). ``acting_user``: whose action
    led to it, for the audit."""
    if source not in Source.values or source == Source.PERSON or not ref:
        raise ValueError("a Hearth-made task needs its source and the event that made it")
    if queries.made_for(source, ref):
        return None
    task = Task.objects.create(what=what.strip()[:rules.WHAT_MAX], person=person,
                               assigned_to=assigned_to, source=source, source_ref=ref,
                               due_on=due_on, created_at=timezone.now())
    _audit("task.made", task, acting_user, source=source, ref=ref, what=task.what,
           assigned_to=assigned_to.username, due_on=due_on.isoformat())
    _tell([assigned_to], task, "A new task for you", f"Hearth asks you to: {task.what}.")
    return task


def _closing(task: Task, acting_user, expected_version: int | None) -> Task:
    current = (Task.objects.select_for_update(of=("self",)).select_related(*queries.PARTS)
               .get(pk=task.pk))
    check_version(current, expected_version, "task")
    if current.status != TaskStatus.OPEN:
        raise Refused(rules.NOT_OPEN.format(status=current.get_status_display().lower()),
                      why=Why.STATE)
    if not rules.may_close(queries.as_worker(acting_user),
                           assignee=queries.as_worker(current.assigned_to),
                           set_by_id=current.set_by_id):
        raise Refused(f"Only {current.assigned_to.display_name}, whoever set the task or "
                      "their manager can close it.", why=Why.FORBIDDEN)
    return current


def _closed(current: Task, acting_user, status: str, reason: str = "") -> Task:
    current.status = status
    current.closed_by = acting_user
    current.closed_at = timezone.now()
    current.cancel_reason = reason
    current.version += 1
    current.save(update_fields=["status", "closed_by", "closed_at", "cancel_reason",
                                "version"])
    told = [u for u in (current.set_by, current.assigned_to)
            if u is not None and u.pk != acting_user.pk]
    if told:
        said = "done" if status == TaskStatus.DONE else "cancelled"
        _tell(list({u.pk: u for u in told}.values()), current, f"A task was {said}",
              f"{acting_user.display_name} marked \"{current.what}\" {said}"
              + (f": {reason}" if reason else "."))
    return current


@transaction.atomic
def do_complete_task(task: Task, *, acting_user, expected_version: int | None) -> Task:
    """Mark a task done: who and when are kept. A stale version is ``StaleEdit``."""
    current = _closing(task, acting_user, expected_version)
    _closed(current, acting_user, TaskStatus.DONE)
    _audit("task.done", current, acting_user)
    return current


@transaction.atomic
def do_cancel_task(task: Task, *, acting_user, expected_version: int | None,
                   reason: str) -> Task:
    """Cancel a task with why: who and when are kept."""
    current = _closing(task, acting_user, expected_version)
    problem = rules.reason_problem(reason)
    if problem:
        raise Refused(problem, "reason")
    _closed(current, acting_user, TaskStatus.CANCELLED, reason.strip())
    _audit("task.cancel", current, acting_user, reason=current.cancel_reason)
    return current


# --- Hearth-made: a visit that did not see the child -----------------------------------------

#: Outcomes where the worker was with the family, so the child should have been seen (a
#: visit with no access is engagement's follow-up, R-RES-3, not this).
SEEN_EXPECTED = ("completed", "cut_short")


def after_visit(visit, acting_user) -> None:
    """Registered in ``visits.actions.AFTER_VISIT`` (the visit's own transaction): a visit
    that went ahead without seeing the child makes a task to see them within
    ``rules.CHILD_NOT_SEEN_WORKING_DAYS`` working days, for the child's allocated worker
    (else whoever recorded it). A correction saying the child was seen cancels it."""
    ref = f"visit:{visit.pk}"
    if visit.outcome in SEEN_EXPECTED and not visit.child_seen:
        child = visit.child
        worker = queries.allocated_worker(child) or acting_user
        when = timezone.localtime(visit.starts_at).date()
        make_task(source=Source.CHILD_NOT_SEEN, ref=ref, person=child, assigned_to=worker,
                  acting_user=acting_user,
                  what=f"See {child.given_name}: the visit on {when:%-d %B %Y} did not see "
                       "them",
                  due_on=calendar.add_working_days(timezone.localdate(),
                                                   rules.CHILD_NOT_SEEN_WORKING_DAYS))
        return
    task = queries.open_hearth_task(Source.CHILD_NOT_SEEN, ref)
    if task is not None:
        _closed(task, acting_user, TaskStatus.CANCELLED,
                "The visit was corrected: the child was seen.")
        _audit("task.cancel", task, acting_user, reason=task.cancel_reason)


def record_view(task: Task, *, user, what: str = "view_task") -> None:
    """Reading a task about a child is reading the child's record: audited (practice 6)."""
    if task.person_id:
        audit.record_read(what, user=user, obj=task.person, fields={"task": task.pk})
