"""The ids the task pages name, for the route matrix (tests/access/test_routes.py)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from hearth.tasks.actions import do_set_task

    task = do_set_task(acting_user=social_worker, assigned_to=social_worker,
                       person=fletchers["jack"], what="Ring Jack's school",
                       due_on=timezone.localdate() + timedelta(days=7))
    return {"task_id": task.pk}
