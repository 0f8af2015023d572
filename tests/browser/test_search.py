"""Fran, at the front door, looks for existing records before recording anything."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import assert_accessible, error_summary, path_of, sign_in

pytestmark = pytest.mark.browser


def test_fran_finds_jack_by_a_misspelt_name_and_his_date_of_birth(page, front_door, fletchers):
    """R-FD-3 and R-PPL-2: a phonetic variant of the name finds Jack, with why it matched."""
    jack = fletchers["jack"]
    sign_in(page, front_door)
    page.get_by_role("link", name="Find a person").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    assert_accessible(page)

    page.get_by_label("Name").fill("Jak Fletcher")
    page.get_by_label("Date of birth").fill("14/09/2016")
    with page.expect_response(lambda r: r.url.endswith("/people/search")) as searched:
        page.get_by_role("button", name="Search").click()
    request = searched.value.request
    assert request.method == "POST"
    assert "Jak" in (request.post_data or "")

    results = page.get_by_role("table", name="result")
    row = results.get_by_role("row").filter(has=page.get_by_role("link", name="Jack Fletcher"))
    expect(row).to_have_count(1)
    expect(row).to_contain_text("14 Sep 2016")
    expect(row.locator(".hearth-reasons li").first).not_to_be_empty()
    assert_accessible(page)
    # Names and dates never appear in addresses (they end up in logs and browser history).
    assert path_of(page) == "/people/search"

    row.get_by_role("link", name="Jack Fletcher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    assert path_of(page) == f"/people/{jack.pk}"
    expect(page.get_by_role("link", name="Kerry Fletcher")).to_be_visible()
    assert_accessible(page)


def test_an_empty_search_says_what_to_enter(page, front_door):
    sign_in(page, front_door)
    page.goto("/people/search")
    page.get_by_role("button", name="Search").click()

    summary = error_summary(page)
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    problem = summary.get_by_role("link", name="Enter a name, a date of birth or a postcode")
    expect(problem).to_be_visible()
    expect(page).to_have_title("Error: Find a person – Hearth")
    # As in the GOV.UK pattern, the message links to the first field to fill in.
    assert problem.get_attribute("href") == "#id_name"
    problem.click()
    expect(page.get_by_label("Name")).to_be_focused()
    expect(page.get_by_role("heading", name="result")).to_have_count(0)
    assert_accessible(page)


def test_without_htmx_the_search_is_still_a_plain_post(page, front_door, fletchers):
    """Progressive enhancement: if htmx fails to load, the form posts and the page reloads."""
    page.route("**/htmx.min.js", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body="/* htmx did not load */"))
    sign_in(page, front_door)
    page.goto("/people/search")
    page.get_by_label("Name").fill("Jak Fletcher")
    page.get_by_label("Date of birth").fill("14/09/2016")
    with page.expect_response(lambda r: r.request.resource_type == "document") as searched:
        page.get_by_role("button", name="Search").click()
    assert searched.value.request.method == "POST"
    assert "hx-request" not in searched.value.request.headers  # Playwright lower-cases names
    expect(page.get_by_role("table", name="result").get_by_role(
        "link", name="Jack Fletcher")).to_be_visible()
    assert path_of(page) == "/people/search"
    assert_accessible(page)
