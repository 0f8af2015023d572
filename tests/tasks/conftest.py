"""Tasks stories: Tina, Sam's team manager, sets him tasks about the Fletcher children."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def tinas_task(team_manager, social_worker, fletchers):
    """Tina asks Sam to ring Jack's school by next week."""
    from hearth.tasks.actions import do_set_task

    return do_set_task(acting_user=team_manager, assigned_to=social_worker,
                       person=fletchers["jack"], what="Ring Jack's school about attendance",
                       due_on=in_days(3))
