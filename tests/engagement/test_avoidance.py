"""Repeated avoidance is followed up, not closed (R-RES-3): Sam records two no-answers at the
Fletchers' door within 28 days; a follow-up task is created for him and Tina is told; the case
cannot be closed until the task is completed with its outcome."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from hearth.access.models import AuditEntry, Notification
from hearth.casework import actions as casework
from hearth.chronology.models import Event
from hearth.core.refusals import Refused
from hearth.engagement import actions
from hearth.engagement.models import EngagementEvent, FollowUpTask
from hearth.visits.actions import do_record_visit
from tests.engagement.conftest import LONDON

pytestmark = pytest.mark.django_db


def no_answer_form(day: int, **extra) -> dict:
    return {"kind": "no_answer", "event_date": f"{day}/11/2026", "event_time": "09:30",
            "agency": "Children's services", "believed_in": "yes", "by_person": "",
            "by_whom": "", "account": "Curtains twitched; nobody came to the door.",
            "visit": "", **extra}


def record_no_answer(child, user, day: int, **extra):
    return actions.do_record_event(child, acting_user=user, kind="no_answer",
                                   occurred_at=datetime(2026, 11, day, 9, 30, tzinfo=LONDON),
                                   believed_in=True, **extra)


def test_two_no_answers_within_28_days_make_a_task_for_sam_and_tell_tina_R_RES_3(
        as_user, fletchers, social_worker, team_manager):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    first = sam.post(f"/people/{jack.pk}/engagement/new", no_answer_form(3))
    assert first.status_code == 302
    assert not FollowUpTask.objects.exists()
    second = sam.post(f"/people/{jack.pk}/engagement/new", no_answer_form(14), follow=True)
    assert second.status_code == 200
    assert "This is repeated avoidance: a follow-up task is due by 24 November 2026 for Sam " \
           "Worker" in second.content.decode()
    task = FollowUpTask.objects.get()
    assert task.person == jack and task.assigned_to == social_worker
    assert task.due_on == date(2026, 11, 24)  # 5 working days
    assert task.involvement == jack.involvements.get()
    assert task.events.count() == 2 and task.reason.startswith("2 times in 28 days")
    assert Notification.objects.filter(user=social_worker,
                                       subject="Follow-up needed on Jack Fletcher's case",
                                       link=f"/engagement/tasks/{task.pk}").exists()
    assert Notification.objects.filter(user=team_manager,
                                       subject="Repeated avoidance on Jack Fletcher's case"
                                       ).exists()
    assert AuditEntry.objects.filter(action="engagement.record", username="sam").count() == 2
    assert AuditEntry.objects.filter(action="engagement.follow_up",
                                     object_id=str(jack.pk)).count() == 1
    # Every event is in the chronology as non-cooperation (R-RES-1).
    chronicled = Event.objects.filter(person=jack, origin="engagement")
    assert [(e.kind, e.lane) for e in chronicled] == [("no_answer", "non_cooperation")] * 2
    assert "someone was believed to be in" in chronicled[0].summary

    # The task is on Sam's list and on Tina's team list.
    assert f"/engagement/tasks/{task.pk}" in sam.get("/engagement/tasks").content.decode()
    tina_page = as_user(team_manager).get("/engagement/tasks").content.decode()
    assert "Open follow-up tasks in your team" in tina_page
    assert f"/engagement/tasks/{task.pk}" in tina_page


def test_only_one_task_is_open_at_a_time_and_new_avoidance_joins_it_R_RES_3(
        fletchers, social_worker):
    jack = fletchers["jack"]
    record_no_answer(jack, social_worker, 3)
    made = record_no_answer(jack, social_worker, 10).task
    third = record_no_answer(jack, social_worker, 16)
    assert third.task is None
    assert FollowUpTask.objects.count() == 1 and made.events.count() == 3


def test_a_no_access_visit_counts_once_R_RES_3(fletchers, social_worker):
    """A visit with no access counts unless an engagement event was recorded from it."""
    jack = fletchers["jack"]

    def visit(day):
        return do_record_visit(jack, acting_user=social_worker, kind="unannounced",
                               place="The family home", child_seen=False, outcome="no_access",
                               starts_at=datetime(2026, 11, day, 8, 0, tzinfo=LONDON))

    first = visit(5)
    assert actions.check_avoidance(jack, social_worker) is None
    # The no-answer recorded from that same visit is the same avoidance: still only one.
    record_no_answer(jack, social_worker, 5, visit=first)
    assert not FollowUpTask.objects.exists()
    # The second no-access visit makes it repeated: recording the visit creates the task.
    second = visit(12)
    task = FollowUpTask.objects.get()
    assert task.events.count() == 1 and task.visits.get() == second
    assert actions.check_avoidance(jack, social_worker) is None  # already followed up
    # Once followed up, an event recorded later from that visit does not count again.
    actions.do_complete_task(task, acting_user=social_worker, expected_version=1,
                             outcome="Seen the next morning.")
    record_no_answer(jack, social_worker, 12, visit=second)
    record_no_answer(jack, social_worker, 16)
    assert FollowUpTask.objects.count() == 1


def test_a_visit_cancelled_by_a_professional_is_not_avoidance(fletchers, social_worker):
    jack = fletchers["jack"]
    for day in (3, 10):
        done = actions.do_record_event(
            jack, acting_user=social_worker, kind="cancelled_visit", cancelled_by="professional",
            occurred_at=datetime(2026, 11, day, 9, 0, tzinfo=LONDON))
    assert done.task is None
    assert Event.objects.get(origin_id=str(done.event.pk)).kind == "visit_cancelled"


def test_the_case_is_not_closed_while_the_task_is_open_R_RES_3(
        as_user, fletchers, social_worker, team_manager):
    jack = fletchers["jack"]
    record_no_answer(jack, social_worker, 3)
    task = record_no_answer(jack, social_worker, 10).task
    involvement = jack.involvements.get()
    with pytest.raises(Refused) as refused:
        casework.do_close(involvement, "RC8", acting_user=team_manager, expected_version=1)
    assert f"follow-up task {task.pk}" in str(refused.value)
    assert "Sam Worker" in str(refused.value) and "24 November 2026" in str(refused.value)
    tina = as_user(team_manager)
    page = tina.post(f"/involvements/{involvement.pk}/close", {"reason": "RC8", "version": 1})
    assert page.status_code == 400 and f"follow-up task {task.pk}" in page.content.decode()
    involvement.refresh_from_db()
    assert involvement.status == "open"

    # Sam follows up and completes the task with its outcome; then the case may close.
    sam = as_user(social_worker)
    empty = sam.post(f"/engagement/tasks/{task.pk}/complete", {"outcome": " ", "version": 1})
    assert empty.status_code == 400
    assert "Enter what was done to follow up" in empty.content.decode()
    done = sam.post(f"/engagement/tasks/{task.pk}/complete",
                    {"outcome": "Unannounced visit at 07:45: Jack and Amy seen.", "version": 1})
    assert done.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.completed_by == social_worker
    assert AuditEntry.objects.filter(action="engagement.follow_up_done").exists()
    casework.do_close(involvement, "RC8", acting_user=team_manager, expected_version=1)


def test_a_stale_completion_keeps_the_input_and_only_the_worker_or_a_manager_completes(
        as_user, fletchers, social_worker, team_manager, bea):
    jack = fletchers["jack"]
    record_no_answer(jack, social_worker, 3)
    task = record_no_answer(jack, social_worker, 10).task
    refused = as_user(bea).post(f"/engagement/tasks/{task.pk}/complete",
                                {"outcome": "I saw them", "version": 1})
    assert refused.status_code == 403
    assert "Only Sam Worker or a manager can complete this task" in refused.content.decode()
    FollowUpTask.objects.filter(pk=task.pk).update(version=2)
    stale = as_user(team_manager).post(f"/engagement/tasks/{task.pk}/complete",
                                       {"outcome": "Spoke to Kerry by phone", "version": 1})
    assert stale.status_code == 409
    assert "Spoke to Kerry by phone" in stale.content.decode()
    task.refresh_from_db()
    assert task.status == "open" and task.outcome == ""


def test_the_task_page_shows_what_it_covers(as_user, fletchers, social_worker):
    jack = fletchers["jack"]
    record_no_answer(jack, social_worker, 3)
    task = record_no_answer(jack, social_worker, 10).task
    page = as_user(social_worker).get(f"/engagement/tasks/{task.pk}")
    assert page.status_code == 200
    body = page.content.decode()
    assert "No answer at the door, 3 November 2026 09:30" in body
    assert "Complete the task" in body
    assert AuditEntry.objects.filter(action="view_follow_up", object_id=str(jack.pk)).exists()


def test_thresholds_are_configurable(settings, fletchers, social_worker):
    settings.HEARTH_AVOIDANCE_EVENTS = 3
    jack = fletchers["jack"]
    assert record_no_answer(jack, social_worker, 3).task is None
    assert record_no_answer(jack, social_worker, 10).task is None
    assert record_no_answer(jack, social_worker, 16).task is not None
    assert EngagementEvent.objects.count() == 3


def test_a_chronology_rebuild_keeps_engagement_events_R_RES_1(fletchers, social_worker):
    from hearth.chronology import actions as events

    jack = fletchers["jack"]
    made = record_no_answer(jack, social_worker, 3).event
    Event.objects.filter(origin="engagement").delete()
    events.rebuild([jack.pk])
    rebuilt = Event.objects.get(origin="engagement", origin_id=str(made.pk))
    assert rebuilt.kind == "no_answer" and rebuilt.source_agency == "Children's services"


def test_two_no_access_visits_make_the_task_and_the_chronology_counts_each_once_R_RES_3(
        fletchers, social_worker, team_manager):
    """Recording the visits is enough: nobody has to remember to check (R-RES-3); a no-answer
    recorded from a no-access visit is the same missed visit in the chronology's figures."""
    from hearth.chronology.queries import figures

    jack = fletchers["jack"]
    visits = [do_record_visit(jack, acting_user=social_worker, kind="unannounced",
                              place="The family home", child_seen=False, outcome="no_access",
                              starts_at=datetime(2026, 11, day, 8, 0, tzinfo=LONDON))
              for day in (5, 12)]
    record_no_answer(jack, social_worker, 12, visit=visits[1])
    task = FollowUpTask.objects.get(person=jack)
    assert task.assigned_to == social_worker
    assert Notification.objects.filter(user=team_manager).exists()
    assert figures(jack, date(2026, 11, 17)).missed_visits == 2
