"""Sam finds that "Jak Fletcher" is Jack, and merges the duplicate into Jack's record."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from hearth.casework.models import Involvement
from hearth.people import actions
from tests.browser.helpers import assert_accessible, error_summary, path_of, sign_in, summary_value

pytestmark = pytest.mark.browser


@pytest.fixture
def jaks_record(front_door, north, fletchers):
    """A duplicate the front door made for a new referral, since passed to Sam's team."""
    jak = actions.do_create_person(acting_user=front_door, given_name="Jak", family_name="Fletcher",
                                   date_of_birth=date(2016, 9, 14), sex="M", ethnicity="WBRI")
    actions.do_add_address(jak, acting_user=front_door, line1="12 Acacia Avenue",
                           town="Southampton", postcode="SO16 4GX", start_date=date(2026, 6, 1))
    Involvement.objects.create(person=jak, team=north, worker=None, opened_on=date(2026, 11, 2))
    return jak


def test_sam_merges_the_duplicate_jak_into_jack(page, social_worker, fletchers, jaks_record):
    jack, jak = fletchers["jack"], jaks_record
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    expect(summary_value(page, "Other names")).to_have_text("None recorded")
    page.get_by_role("link", name="Merge a duplicate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merge a duplicate into this record")
    assert_accessible(page)

    # Sam asks to merge without choosing a record or saying why.
    page.get_by_role("button", name="Merge records").click()
    expect(page).to_have_title("Error: Merge records – Hearth")
    problems = error_summary(page).get_by_role("link")
    expect(problems).to_have_text(["Select the duplicate record", "Enter how you know"])
    assert_accessible(page)

    page.get_by_role("radio", name="Jak Fletcher, born 14 Sep 2016").check()
    page.get_by_label("How do you know they are the same person?").fill(
        "Same date of birth and mother; the school confirmed Jack moved to Acacia Avenue.")
    page.get_by_role("button", name="Merge records").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    assert path_of(page) == f"/people/{jack.pk}"
    merged = page.get_by_text("The records were merged into Jack Fletcher's (merge ")
    expect(merged).to_be_visible()
    expect(merged).to_contain_text("give this reference to reverse it")
    expect(summary_value(page, "Other names")).to_contain_text("Jak Fletcher (alias")
    expect(page.get_by_role("cell", name="12 Acacia Avenue, Southampton, SO16 4GX")).to_be_visible()
    assert_accessible(page)

    assert page.goto(f"/people/{jak.pk}").status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(page.get_by_text("Jak Fletcher")).to_have_count(0)
    assert_accessible(page)
