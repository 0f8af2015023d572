"""Follow-up tasks for repeated avoidance (R-RES-3): a worker's own, a manager's team's, and
one task. A task is visible exactly when its person is."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hearth.access.codes import Role
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404
from hearth.engagement.codes import TaskStatus
from hearth.engagement.models import FollowUpTask
from hearth.people.models import Person


def open_task(person) -> FollowUpTask | None:
    return (FollowUpTask.objects.filter(person=person, status=TaskStatus.OPEN)
            .select_related("assigned_to").first())


def visible_tasks(user) -> QuerySet[FollowUpTask]:
    return (FollowUpTask.objects.visible_to(user)
            .select_related("person", "assigned_to", "completed_by", "involvement__team"))


def get_visible_task(user, task_id) -> FollowUpTask:
    return get_visible_or_404(
        FollowUpTask.objects.select_related("person", "assigned_to", "completed_by",
                                            "involvement__team"),
        user, task_id, "follow-up task")


@compiled
def _open_for(p, visible_sql: str):
    # Seen with its person (``events.person_scope``).
    return (FollowUpTask.objects.filter(person_id__in=p.sql("visible", visible_sql),
                                        assigned_to_id=p.integer("user"),
                                        status=TaskStatus.OPEN)
            .select_related("person", "assigned_to", "completed_by", "involvement__team")
            .order_by("due_on", "pk"))


def my_tasks(user) -> list[FollowUpTask]:
    """The user's open follow-up tasks: one query, compiled once a process (issue 14)."""
    if visibility.scope(FollowUpTask, user) is None:
        return []
    sql, params = visibility.visible_sql(Person, user)
    return _open_for.all(sql, user=user.pk, visible=params)


@compiled
def _team_open(p, visible_sql: str, service: bool):
    qs = FollowUpTask.objects.filter(person_id__in=p.sql("visible", visible_sql),
                                     status=TaskStatus.OPEN)
    if not service:
        team = p.integer("team")
        qs = qs.filter(Q(assigned_to__team_id=team) | Q(involvement__team_id=team))
    return (qs.select_related("person", "assigned_to", "completed_by", "involvement__team")
            .order_by("due_on", "pk"))


def team_tasks(user) -> list[FollowUpTask]:
    """A manager's view: the open tasks of their team (a service manager: every team). One
    query, compiled once a process (issue 14)."""
    service = user.role == Role.SERVICE_MANAGER
    if not service and (user.role != Role.TEAM_MANAGER or not user.team_id):
        return []
    sql, params = visibility.visible_sql(Person, user)
    return _team_open.all(sql, service, team=user.team_id, visible=params)
