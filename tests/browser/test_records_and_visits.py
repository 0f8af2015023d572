"""Visits and case notes pages, empty and with their errors, each checked with axe-core."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from hearth.records.actions import do_write_note
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
    page.goto(f"/people/{jack.pk}/notes/new")
    assert_accessible(page)
    page.locator("main form button[type=submit]").last.click()
    expect(error_summary(page)).to_be_visible()
    assert_accessible(page)
