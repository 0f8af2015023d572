"""A child becomes looked after under section 20 and moves placement (issue 17, R-CLA-1,
R-CLA-7): Sam records from Jack's record that Jack became looked after (V2) in a foster
placement (first without the setting's URN: the error summary names it), then records a move
to another placement with the reason; Jack's record says first and plainly that he is looked
after, where he lives and under what legal status. Every page passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def day(d) -> str:
    return d.strftime("%d/%m/%Y")


def fill_placement(page, *, kind, provider, name, urn, address, postcode) -> None:
    page.get_by_label("Placement type", exact=True).select_option(kind)
    page.get_by_label("Placement provider", exact=True).select_option(provider)
    page.get_by_label("Provider's name").fill(name)
    page.get_by_label("Ofsted URN of the setting").fill(urn)
    page.get_by_label("Placement address", exact=True).fill(address)
    page.get_by_label("Placement postcode", exact=True).fill(postcode)


def test_sam_records_jack_looked_after_under_s20_then_moves_him(new_page, social_worker,
                                                                 fletchers):
    jack = fletchers["jack"]
    today = timezone.localdate()
    sam = new_page()
    sign_in(sam, social_worker)
    sam.goto(f"/people/{jack.pk}")
    sam.get_by_role("link", name="Record that the child became looked after").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(
        "Record that the child became looked after")
    assert_accessible(sam)
    sam.get_by_label("Date the child became looked after").fill(day(today - timedelta(days=20)))
    sam.get_by_label("Legal status", exact=True).select_option("V2")
    sam.get_by_label("Category of need").select_option("N4")
    sam.get_by_label("Where the decision was made").select_option("other")
    fill_placement(sam, kind="U6", provider="PR1", name="Hearth Fostering", urn="",
                   address="4 Elm Road, Southsea", postcode="PO4 0AB")
    sam.get_by_role("button", name="Record").click()
    expect(error_summary(sam)).to_contain_text("Enter the Ofsted URN of the setting")
    assert_accessible(sam)
    sam.get_by_label("Ofsted URN of the setting").fill("SC765432")
    sam.get_by_role("button", name="Record").click()
    expect(sam.get_by_text("Recorded that the child became looked after.")).to_be_visible()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Looked after")
    assert_accessible(sam)

    sam.get_by_role("link", name="Record a change of legal status or placement").click()
    assert_accessible(sam)
    sam.get_by_label("Date of the change").fill(day(today - timedelta(days=2)))
    sam.get_by_label("The child moved to another placement").check()
    sam.get_by_label("Reason the placement changed").select_option("CREQO")
    fill_placement(sam, kind="U4", provider="PR4", name="Oak Fostering", urn="SC222222",
                   address="7 Oak Way, Cosham", postcode="PO6 1AA")
    sam.get_by_role("button", name="Record the change").click()
    expect(sam.get_by_text("Change recorded.")).to_be_visible()
    expect(sam.locator("#placements-1, table[id^=placements]").first).to_contain_text("CREQO")
    assert_accessible(sam)

    sam.goto(f"/people/{jack.pk}")
    expect(sam.locator("#looked-after-summary")).to_contain_text("Jack is looked after, since")
    expect(sam.locator("#looked-after-where")).to_contain_text("7 Oak Way, Cosham")
    expect(sam.locator("#looked-after-legal")).to_contain_text(
        "V2: Single period of accommodation under section 20")
    assert_accessible(sam)
