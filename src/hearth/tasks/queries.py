"""Reads of tasks that pages, the API, the list of what is due and other apps share. A task is
seen by the person it is for, whoever set it and their managers, and then only while they may
see the child it is about; anyone else gets 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.access.rules import has_permission
from hearth.casework.models import Involvement, InvolvementWorker
from hearth.casework.queries import LIVE
from hearth.core import presence, visibility
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404, scope, visible_sql
from hearth.people.models import Person
from hearth.tasks import rules
from hearth.tasks.codes import TaskStatus
from hearth.tasks.models import Task

#: What a task is shown with, read in the same query.
PARTS = ("person", "assigned_to", "set_by", "closed_by")


def managed(user) -> Q | None:
    """The tasks of the workers ``user`` manages (None: they manage no one)."""
    if user.role == Role.SERVICE_MANAGER:
        return Q()
    if user.role == Role.TEAM_MANAGER and user.team_id:
        return Q(assigned_to__team_id=user.team_id)
    return None


def task_scope(user) -> Q:
    """Registered with ``core.visibility``: the task's own people (and managers), and the
    child, if any, visible to the reader."""
    mine = Q(assigned_to=user) | Q(set_by=user)
    team = managed(user)
    if team is not None:
        # A service manager manages every worker (``managed``: an empty filter, which ORed
        # with another would be dropped, hiding the service's tasks from them).
        mine = (mine | team) if team else Q()
    # The child tested through its own id (inside an OR, ``person IN (who the user may see)``
    # made PostgreSQL compute every person the user may see: ``visible_through``).
    child = Q(person__isnull=True) | visibility.visible_through("person_id", Person, user)
    return mine & child


def visible_tasks(user) -> QuerySet[Task]:
    return Task.objects.visible_to(user).select_related(*PARTS)


def get_visible_task(user, task_id) -> Task:
    return get_visible_or_404(Task.objects.select_related(*PARTS), user, task_id, "task")


def _child_seen(p, visible_sql: str) -> Q:
    """The task's child is one the user may see, tested through its own id (ORed with "no
    child": ``core.visibility.visible_through``)."""
    return visibility.visible_through("person_id", Person,
                                      visible=p.sql("visible", visible_sql))


@compiled
def _open_tasks_for(p, visible_sql: str):
    # A task assigned to the user is theirs (``task_scope``'s first part): what remains of
    # the scope is its child, if any, visible to them.
    return (Task.objects.filter(assigned_to_id=p.integer("user"), status=TaskStatus.OPEN)
            .filter(Q(person__isnull=True) | _child_seen(p, visible_sql))
            .select_related(*PARTS).order_by("due_on", "pk"))


def my_open_tasks(user) -> list[Task]:
    """Open tasks for ``user``: one query, compiled once a process (issue 14)."""
    if scope(Task, user) is None:
        return []
    sql, params = visible_sql(Person, user)
    return _open_tasks_for.all(sql, user=user.pk, visible=params)


@compiled
def _team_open_tasks(p, visible_sql: str, service: bool):
    # A task of a worker the manager manages (``task_scope``'s ``managed``), not their own,
    # its child, if any, visible to them.
    qs = Task.objects.filter(status=TaskStatus.OPEN).exclude(assigned_to_id=p.integer("user"))
    if not service:
        qs = qs.filter(assigned_to__team_id=p.integer("team"))
    return (qs.filter(Q(person__isnull=True) | _child_seen(p, visible_sql))
            .select_related(*PARTS).order_by("due_on", "pk"))


def team_open_tasks(user) -> list[Task]:
    """A manager's view: the open tasks of the workers they manage, not their own. One query,
    compiled once a process (issue 14)."""
    if managed(user) is None:
        return []
    sql, params = visible_sql(Person, user)
    return _team_open_tasks.all(sql, user.role == Role.SERVICE_MANAGER, user=user.pk,
                                team=user.team_id, visible=params)


def set_by_me(user, *, limit: int = 100) -> list[Task]:
    """Tasks ``user`` set for others, newest first (open or closed: they see who closed it
    and when)."""
    return list(visible_tasks(user).filter(set_by=user).exclude(assigned_to=user)
                .order_by("-created_at", "-pk")[:limit])


def sees_child(user: User, person: Person) -> bool:
    return Person.objects.visible_to(user).live().filter(pk=person.pk).exists()


def as_worker(user: User) -> rules.Worker:
    return rules.Worker(id=user.pk, role=user.role, team_id=user.team_id,
                        active=user.is_active,
                        can_hold_tasks=user.has_hearth_permission("tasks.view"),
                        name=user.display_name)


def candidates(user, person: Person | None) -> list[User]:
    """Who the task form offers: the user, their team, and the workers of the child's live
    cases (allocated and secondary); the rules still check each can see the child."""
    roles = [r for r in Role.values if has_permission(r, "tasks.view")]
    near = Q(pk=user.pk)
    if user.team_id:
        near |= Q(team_id=user.team_id)
    if person is not None:
        near |= Q(pk__in=Involvement.objects.filter(LIVE, person=person).values("worker_id"))
        near |= Q(pk__in=InvolvementWorker.objects.filter(
            involvement__person=person, end_date__isnull=True).values("worker_id"))
    return list(User.objects.filter(near, is_active=True, role__in=roles)
                .order_by("first_name", "last_name", "pk"))


def allocated_worker(person: Person) -> User | None:
    """The child's allocated worker on their newest live case, if any."""
    inv = (Involvement.objects.filter(LIVE, person=person, worker__isnull=False,
                                      worker__is_active=True)
           .select_related("worker").order_by("-opened_on", "-pk").first())
    return inv.worker if inv is not None else None


def open_hearth_task(source: str, ref: str) -> Task | None:
    return (Task.objects.select_for_update()
            .filter(source=source, source_ref=ref, status=TaskStatus.OPEN).first())


def made_for(source: str, ref: str) -> bool:
    return Task.objects.filter(source=source, source_ref=ref).exists()


def tasks_panel(user, person: Person):
    """The person page's open tasks about this person that the user may see, and the way to
    set one. Registered from TasksConfig.ready on ``people.queries.persons.PERSON_PANELS``
    (one query)."""
    from hearth.people.queries.persons import Panel

    if not user.has_hearth_permission("tasks.view"):
        return None
    return Panel("tasks/_person_tasks.html", {
        "tasks": list(visible_tasks(user).filter(person=person, status=TaskStatus.OPEN)
                      .order_by("due_on", "pk")[:50])
        if presence.has(person, "open_tasks") else [],
        "may_set": user.has_hearth_permission("tasks.set")})
