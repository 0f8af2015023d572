"""Nobody answered at Sam's early visit; today Kerry misses her appointment and Sam records it
from Jack's page: that is repeated avoidance, so a follow-up task appears on his list and on
Tina's, and he completes it with its outcome (R-RES-1, R-RES-3). Every page passes axe-core."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.engagement.models import FollowUpTask
from hearth.visits.actions import do_record_visit
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def test_repeated_no_answers_are_followed_up(new_page, social_worker, team_manager, fletchers):
    jack = fletchers["jack"]
    today = timezone.localdate()
    # A week and a half ago nobody answered at an early-morning visit: once is not a pattern.
    do_record_visit(jack, acting_user=social_worker, kind="unannounced",
                    place="Family home, Mill Lane", child_seen=False, outcome="no_access",
                    starts_at=datetime.combine(today - timedelta(days=10), time(7, 45),
                                               tzinfo=calendar.LONDON))
    assert not FollowUpTask.objects.exists()
    # Today Kerry misses the appointment at the office: that makes it repeated (R-RES-3).
    sam = new_page()
    sign_in(sam, social_worker)
    sam.goto(f"/people/{jack.pk}")
    sam.get_by_role("link", name="Record engagement").click()
    assert_accessible(sam)
    sam.get_by_role("group", name="What happened?").get_by_label("Missed appointment").check()
    sam.get_by_label("Your account").fill("Kerry did not come to the 10:00 appointment.")
    sam.get_by_role("button", name="Save").click()
    expect(sam.get_by_text("This is repeated avoidance")).to_be_visible()
    assert_accessible(sam)
    task = FollowUpTask.objects.get()
    assert task.assigned_to == social_worker
    assert task.events.count() == 1 and task.visits.count() == 1

    tina = new_page()
    sign_in(tina, team_manager)
    tina.goto("/engagement/tasks")
    expect(tina.locator("#team-tasks")).to_contain_text("Jack Fletcher")
    assert_accessible(tina)

    sam.goto("/engagement/tasks")
    expect(sam.locator("#my-tasks")).to_contain_text("Jack Fletcher")
    assert_accessible(sam)
    sam.get_by_role("link", name=f"Follow-up task {task.pk} for Jack Fletcher").click()
    expect(sam.get_by_role("heading", level=1)).to_contain_text("repeated avoidance")
    assert_accessible(sam)
    sam.get_by_role("button", name="Complete the task").click()
    expect(error_summary(sam)).to_contain_text("Enter what was done to follow up")
    assert_accessible(sam)
    sam.get_by_label("What was done, and what happened").fill(
        "Visited at 07:30 the next day: Jack and Amy seen; Kerry agreed a weekly visit.")
    sam.get_by_role("button", name="Complete the task").click()
    expect(sam.get_by_text("Follow-up task completed.")).to_be_visible()
    assert_accessible(sam)
    task.refresh_from_db()
    assert task.status == "done"
