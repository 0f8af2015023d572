"""Sam changes Jack's details; when Tina saved first, Sam's edit is not lost or applied blindly."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, path_of, sign_in, summary_value

pytestmark = pytest.mark.browser


def open_edit_page(page, person):
    page.goto(f"/people/{person.pk}")
    page.get_by_role("link", name="Change details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change details")
    assert_accessible(page)


def test_sam_records_jacks_first_language(page, social_worker, fletchers):
    jack = fletchers["jack"]
    sign_in(page, social_worker)
    page.get_by_role("link", name="Jack Fletcher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    expect(summary_value(page, "Language")).to_have_text("Not recorded")
    assert_accessible(page)

    page.get_by_role("link", name="Change details").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change details")
    expect(page.get_by_label("Given name")).to_have_value("Jack")
    assert_accessible(page)
    page.get_by_label("First language").fill("Polish")
    page.get_by_label("Needs an interpreter").check()
    page.get_by_role("button", name="Save changes").click()

    expect(page.get_by_text("The record was updated.")).to_be_visible()
    assert path_of(page) == f"/people/{jack.pk}"
    expect(summary_value(page, "Language")).to_have_text("Polish – needs an interpreter")
    # Record history in plain words: the person and role, the parts as the page names them.
    expect(page.get_by_role("listitem").filter(
        has_text="Sam Worker (social worker): Changed details (first language, interpreter "
                 "needed)")).to_have_count(1)
    assert_accessible(page)
    jack.refresh_from_db()
    assert (jack.first_language, jack.interpreter_needed) == ("Polish", True)


def test_sams_stale_edit_keeps_his_input_and_tinas_change(new_page, social_worker, team_manager,
                                                          fletchers):
    jack = fletchers["jack"]
    sams_page, tinas_page = new_page(), new_page()
    sign_in(sams_page, social_worker)
    sign_in(tinas_page, team_manager)
    open_edit_page(sams_page, jack)
    open_edit_page(tinas_page, jack)

    # Tina saves first.
    tinas_page.get_by_label("First language").fill("Welsh")
    tinas_page.get_by_role("button", name="Save changes").click()
    expect(summary_value(tinas_page, "Language")).to_have_text("Welsh")

    # Sam, working from the version he opened, saves second.
    sams_page.get_by_label("Literacy needs").fill("Needs letters read aloud")
    with sams_page.expect_response(lambda r: r.request.method == "POST") as saved:
        sams_page.get_by_role("button", name="Save changes").click()
    assert saved.value.status == 409
    conflict = sams_page.get_by_role("heading", name="Someone else changed this record")
    expect(conflict).to_be_visible()
    expect(sams_page).to_have_title("Error: Change Jack Fletcher – Hearth")
    expect(sams_page.get_by_label("Literacy needs")).to_have_value("Needs letters read aloud")
    assert_accessible(sams_page)

    jack.refresh_from_db()
    assert jack.first_language == "Welsh"
    assert jack.literacy_needs == ""
    tinas_page.reload()
    expect(summary_value(tinas_page, "Language")).to_have_text("Welsh")
    expect(summary_value(tinas_page, "Literacy needs")).to_have_text("None recorded")
    assert_accessible(tinas_page)

    # The form now holds Tina's change with Sam's; he checks it and saves again.
    expect(sams_page.get_by_text("They changed: First language.")).to_be_visible()
    expect(sams_page.get_by_label("First language")).to_have_value("Welsh")
    sams_page.get_by_role("button", name="Save changes").click()
    expect(sams_page.get_by_text("The record was updated.")).to_be_visible()
    jack.refresh_from_db()
    assert (jack.first_language, jack.literacy_needs) == ("Welsh", "Needs letters read aloud")
