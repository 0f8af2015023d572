"""The pages the other stories do not reach, each checked with axe-core: every page passes."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from hearth.people import actions
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def visit(page, path: str, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_accessible(page)


def test_sams_record_keeping_pages(page, social_worker, fletchers):
    jack = fletchers["jack"]
    sign_in(page, social_worker)
    visit(page, f"/people/{jack.pk}/addresses/new", "Add an address")
    page.get_by_role("button", name="Add address").click()  # empty: shows the errors
    expect(page.get_by_text("Enter address line 1").first).to_be_visible()
    assert_accessible(page)
    visit(page, f"/people/{jack.pk}/names/new", "Add an alias or previous name")
    visit(page, f"/people/{jack.pk}/relationships/new", "Add a relationship")
    page.get_by_label("Name").fill("Kerry Fletcher")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="Who are they to Jack?")).to_be_visible()
    assert_accessible(page)
    visit(page, f"/people/{jack.pk}/household", "Record a household change")
    page.get_by_role("button", name="Record the move").click()
    expect(page.get_by_text("Select a household").first).to_be_visible()
    assert_accessible(page)
    visit(page, "/notifications", "Notifications")
    visit(page, f"/people/{uuid.uuid4()}", "Page not found")


def test_tinas_restriction_page(page, team_manager, fletchers):
    sign_in(page, team_manager)
    visit(page, f"/people/{fletchers['jack'].pk}/restriction", "Who may see this record")
    page.get_by_label("Only named people may see this record").check()
    page.get_by_label("Reason").fill("Jack's mother has joined the fostering team")
    page.get_by_role("button", name="Save restriction").click()
    expect(page.get_by_role("heading", name="Named people")).to_be_visible()
    assert_accessible(page)


def test_adas_administration_pages(page, administrator, social_worker, fletchers):
    dup = actions.do_create_person(acting_user=social_worker, given_name="Jak",
                                   family_name="Fletcher")
    merge = actions.do_merge(fletchers["jack"], dup, acting_user=social_worker, reason="same")
    sign_in(page, administrator)
    visit(page, "/admin/teams", "Teams")
    visit(page, "/admin/merges", "Merged records")
    visit(page, f"/admin/merges/{merge.pk}/reverse", "Reverse merge")
    visit(page, f"/admin/users/{social_worker.pk}", "Change sam")
    visit(page, f"/people/{fletchers['jack'].pk}", "You do not have permission")
