"""Tina sets Sam a task about Jack from /people/<id>/tasks/new (a missing date first, shown in
the error summary); Sam finds it on his home page under what is due, opens it and marks it
done; Tina's tasks page says who did it and when (issue 15). Every page passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.tasks.models import Task
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value

pytestmark = pytest.mark.browser


def test_tina_sets_sam_a_task_and_he_marks_it_done(new_page, team_manager, social_worker,
                                                   fletchers):
    jack = fletchers["jack"]
    due = timezone.localdate() + timedelta(days=2)
    tina = new_page()
    sign_in(tina, team_manager)
    tina.goto(f"/people/{jack.pk}/tasks/new")
    expect(tina.get_by_role("heading", level=1)).to_have_text("Set a task about Jack")
    assert_accessible(tina)
    tina.get_by_label("What needs doing").fill("Ring Jack's school about his attendance")
    tina.get_by_label("Who is it for").select_option(label="Sam Worker (Family Help North)")
    tina.get_by_role("button", name="Set the task").click()
    expect(error_summary(tina)).to_contain_text("Enter the date due")
    assert_accessible(tina)
    tina.get_by_label("Date due").fill(due.strftime("%d/%m/%Y"))
    tina.get_by_role("button", name="Set the task").click()
    expect(tina.get_by_text("Task set.")).to_be_visible()
    expect(summary_value(tina, "For")).to_have_text("Sam Worker")
    assert_accessible(tina)
    task = Task.objects.get()

    sam = new_page()
    sign_in(sam, social_worker)
    expect(sam.get_by_role("heading", name="What is due")).to_be_visible()
    sam.get_by_role("link", name="Ring Jack's school about his attendance for Jack "
                                 "Fletcher").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Task")
    expect(summary_value(sam, "Set by")).to_contain_text("Tina Manager")
    assert_accessible(sam)
    sam.get_by_role("button", name="Mark as done").click()
    expect(sam.get_by_text("Task marked done.")).to_be_visible()
    expect(summary_value(sam, "Status")).to_contain_text("Done")
    assert_accessible(sam)
    task.refresh_from_db()
    assert (task.status, task.closed_by) == ("done", social_worker)

    tina.get_by_role("link", name="Tasks", exact=True).click()
    expect(tina.locator("#set-by-me")).to_contain_text("by Sam Worker")
    assert_accessible(tina)
