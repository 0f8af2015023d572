"""Sam issues himself a read-only API token for the team's spreadsheet, copies it, and revokes
it when the spreadsheet is retired (issue 13: tokens are scoped, expiring, revocable)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hearth.access.actions.users import user_for_token
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def test_sam_issues_and_revokes_a_read_only_token(page, social_worker):
    sign_in(page, social_worker)
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    assert_accessible(page)

    page.get_by_role("button", name="Issue token").click()  # nothing chosen: the errors
    expect(error_summary(page)).to_contain_text("Say what the token is for")
    expect(error_summary(page)).to_contain_text("Choose what the token may do")
    assert_accessible(page)

    page.get_by_label("What is the token for?").fill("Team spreadsheet")
    page.get_by_label("Read only").check()
    page.get_by_label("Expires after").select_option("30")
    page.get_by_role("button", name="Issue token").click()
    token = page.locator("#new-token").inner_text()
    assert token.startswith("hth_") and user_for_token(token) == social_worker
    row = page.get_by_role("row").filter(has_text="Team spreadsheet")
    expect(row).to_contain_text("Read only")
    expect(row).to_contain_text("Active")
    assert_accessible(page)

    row.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("revoked: it no longer works")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Team spreadsheet")).to_contain_text("Revoked")
    assert user_for_token(token) is None
    expect(page.locator("#new-token")).to_have_count(0)
