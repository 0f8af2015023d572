"""``/api/v1/tasks`` (issue 15): the caller's open tasks (or those they set), setting one,
reading one (with its ETag), marking it done and cancelling it with a reason (If-Match: 428
without it, 412 when stale). A task the caller may not see is 404; a refusal is answered
from the one status table (422 no text, a date past or someone who cannot see the child;
409 a task already closed; 403 not theirs to close) and nothing is written. (No ``from
__future__ import annotations``: django-ninja reads the annotations.)"""

from typing import Literal

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.middleware import note_people_shown
from hearth.access.models import User
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, WRITE_ERRORS, Problem
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Person
from hearth.tasks import actions, queries
from hearth.tasks.models import Task
from hearth.tasks.schemas import TaskCancelIn, TaskIn, TaskList, TaskOut

router = Router(tags=["tasks"])
ERRORS = {**CHANGE_ERRORS, 403: Problem}


def _name(who) -> str | None:
    return who.display_name if who is not None else None


def _out(task: Task) -> dict:
    return {"id": task.pk, "what": task.what, "person_id": task.person_id,
            "person_name": _name(task.person),
            "assigned_to_id": task.assigned_to_id,
            "assigned_to": task.assigned_to.display_name, "set_by_id": task.set_by_id,
            "set_by": _name(task.set_by),
            "hearth_made": task.hearth_made, "source": task.source, "due_on": task.due_on,
            "created_at": task.created_at, "status": task.status,
            "closed_by_id": task.closed_by_id,
            "closed_by": _name(task.closed_by),
            "closed_at": task.closed_at, "cancel_reason": task.cancel_reason,
            "version": task.version}


def _answer(request: AuthedRequest, response: HttpResponse, task_id: int) -> dict:
    task = queries.get_visible_task(request.auth, task_id)
    response["ETag"] = etag(task)
    return _out(task)


@router.get("", response={200: TaskList, **READ_ERRORS}, auth=permission("tasks.view"),
            url_name="tasks")
def list_tasks(request: AuthedRequest, which: Literal["mine", "set_by_me"] = "mine"):
    """``mine``: the caller's open tasks, soonest due first; ``set_by_me``: the tasks they set
    for others, newest first, open or closed (who closed each, and when)."""
    found = (queries.my_open_tasks(request.auth) if which == "mine"
             else queries.set_by_me(request.auth))
    note_people_shown(t.person_id for t in found if t.person_id)
    return {"tasks": [_out(t) for t in found]}


@router.post("", response={201: TaskOut, **WRITE_ERRORS, 403: Problem},
             auth=permission("tasks.set"), url_name="tasks_set")
def set_task(request: AuthedRequest, response: HttpResponse, payload: TaskIn):
    """Set a task for a colleague (or yourself), about a child they can see."""
    person = None
    if payload.person_id is not None:
        person = get_visible_or_404(Person.objects.live(), request.auth, payload.person_id,
                                    "person")
    assignee = User.objects.filter(pk=payload.assigned_to_id, is_active=True).first()
    if assignee is None:
        raise Refused("No such user: choose someone who can be given tasks.",
                      "assigned_to_id")
    try:
        task = actions.do_set_task(acting_user=request.auth, assigned_to=assignee,
                                   what=payload.what, due_on=payload.due_on, person=person)
    except Refused as refusal:
        raise refusal.renamed({"assigned_to": "assigned_to_id",
                               "person": "person_id"}) from None
    return Status(201, _answer(request, response, task.pk))


@router.get("/{int:task_id}", response={200: TaskOut, **READ_ERRORS},
            auth=permission("tasks.view"), url_name="task")
def read(request: AuthedRequest, response: HttpResponse, task_id: int):
    task = queries.get_visible_task(request.auth, task_id)
    actions.record_view(task, user=request.auth, what="api_view_task")
    return _answer(request, response, task_id)


@router.post("/{int:task_id}/done", response={200: TaskOut, **ERRORS},
             auth=permission("tasks.view"), url_name="task_done")
def done(request: AuthedRequest, response: HttpResponse, task_id: int):
    """Mark the task done: the person it is for, whoever set it, or their manager."""
    task = queries.get_visible_task(request.auth, task_id)
    version = require_if_match(request, task, "task")
    actions.do_complete_task(task, acting_user=request.auth, expected_version=version)
    return _answer(request, response, task_id)


@router.post("/{int:task_id}/cancel", response={200: TaskOut, **ERRORS},
             auth=permission("tasks.view"), url_name="task_cancel")
def cancel(request: AuthedRequest, response: HttpResponse, task_id: int,
           payload: TaskCancelIn):
    """Cancel the task with why."""
    task = queries.get_visible_task(request.auth, task_id)
    version = require_if_match(request, task, "task")
    actions.do_cancel_task(task, acting_user=request.auth, expected_version=version,
                           reason=payload.reason)
    return _answer(request, response, task_id)
