"""Tina sets Sam a task about Jack Fletcher; it is on Sam's list of what is due and on Tina's
team's; Sam marks it done and Tina sees who and when. A task for Olly, who cannot see Jack,
is refused; Olly cannot see Tina's task at all (issue 15)."""

from __future__ import annotations

import pytest
from django.http import Http404

from hearth.access.models import AuditEntry, Notification
from hearth.core.due import MINE, TEAM, due_for
from hearth.core.refusals import Refused, StaleEdit, Why
from hearth.tasks import actions, queries
from hearth.tasks.due import open_tasks
from hearth.tasks.models import Task
from tests.tasks.conftest import in_days

pytestmark = pytest.mark.django_db


def test_tina_sets_sam_a_task_he_sees_it_due_and_marks_it_done(
        tinas_task, social_worker, team_manager, fletchers):
    task = tinas_task
    assert (task.assigned_to, task.set_by, task.person, task.status) == (
        social_worker, team_manager, fletchers["jack"], "open")
    [note] = Notification.objects.filter(user=social_worker)
    assert note.subject == "A new task for you on Jack Fletcher's case"
    assert note.link == f"/tasks/{task.pk}"
    assert AuditEntry.objects.filter(action="task.set", object_id=str(fletchers["jack"].pk)
                                     ).exists()

    [item] = [i for i in due_for(social_worker, scope=MINE) if i.kind == "task"]
    assert (item.person_name, item.what, item.due, item.link) == (
        "Jack Fletcher", "Ring Jack's school about attendance", in_days(3), f"/tasks/{task.pk}")
    assert [i.for_user_id for i in open_tasks(team_manager, scope=TEAM)] == [social_worker.pk]
    assert open_tasks(team_manager, scope=MINE) == []

    done = actions.do_complete_task(task, acting_user=social_worker, expected_version=1)
    assert (done.status, done.closed_by, done.version) == ("done", social_worker, 2)
    assert done.closed_at is not None
    assert open_tasks(social_worker, scope=MINE) == []
    [seen] = queries.set_by_me(team_manager)
    assert (seen.status, seen.closed_by) == ("done", social_worker)
    told = Notification.objects.get(user=team_manager)
    assert told.subject == "A task was done on Jack Fletcher's case"
    assert "Sam Worker marked" in told.body


def test_a_task_for_someone_who_cannot_see_the_child_is_refused(team_manager, outsider,
                                                               fletchers):
    with pytest.raises(Refused) as refused:
        actions.do_set_task(acting_user=team_manager, assigned_to=outsider,
                            person=fletchers["jack"], what="Visit Jack", due_on=in_days(1))
    assert refused.value.field == "assigned_to"
    assert "Olly Outsider cannot see this child's record" in refused.value.message
    assert not Task.objects.exists()


def test_olly_cannot_see_or_close_tinas_task(tinas_task, outsider):
    assert not queries.visible_tasks(outsider).exists()
    with pytest.raises(Http404):
        queries.get_visible_task(outsider, tinas_task.pk)
    assert open_tasks(outsider, scope=MINE) == [] and open_tasks(outsider, scope=TEAM) == []


def test_bad_input_is_refused_and_nothing_is_written(team_manager, social_worker, fletchers):
    with pytest.raises(Refused) as refused:
        actions.do_set_task(acting_user=team_manager, assigned_to=social_worker,
                            person=fletchers["jack"], what=" ", due_on=in_days(-1))
    assert refused.value.problems == {"what": "Enter what the task is",
                                      "due_on": "The date the task is due must be today or "
                                                "in the future"}
    assert not Task.objects.exists()


def test_sam_cancels_with_a_reason_a_stale_edit_and_a_closed_task_are_refused(
        tinas_task, social_worker, team_manager):
    with pytest.raises(Refused) as refused:
        actions.do_cancel_task(tinas_task, acting_user=social_worker, expected_version=1,
                               reason=" ")
    assert refused.value.field == "reason"
    with pytest.raises(StaleEdit):
        actions.do_cancel_task(tinas_task, acting_user=social_worker, expected_version=7,
                               reason="Not needed")
    cancelled = actions.do_cancel_task(tinas_task, acting_user=social_worker,
                                       expected_version=1,
                                       reason="The school rang us first")
    assert (cancelled.status, cancelled.closed_by, cancelled.cancel_reason) == (
        "cancelled", social_worker, "The school rang us first")
    with pytest.raises(Refused) as again:
        actions.do_complete_task(cancelled, acting_user=team_manager, expected_version=2)
    assert again.value.why == Why.STATE


def test_only_the_worker_the_setter_or_a_manager_closes_it(social_worker, team_manager,
                                                         fletchers, north):
    from hearth.access.codes import Role
    from tests.conftest import make_user

    colleague = make_user("cal", Role.SOCIAL_WORKER, team=north, first="Cal", last="Colleague")
    task = actions.do_set_task(acting_user=team_manager, assigned_to=social_worker,
                               person=fletchers["amy"], what="Book Amy's health assessment",
                               due_on=in_days(5))
    with pytest.raises(Refused) as refused:
        actions.do_complete_task(task, acting_user=colleague, expected_version=1)
    assert refused.value.why == Why.FORBIDDEN


def test_a_task_not_about_a_child_is_for_oneself_or_from_a_manager(social_worker,
                                                                   team_manager):
    own = actions.do_set_task(acting_user=social_worker, assigned_to=social_worker, person=None,
                              what="Finish my mandatory training", due_on=in_days(10))
    assert Notification.objects.filter(user=social_worker).count() == 0  # not told oneself
    [item] = open_tasks(social_worker, scope=MINE)
    assert (item.person_id, item.person_name, item.what) == (
        "", "Not about a child", "Finish my mandatory training")
    actions.do_set_task(acting_user=team_manager, assigned_to=social_worker, person=None,
                        what="Cover the duty desk", due_on=in_days(2))
    with pytest.raises(Refused) as refused:
        actions.do_set_task(acting_user=social_worker, assigned_to=team_manager, person=None,
                            what="Sign my leave", due_on=in_days(2))
    assert "Only Tina Manager's manager" in refused.value.message
    assert own.pk in {t.pk for t in queries.my_open_tasks(social_worker)}


def test_the_due_source_takes_one_query_however_many_tasks(
        social_worker, team_manager, fletchers, django_assert_num_queries):
    for n in range(12):
        actions.do_set_task(acting_user=team_manager, assigned_to=social_worker,
                            person=fletchers["jack" if n % 2 else "amy"],
                            what=f"Task {n}", due_on=in_days(n))
    with django_assert_num_queries(1):
        assert len(open_tasks(social_worker, scope=MINE)) == 12
    with django_assert_num_queries(1):
        assert len(open_tasks(team_manager, scope=TEAM)) == 12
