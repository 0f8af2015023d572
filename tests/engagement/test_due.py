"""What engagement adds to the list of what is due (issue 15): the follow-up task after Jack's
family avoided contact (R-RES-3) is Sam's, due on its date; Tina sees it among her team's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.core.due import MINE, TEAM
from hearth.engagement.due import follow_up_tasks
from hearth.engagement.models import FollowUpTask

pytestmark = pytest.mark.django_db


def test_r_res_3_sams_follow_up_task_is_due(fletchers, social_worker, team_manager, outsider):
    jack = fletchers["jack"]
    task = FollowUpTask.objects.create(
        person=jack, involvement=jack.involvements.get(), reason="Three visits avoided",
        assigned_to=social_worker, due_on=timezone.localdate() + timedelta(days=5),
        created_at=timezone.now())
    [mine] = follow_up_tasks(social_worker, scope=MINE)
    assert (mine.person_name, mine.kind, mine.due) == ("Jack Fletcher", "follow_up",
                                                       task.due_on)
    assert mine.link == f"/engagement/tasks/{task.pk}"
    assert follow_up_tasks(team_manager, scope=MINE) == []
    assert [i.for_user_id for i in follow_up_tasks(team_manager, scope=TEAM)] == [
        social_worker.pk]
    assert follow_up_tasks(outsider, scope=MINE) == []
    task.status = "done"
    task.save()
    assert follow_up_tasks(social_worker, scope=MINE) == []
