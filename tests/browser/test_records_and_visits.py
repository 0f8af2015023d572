"""Visits and case notes pages, empty and with their errors, each checked with axe-core; a
draft saved unchanged keeps its time, and a finalised note's time is amended visibly (issue 11,
R-REC-2, R-REC-4)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from hearth.records.actions.notes import do_write_note
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def test_sams_visit_and_case_note_pages_are_accessible(page, social_worker, fletchers):
    jack = fletchers["jack"]
    note = do_write_note(jack, acting_user=social_worker,
                         occurred_at=datetime(2026, 11, 16, 15, 30,
                                              tzinfo=ZoneInfo("Europe/London")),
                         place="The family home", who_said_what="Kerry said Jack slept well.",
                         opinion="Kerry seemed tired but warm with Jack.",
                         opinion_basis="What I saw during the visit")
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Visits").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.goto(f"/people/{jack.pk}/visits/new")
    assert_accessible(page)
    page.locator("main form button[type=submit]").last.click()
    expect(error_summary(page)).to_be_visible()
    assert_accessible(page)

    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Case notes").click()
    expect(page.get_by_text("Kerry seemed tired but warm with Jack.")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/notes/{note.pk}")
    assert_accessible(page)
    # R-REC-2: saving the draft without changing anything keeps the time it happened.
    expect(page.get_by_label("When it happened")).to_have_value("16/11/2026 15:30")
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    expect(page.locator(f"#note-{note.pk}-title")).to_contain_text("16 November 2026, 15:30")
    page.get_by_role("button", name="Finalise the record").click()
    expect(page.get_by_text("Case note finalised.")).to_be_visible()
    # R-REC-4: the time of a finalised note is amended with a reason, before and after shown.
    page.get_by_label("Part to amend").select_option("occurred_at")
    page.get_by_label("Corrected date and time").fill("16/11/2026 16:30")
    page.get_by_label("Why it is being amended").fill("The visit was at half past four")
    page.get_by_role("button", name="Add the amendment").click()
    expect(page.get_by_text("When it happened amended.")).to_be_visible()
    amendments = page.locator(f"#note-{note.pk}-amendments")
    expect(amendments).to_contain_text("Before: 16 November 2026, 15:30")
    expect(amendments).to_contain_text("After: 16 November 2026, 16:30")
    assert_accessible(page)
    page.goto(f"/people/{jack.pk}/notes/new")
    assert_accessible(page)
    page.locator("main form button[type=submit]").last.click()
    expect(error_summary(page)).to_be_visible()
    assert_accessible(page)
