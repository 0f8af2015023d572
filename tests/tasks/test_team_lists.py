"""A manager's team-wide lists of open tasks and follow-up tasks, each one query compiled once
a process (issue 14): the same tasks the ORM's ``visible_to`` reading finds — Tina's team's,
not her own, none about a child she may not see; every team's for a service manager; none
for Sam, who manages nobody."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db.models import Q
from django.utils import timezone

from hearth.access.codes import Role
from hearth.core import visibility
from hearth.engagement.models import FollowUpTask
from hearth.engagement.queries import tasks as engagement
from hearth.people.models import Person
from hearth.tasks import queries as tasks
from hearth.tasks.actions import do_set_task
from hearth.tasks.models import Task
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def _orm_open_tasks(user) -> list:
    team = tasks.managed(user)
    if team is None:
        return []
    return list(Task.objects.visible_to(user).filter(team, status="open")
                .exclude(assigned_to=user).order_by("due_on", "pk").values_list("pk", flat=True))


def _orm_follow_ups(user) -> list:
    qs = FollowUpTask.objects.visible_to(user).filter(status="open")
    if user.role == Role.TEAM_MANAGER:
        qs = qs.filter(Q(assigned_to__team_id=user.team_id) | Q(involvement__team_id=user.team_id))
    elif user.role != Role.SERVICE_MANAGER:
        return []
    return list(qs.order_by("due_on", "pk").values_list("pk", flat=True))


def test_the_team_lists_are_what_visible_to_finds(team_manager, social_worker, outsider,
                                                  fletchers, north):
    soon = timezone.localdate() + timedelta(days=3)
    jack, amy = fletchers["jack"], fletchers["amy"]
    do_set_task(acting_user=team_manager, assigned_to=social_worker, person=jack,
                what="Ring Jack's school", due_on=soon)
    do_set_task(acting_user=social_worker, assigned_to=social_worker, person=None,
                what="Book leave", due_on=soon)
    do_set_task(acting_user=outsider, assigned_to=outsider, person=None,
                what="South's own", due_on=soon)  # another team's: not Tina's
    own = make_user("tessa", Role.TEAM_MANAGER, team=north)
    do_set_task(acting_user=own, assigned_to=team_manager, person=None, what="Tina's own",
                due_on=soon)
    for person, who in ((jack, social_worker), (amy, social_worker)):
        FollowUpTask.objects.create(person=person, involvement=person.involvements.get(),
                                    reason="Visits avoided", assigned_to=who, due_on=soon,
                                    created_at=timezone.now())
    Person.objects.filter(pk=amy.pk).update(restricted=True)  # hidden from Tina now
    service = make_user("sian", Role.SERVICE_MANAGER, team=north)

    for user in (team_manager, service, social_worker):
        with visibility.scopes_remembered():
            found_tasks = [t.pk for t in tasks.team_open_tasks(user)]
            found_follow_ups = [t.pk for t in engagement.team_tasks(user)]
        assert found_tasks == _orm_open_tasks(user), user.username
        assert found_follow_ups == _orm_follow_ups(user), user.username
    with visibility.scopes_remembered():
        tinas = tasks.team_open_tasks(team_manager)
        assert [t.what for t in tinas] == ["Ring Jack's school", "Book leave"]
        assert [t.person for t in engagement.team_tasks(team_manager)] == [jack]
        assert tasks.team_open_tasks(social_worker) == []
