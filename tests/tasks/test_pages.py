"""The task pages (issue 15): Tina sets Sam a task from Jack's address /people/<id>/tasks/new;
Sam sees it on his home page under what is due and on /tasks, and marks it done; Tina sees
who and when; Olly gets 404; bad input is shown on the form, never a 500."""

from __future__ import annotations

import pytest

from hearth.access.models import AuditEntry
from hearth.tasks.models import Task
from tests.tasks.conftest import in_days

pytestmark = pytest.mark.django_db


def test_tina_sets_sam_a_task_from_jacks_page_and_sam_marks_it_done(
        as_user, fletchers, social_worker, team_manager):
    jack = fletchers["jack"]
    tina = as_user(team_manager)
    form = tina.get(f"/people/{jack.pk}/tasks/new")
    assert form.status_code == 200
    assert b"Set a task about Jack" in form.content and b"Sam Worker" in form.content
    refused = tina.post(f"/people/{jack.pk}/tasks/new",
                        {"what": "", "assigned_to": social_worker.pk, "due_on": "1/1/2020"})
    assert refused.status_code == 400
    assert b"There is a problem" in refused.content and b"Enter what the task is" in (
        refused.content)
    assert not Task.objects.exists()
    made = tina.post(f"/people/{jack.pk}/tasks/new", {
        "what": "Ring Jack's school about attendance", "assigned_to": social_worker.pk,
        "due_on": in_days(2).strftime("%d/%m/%Y")})
    task = Task.objects.get()
    assert made.status_code == 302 and made["Location"] == f"/tasks/{task.pk}"

    sam = as_user(social_worker)
    home = sam.get("/")
    assert b"Ring Jack&#x27;s school about attendance" in home.content
    assert f'href="/tasks/{task.pk}"'.encode() in home.content
    listing = sam.get("/tasks")
    assert b'id="my-tasks"' in listing.content and b"Ring Jack" in listing.content
    page = sam.get(f"/tasks/{task.pk}")
    assert page.status_code == 200 and b"Mark as done" in page.content
    assert AuditEntry.objects.filter(action="view_task", user_id_snapshot=social_worker.pk
                                     ).exists()
    done = sam.post(f"/tasks/{task.pk}/done", {"done-version": "1"})
    assert done.status_code == 302
    task.refresh_from_db()
    assert (task.status, task.closed_by) == ("done", social_worker)

    mine = tina.get("/tasks")
    assert b'id="set-by-me"' in mine.content and b"by Sam Worker" in mine.content


def test_a_task_for_someone_who_cannot_see_jack_is_refused_on_the_form(
        as_user, fletchers, team_manager, social_worker):
    """Jack's record is restricted to Tina and Sam: Jo, new in Tina's team, is offered on the
    form (she is in Tina's team) but cannot see Jack, so the task is refused naming why."""
    from hearth.access.codes import Role
    from hearth.people.models import RestrictedAccess
    from tests.conftest import make_user

    jo = make_user("jo", Role.SOCIAL_WORKER, team=team_manager.team, first="Jo", last="New")
    jack = fletchers["jack"]
    jack.restricted = True
    jack.save(update_fields=["restricted"])
    for user in (team_manager, social_worker):
        RestrictedAccess.objects.create(person=jack, user=user)
    answer = as_user(team_manager).post(f"/people/{jack.pk}/tasks/new", {
        "what": "Visit Jack", "assigned_to": jo.pk, "due_on": in_days(1).strftime("%d/%m/%Y")})
    assert answer.status_code == 400
    assert b"Jo New cannot see this child&#x27;s record" in answer.content
    assert not Task.objects.exists()


def test_olly_gets_404_and_cannot_close_it(as_user, tinas_task, outsider, fletchers):
    olly = as_user(outsider)
    assert olly.get(f"/tasks/{tinas_task.pk}").status_code == 404
    assert olly.post(f"/tasks/{tinas_task.pk}/done", {"done-version": "1"}).status_code == 404
    assert olly.get(f"/people/{fletchers['jack'].pk}/tasks/new").status_code == 404
    tinas_task.refresh_from_db()
    assert tinas_task.status == "open"


def test_cancel_needs_a_reason_and_a_stale_page_is_409(as_user, tinas_task, social_worker):
    sam = as_user(social_worker)
    url = f"/tasks/{tinas_task.pk}/cancel"
    empty = sam.post(url, {"cancel-version": "1", "cancel-reason": ""})
    assert empty.status_code == 400 and b"Enter why the task is cancelled" in empty.content
    stale = sam.post(url, {"cancel-version": "5", "cancel-reason": "Not needed"})
    assert stale.status_code == 409 and b"Someone else changed this task" in stale.content
    assert b"Not needed" in stale.content  # what was typed is kept
    ok = sam.post(url, {"cancel-version": "1", "cancel-reason": "The school rang first"})
    assert ok.status_code == 302
    page = sam.get(f"/tasks/{tinas_task.pk}")
    assert b"The school rang first" in page.content and b"Mark as done" not in page.content


def test_jacks_page_shows_his_open_tasks_and_the_way_to_set_one(as_user, tinas_task,
                                                                social_worker, fletchers):
    page = as_user(social_worker).get(f"/people/{fletchers['jack'].pk}")
    assert b'id="person-tasks"' in page.content
    assert f'href="/tasks/{tinas_task.pk}"'.encode() in page.content
    assert f'href="/people/{fletchers["jack"].pk}/tasks/new"'.encode() in page.content
    amy = as_user(social_worker).get(f"/people/{fletchers['amy'].pk}")
    assert b"No open tasks about Amy" in amy.content
