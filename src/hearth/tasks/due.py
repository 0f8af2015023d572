"""What tasks add to the list of what is due (``hearth.core.due``, issue 15): open tasks,
set by a person or made by Hearth, due on their date. A worker's own (for them); a manager's
team's (``scope="team"``: the open tasks of the workers they manage). Registered from
TasksConfig.ready(); one query whatever the number of tasks."""

from __future__ import annotations

from django.urls import reverse

from hearth.core.due import TEAM, DueItem, needs
from hearth.tasks.models import Task
from hearth.tasks.queries import my_open_tasks, team_open_tasks


def item(task: Task) -> DueItem:
    person = task.person
    return DueItem(person_id=str(person.pk) if person is not None else "",
                   person_name=person.display_name if person is not None
                   else "Not about a child", what=task.what, due=task.due_on,
                   kind="task" if task.set_by_id else f"task_{task.source}",
                   for_user_id=task.assigned_to_id,
                   link=reverse("tasks:task", args=[task.pk]))


@needs("open_tasks")
def open_tasks(user, *, scope: str) -> list[DueItem]:
    if not user.has_hearth_permission("tasks.view"):
        return []
    tasks = team_open_tasks(user) if scope == TEAM else my_open_tasks(user)
    return [item(t) for t in tasks]
