"""Task pages (issue 15): the user's tasks and those they set, setting one (about a child or
not), one task with its done and cancel forms (409 keeping the input when stale)."""

from __future__ import annotations

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from hearth.access.middleware import note_people_shown
from hearth.access.permissions import requires
from hearth.core.pages import attempt, done_with, form_page
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Person
from hearth.tasks import actions, queries, rules
from hearth.tasks.codes import TaskStatus
from hearth.tasks.forms import CancelForm, CloseForm, SetTaskForm

STALE = ("Someone else changed this task while you were working on it. Check the task below "
         "as it is now: what you entered is kept in the form.")


@requires("tasks.view")
@require_http_methods(["GET"])
def tasks(request):
    user = request.user
    context = {"mine": queries.my_open_tasks(user), "set_by_me": queries.set_by_me(user),
               "team": queries.team_open_tasks(user) if user.is_manager else None,
               "today": timezone.localdate()}
    note_people_shown(t.person_id for key in ("mine", "set_by_me", "team")
                      for t in context[key] or () if t.person_id)
    return render(request, "tasks/tasks.html", context)


@requires("tasks.set")
@require_http_methods(["GET", "POST"])
def new(request, person_id=None):
    user = request.user
    person = (get_visible_or_404(Person.objects.live(), user, person_id, "person")
              if person_id is not None else None)
    people = queries.candidates(user, person)
    form = SetTaskForm(request.POST or None, people=people)
    chosen = {u.pk: u for u in people}

    def act(data):
        return actions.do_set_task(acting_user=user, assigned_to=chosen[data["assigned_to"]],
                                   what=data["what"], due_on=data["due_on"], person=person)

    return form_page(request, "tasks/new.html", {"person": person}, form, act,
                     lambda task: done_with(request, "Task set.", "tasks:task",
                                            task_id=task.pk))


def _page(request, task, *, done_form=None, cancel_form=None, status: int = 200):
    user = request.user
    may_close = (task.status == TaskStatus.OPEN and user.has_hearth_permission("tasks.view")
                 and rules.may_close(queries.as_worker(user),
                                     assignee=queries.as_worker(task.assigned_to),
                                     set_by_id=task.set_by_id))
    if may_close:
        done_form = done_form or CloseForm(initial={"version": task.version}, prefix="done")
        cancel_form = cancel_form or CancelForm(initial={"version": task.version},
                                                prefix="cancel")
    return render(request, "tasks/task.html", {
        "task": task, "person": task.person, "may_close": may_close,
        "done_form": done_form if may_close else None,
        "cancel_form": cancel_form if may_close else None,
        "problems": [f for f in (done_form, cancel_form) if f is not None and f.errors]},
        status=status)


@requires("tasks.view")
@require_http_methods(["GET"])
def task(request, task_id):
    found = queries.get_visible_task(request.user, task_id)
    actions.record_view(found, user=request.user)
    return _page(request, found)


@requires("tasks.view")
@require_http_methods(["POST"])
def done(request, task_id):
    found = queries.get_visible_task(request.user, task_id)
    form = CloseForm(request.POST, prefix="done")
    outcome = attempt(form, lambda data: actions.do_complete_task(
        found, acting_user=request.user, expected_version=data["version"]),
        stale_message=STALE)
    if outcome:
        return done_with(request, "Task marked done.", "tasks:task", task_id=found.pk)
    return _page(request, queries.get_visible_task(request.user, task_id), done_form=form,
                 status=outcome.status)


@requires("tasks.view")
@require_http_methods(["POST"])
def cancel(request, task_id):
    found = queries.get_visible_task(request.user, task_id)
    form = CancelForm(request.POST, prefix="cancel")
    outcome = attempt(form, lambda data: actions.do_cancel_task(
        found, acting_user=request.user, expected_version=data["version"],
        reason=data["reason"]), stale_message=STALE)
    if outcome:
        return done_with(request, "Task cancelled.", "tasks:task", task_id=found.pk)
    return _page(request, queries.get_visible_task(request.user, task_id), cancel_form=form,
                 status=outcome.status)
