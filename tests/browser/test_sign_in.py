"""Signing in and out, in a real browser."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    assert_accessible,
    enter_code,
    error_summary,
    path_of,
    sign_in,
    sign_out_button,
)
from tests.conftest import PASSWORD, authenticator_app

pytestmark = pytest.mark.browser


def test_sam_signs_in_after_a_wrong_password_then_signs_out(page, social_worker, fletchers):
    jack = fletchers["jack"]
    app = authenticator_app(social_worker)
    page.goto("/sign-in")
    expect(page).to_have_title("Sign in – Hearth")
    assert_accessible(page)

    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("not my password")
    page.get_by_role("button", name="Sign in").click()
    expect(error_summary(page)).to_contain_text("Enter a correct username and password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")
    assert_accessible(page)

    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    # Issue 13: the password alone is not enough; the code from Sam's app is asked for.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Enter the code from your authenticator app")
    assert_accessible(page)
    enter_code(page, app)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your work")
    assert path_of(page) == "/"
    expect(sign_out_button(page, social_worker)).to_be_visible()
    expect(page.get_by_role("link", name="Jack Fletcher")).to_be_visible()
    assert_accessible(page)

    sign_out_button(page, social_worker).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")
    assert path_of(page) == "/sign-in"
    expect(page.get_by_text("You have signed out.")).to_be_visible()
    assert_accessible(page)

    # Signed out, Jack's record sends Sam to sign in, and back to the record afterwards.
    page.goto(f"/people/{jack.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")
    assert re.fullmatch(rf"/sign-in\?next=(/|%2F)people(/|%2F){jack.pk}", path_of(page))
    expect(page.get_by_text("Jack Fletcher")).to_have_count(0)
    assert_accessible(page)
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, app)
    expect(page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    assert path_of(page) == f"/people/{jack.pk}"
    assert_accessible(page)


def test_every_named_user_lands_on_their_own_home_page(page, team_manager, front_door,
                                                       administrator, fletchers):
    for user, heading in [(team_manager, "Your team: Family Help North"),
                          (front_door, "Front door"),
                          (administrator, "Administration")]:
        sign_in(page, user)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        sign_out_button(page, user).click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")
