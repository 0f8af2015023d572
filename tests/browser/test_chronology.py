"""Sam records a visit and a case note with an opinion, finds both in Jack's chronology,
filters it and exports it (R-REC-1, R-REC-3, R-REC-6, R-CHR-1..3); every page checked with
axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def _radio(page, question: str, answer: str):
    page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()


def test_sam_records_a_visit_and_a_note_and_finds_them_in_the_chronology(
        page, social_worker, fletchers):
    jack = fletchers["jack"]
    yesterday = timezone.localdate() - timedelta(days=1)
    sign_in(page, social_worker)

    # The visit: unannounced, early evening, Jack seen alone, a man nobody knew there.
    page.goto(f"/people/{jack.pk}/visits/new")
    _radio(page, "Kind of visit", "Unannounced")
    page.get_by_label("Date of the visit").fill(f"{yesterday:%d/%m/%Y}")
    page.get_by_label("Time of the visit").fill("18:15")
    page.get_by_label("Where", exact=True).fill("The family home")
    _radio(page, "Was the child seen?", "Yes")
    _radio(page, "Was the child seen alone?", "Yes")
    _radio(page, "Was the child's bedroom seen?", "Yes")
    page.get_by_label("What you saw of the parent and child together").fill(
        "Kerry comforted Jack when he cried.")
    _radio(page, "How did the visit go?", "Completed")
    _radio(page, "Was an adult there who is not known to us?", "Yes")
    page.get_by_label("Who was the adult and who did they seem to be?").fill(
        "A man who said he was Kerry's friend Dean")
    page.get_by_role("button", name="Save the visit").click()
    expect(error_summary(page)).to_have_count(0)

    # The case note, with an opinion and what informed it, marked significant, finalised.
    page.goto(f"/people/{jack.pk}/notes/new")
    page.get_by_label("When it happened").fill(f"{yesterday:%d/%m/%Y} 18:45")
    page.get_by_label("Where", exact=True).fill("The family home")
    page.get_by_label("Who said what").fill("Jack said Dean shouts at his mum at night.")
    page.get_by_label("Opinion (kept apart from the facts)").fill(
        "Jack is frightened of Dean.")
    page.get_by_label("What informed the opinion").fill("Jack whispered and watched the door.")
    page.get_by_label("Significant event (shown in the chronology)").check()
    page.get_by_role("button", name="Save as draft").click()
    page.get_by_role("button", name="Finalise the record").click()
    expect(page.get_by_text("Case note finalised.")).to_be_visible()

    # Find both in the chronology.
    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Chronology").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    events = page.locator("#events")
    expect(events.get_by_text("Jack said Dean shouts at his mum at night.")).to_be_visible()
    expect(events.get_by_text("Unannounced visit at The family home")).to_be_visible()
    expect(events.get_by_text("An adult not known to us was at the visit")).to_be_visible()
    expect(page.locator("#instability")).to_contain_text(
        "Changing and unstable household membership")
    expect(page.locator("svg#timeline circle").first).to_be_attached()
    assert_accessible(page)

    # Filter to the significant records only.
    page.get_by_text("Filter the chronology").click()
    page.get_by_role("checkbox", name="Significant records").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("#events tbody tr")).to_have_count(1)
    assert_accessible(page)

    # A bad date in the filter is named, and the page stays accessible.
    page.get_by_label("From", exact=True).fill("31/02/2026")
    page.get_by_role("button", name="Apply filters").click()
    expect(error_summary(page)).to_contain_text("From must be a real date")
    assert_accessible(page)

    # Export what is shown, as CSV and as PDF.
    page.goto(f"/people/{jack.pk}/chronology")
    with page.expect_download() as csv_download:
        page.get_by_role("link", name="Download CSV").click()
    text = open(csv_download.value.path(), encoding="utf-8").read()
    assert "Jack said Dean shouts at his mum at night." in text
    assert "Adult not known to us seen" in text
    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="Download PDF").click()
    assert open(pdf_download.value.path(), "rb").read(4) == b"%PDF"


def test_sam_adds_a_hand_entry_and_the_form_errors_are_accessible(page, social_worker,
                                                                  fletchers):
    jack = fletchers["jack"]
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}/chronology/new")
    assert_accessible(page)
    page.get_by_role("button", name="Add to the chronology").click()
    expect(error_summary(page)).to_contain_text("Select what kind of event this was")
    assert_accessible(page)
    page.get_by_label("School move or change").check()
    page.get_by_label("Date of the event").fill(
        f"{timezone.localdate() - timedelta(days=30):%d/%m/%Y}")
    page.get_by_label("What happened").fill("Jack moved to Orchard Primary School.")
    page.get_by_label("Which agency the information came from").fill("Orchard Primary School")
    page.get_by_role("button", name="Add to the chronology").click()
    expect(page.locator("#events")).to_contain_text("Jack moved to Orchard Primary School.")
    page.locator("#events").get_by_role(
        "link", name="Jack moved to Orchard Primary School.").click()
    expect(page.get_by_role("heading", name="Correct this entry")).to_be_visible()
    assert_accessible(page)
