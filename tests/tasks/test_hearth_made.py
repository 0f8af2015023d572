"""Hearth makes a task itself when a visit went ahead but did not see the child: see them
within five working days (issue 15). Made once per visit; a correction saying the child was
seen cancels it; a visit with no access is engagement's follow-up, not this."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth import calendar
from hearth.access.models import Notification
from hearth.core.due import MINE, due_for
from hearth.tasks import actions
from hearth.tasks.models import Task
from hearth.visits.actions import do_amend_visit, do_record_visit
from tests.tasks.conftest import in_days

pytestmark = pytest.mark.django_db


def _visit(child, user, **kw):
    values = {"kind": "planned", "place": "Family home", "child_seen": False,
              "outcome": "completed", "starts_at": timezone.now() - timedelta(hours=2)}
    return do_record_visit(child, acting_user=user, **{**values, **kw})


def test_a_visit_that_did_not_see_jack_makes_sam_a_task_to_see_him(
        social_worker, team_manager, fletchers):
    jack = fletchers["jack"]
    visit = _visit(jack, team_manager)  # Tina visited; Jack is Sam's
    task = Task.objects.get()
    assert (task.assigned_to, task.set_by, task.source, task.person) == (
        social_worker, None, "child_not_seen", jack)
    assert task.what.startswith("See Jack: the visit on ")
    assert task.due_on == calendar.add_working_days(timezone.localdate(), 5)
    assert Notification.objects.filter(user=social_worker,
                                       subject="A new task for you on Jack Fletcher's case")
    [item] = [i for i in due_for(social_worker, scope=MINE) if i.kind.startswith("task")]
    assert item.kind == "task_child_not_seen"

    # Correcting something else does not make a second task.
    do_amend_visit(visit, acting_user=team_manager, expected_version=1,
                   reason="Wrong place", place="Grandmother's flat")
    assert Task.objects.count() == 1
    # Correcting it to say Jack was seen cancels the task.
    do_amend_visit(visit, acting_user=team_manager, expected_version=2,
                   reason="Jack came home", child_seen=True)
    task.refresh_from_db()
    assert (task.status, task.closed_by) == ("cancelled", team_manager)
    assert "the child was seen" in task.cancel_reason


def test_no_task_when_the_child_was_seen_or_nobody_answered(social_worker, fletchers):
    _visit(fletchers["jack"], social_worker, child_seen=True)
    _visit(fletchers["amy"], social_worker, outcome="no_access")
    assert not Task.objects.exists()


def test_make_task_is_once_per_event(social_worker, fletchers):
    made = dict(source="child_not_seen", ref="visit:999", assigned_to=social_worker,
                what="See Amy", due_on=in_days(2), person=fletchers["amy"])
    assert actions.make_task(**made) is not None
    assert actions.make_task(**made) is None
    with pytest.raises(ValueError):
        actions.make_task(**{**made, "source": ""})
