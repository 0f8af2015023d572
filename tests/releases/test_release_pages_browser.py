"""The copy-of-records pages in the browser, empty, with their errors and released, each
checked with axe-core (R-REC-9)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from hearth.frontdoor.actions import contacts as frontdoor
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def test_sam_prepares_and_releases_kerrys_copy_in_the_browser(page, social_worker, fletchers):
    kerry, jack = fletchers["mum"], fletchers["jack"]
    contact = frontdoor.do_record_contact(
        acting_user=social_worker, people=[(jack, "child"), (kerry, "adult")],
        received_at=datetime(2026, 11, 16, 10, 0, tzinfo=ZoneInfo("Europe/London")),
        channel="phone", caller_kind="public", caller_name="Dawn Hollis",
        caller_contact="07700 900123", referral_source="1B",
        worries="Dawn Hollis heard shouting from the flat.", urgency="routine", family_aware=False,
        family_told_sharing=False, not_told_reason="The neighbour fears reprisals")
    sign_in(page, social_worker)
    page.goto(f"/people/{kerry.pk}")
    page.get_by_role("link", name="Prepare a copy of records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kerry Fletcher")
    assert_accessible(page)
    page.get_by_role("link", name="Prepare a copy of records").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prepare a copy of records")
    assert_accessible(page)
    page.get_by_role("button", name="Start the copy").click()
    expect(error_summary(page)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Who asked for the copy").fill("Kerry Fletcher")
    page.get_by_label("When they asked").fill("16/11/2026")
    page.get_by_role("button", name="Start the copy").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Copy of records")
    assert_accessible(page)

    page.get_by_label("Dawn Hollis", exact=True).check()
    page.get_by_label("Withhold an item").select_option(
        label=f"Contacts with children's services: Contact {contact.reference}, 16 November 2026")
    page.get_by_role("button", name="Save and check the copy").click()
    expect(error_summary(page)).to_contain_text("Enter why the item is withheld")
    assert_accessible(page)
    page.get_by_label("Why the item is withheld").fill("Serious harm test (DPA 2018 Sch 3)")
    page.get_by_role("button", name="Save and check the copy").click()
    expect(page.locator("#counts")).to_contain_text("1 withheld")
    assert_accessible(page)

    page.get_by_role("button", name="Release the copy").click()
    expect(error_summary(page)).to_contain_text("Confirm that you have checked the copy")
    assert_accessible(page)
    page.get_by_label("I have checked the copy").check()
    page.get_by_role("button", name="Release the copy").click()
    expect(page.get_by_role("link", name="Download the copy (PDF)")).to_be_visible()
    expect(page.get_by_text("Dawn Hollis")).to_have_count(0)
    assert_accessible(page)
