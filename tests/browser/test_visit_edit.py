"""Sam opens one of Jack's visits and corrects it. A visit is final once recorded, so each
correction is an amendment with a reason, shown on the visit with what it said before
(R-REC-4); who recorded it and when stay his (R-REC-2). On the way he records an adult not
known to us (R-PPL-3), and every page he sees passes axe-core, including those with his
mistakes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from hearth.visits.actions import do_record_visit
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value

pytestmark = pytest.mark.browser


def test_R_REC_4_sam_corrects_a_visit_with_a_reason_and_sees_before_and_after(
        page, social_worker, fletchers):
    jack = fletchers["jack"]
    visit = do_record_visit(jack, acting_user=social_worker, kind="unannounced",
                            starts_at=datetime(2026, 11, 16, 7, 45,
                                               tzinfo=ZoneInfo("Europe/London")),
                            place="Family home, Mill Lane", child_seen=True,
                            outcome="completed", home_conditions="Tidy.",
                            involvement=jack.involvements.get())
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}/visits")
    page.get_by_role("link", name="Mon 16 November 2026, 07:45").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Unannounced visit, 16 November 2026")
    expect(summary_value(page, "Timing")).to_have_text("Early morning")
    expect(summary_value(page, "Recorded by")).to_contain_text("Sam Worker")
    expect(page.locator("#corrections")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Correct this visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct the visit")
    assert_accessible(page)
    page.get_by_role("group", name="Was an adult there who is not known to us?") \
        .get_by_label("Yes").check()
    page.get_by_label("Home conditions").fill("Tidy. No sheets on Jack's bed.")
    page.get_by_role("button", name="Save the corrections").click()
    expect(error_summary(page)).to_contain_text(
        "Describe the adult who was there and who they seemed to be")
    expect(error_summary(page)).to_contain_text("Enter why you are correcting the visit")
    expect(page.get_by_label("Home conditions")).to_have_value("Tidy. No sheets on Jack's bed.")
    assert_accessible(page)

    page.get_by_label("Who was the adult and who did they seem to be?").fill(
        "A man called Dean answered the door; Kerry said he is a friend.")
    page.get_by_label("Why are you correcting the visit?").fill(
        "I left out what I saw upstairs and who was there")
    page.get_by_role("button", name="Save the corrections").click()
    expect(page.get_by_text("Visit corrected.")).to_be_visible()
    expect(summary_value(page, "Home conditions")).to_have_text(
        "Tidy. No sheets on Jack's bed.")
    expect(page.locator("#unknown-adult")).to_contain_text("not known to us")
    corrections = page.locator("#corrections")
    expect(corrections).to_contain_text("Home conditions corrected by Sam Worker")
    expect(corrections).to_contain_text("Why: I left out what I saw upstairs")
    expect(corrections.locator("del").first).to_be_visible()
    expect(corrections).to_contain_text("Before: Tidy.")
    expect(corrections).to_contain_text("After: Tidy. No sheets on Jack's bed.")
    assert_accessible(page)

    page.get_by_role("link", name="Correct this visit").click()
    page.get_by_label("Time of the visit").fill("08:10")
    page.get_by_label("Why are you correcting the visit?").fill(
        "I wrote the time I set off, not the time I arrived")
    page.get_by_role("button", name="Save the corrections").click()
    expect(page.get_by_text("Visit corrected.")).to_be_visible()
    expect(summary_value(page, "When")).to_have_text("Monday 16 November 2026, 08:10")
    expect(corrections).to_contain_text("Before: Monday 16 November 2026, 07:45")
    expect(corrections).to_contain_text("After: Monday 16 November 2026, 08:10")
    expect(summary_value(page, "Recorded by")).to_contain_text("Sam Worker")
    assert_accessible(page)
    visit.refresh_from_db()
    assert visit.version == 3 and visit.unknown_adult_seen
    assert visit.recorded_by == social_worker
    assert visit.amendments.count() == 4
