"""Fran adds a person: likely duplicates are shown first and must be ruled out (R-PPL-2)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from hearth.people.models import Person
from tests.browser.helpers import (
    assert_accessible,
    error_summary,
    path_of,
    sign_in,
    summary_value,
)

pytestmark = pytest.mark.browser


def test_fran_is_shown_the_existing_jack_before_creating_another(page, front_door, fletchers):
    """R-PPL-2: a new person is checked against existing ones before it is created."""
    jack = fletchers["jack"]
    sign_in(page, front_door)
    page.get_by_role("link", name="Add a person").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a person")
    assert_accessible(page)

    page.get_by_label("Given name").fill("Jack")
    page.get_by_label("Family name").fill("Fletcher")
    page.get_by_label("Date of birth", exact=True).fill("14/09/2016")
    page.get_by_role("button", name="Check for existing records and continue").click()

    expect(page.get_by_text("This person may already have a record")).to_be_visible()
    duplicates = page.locator("table#possible-duplicates")
    existing = duplicates.get_by_role("row").filter(
        has=page.get_by_role("link", name="Jack Fletcher"))
    expect(existing).to_have_count(1)
    expect(existing).to_contain_text("14 Sep 2016")
    expect(existing.get_by_role("link")).to_have_attribute("href", f"/people/{jack.pk}")
    # What Fran typed is still there.
    expect(page.get_by_label("Given name")).to_have_value("Jack")
    expect(page.get_by_label("Date of birth", exact=True)).to_have_value("14/09/2016")
    assert Person.objects.filter(given_name="Jack").count() == 1
    assert_accessible(page)

    page.get_by_role("button", name="None of these: create a new record").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    expect(page.get_by_text("Jack Fletcher's record was created.")).to_be_visible()
    new_path = path_of(page)
    assert re.fullmatch(r"/people/[0-9a-f-]{36}", new_path)
    assert new_path != f"/people/{jack.pk}"
    expect(summary_value(page, "Date of birth")).to_have_text("14 September 2016")
    assert Person.objects.filter(given_name="Jack", family_name="Fletcher").count() == 2
    assert_accessible(page)


def test_fran_is_told_which_nhs_number_is_wrong(page, front_door):
    sign_in(page, front_door)
    page.goto("/people/new")
    page.get_by_label("Given name").fill("Mia")
    page.get_by_label("Family name").fill("Okafor")
    page.get_by_label("Date of birth", exact=True).fill("3/2/2020")
    page.get_by_label("NHS number").fill("943 476 5918")  # 943 476 5919 is the valid one
    page.get_by_role("button", name="Check for existing records and continue").click()

    message = "NHS number must be 10 digits with a correct check digit"
    expect(page).to_have_title("Error: Add a person – Hearth")
    expect(error_summary(page).get_by_role("link", name=message)).to_have_attribute(
        "href", "#id_nhs_number")
    nhs_number = page.get_by_label("NHS number")
    expect(nhs_number).to_have_accessible_description(re.compile(rf"Error:\s+{message}"))
    expect(nhs_number).to_have_value("943 476 5918")
    expect(page.get_by_label("Given name")).to_have_value("Mia")
    assert_accessible(page)

    error_summary(page).get_by_role("link", name=message).click()
    expect(nhs_number).to_be_focused()

    nhs_number.fill("943 476 5919")
    page.get_by_role("button", name="Check for existing records and continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mia Okafor")
    expect(summary_value(page, "NHS number")).to_have_text("9434765919")
    assert_accessible(page)
