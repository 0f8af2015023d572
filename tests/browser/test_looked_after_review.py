"""Ivy, Jack's Independent Reviewing Officer, holds his first review within 20 working days of
his becoming looked after (R-CLA-3; the period of care is made in the fixture): her home page
lists the first review as due; she opens it from there, saves it empty (the error summary names
the fields), then records the date, Jack's participation code (PN1) and the decisions. Jack's
care page and her list no longer show the first review as due, but the second. Tina, Sam's
manager, reads the statutory-visits list. Every page passes axe-core."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.looked_after.models import Review
from tests.browser.helpers import assert_accessible, error_summary, sign_in
from tests.conftest import make_user
from tests.looked_after.care import DAYS_IN_CARE, days_ago, put_in_care

pytestmark = pytest.mark.browser

FIRST = "First review of the child looked after"


@pytest.fixture
def ivy(db):
    return make_user("ivy", Role.IRO, first="Ivy", last="Reviewer")


@pytest.fixture
def jack_looked_after(fletchers, social_worker, ivy):
    return put_in_care(fletchers["jack"], by=social_worker, started_on=days_ago(DAYS_IN_CARE),
                       iro=ivy)


def test_ivy_records_jacks_first_review_within_20_working_days(new_page, ivy, team_manager,
                                                               jack_looked_after):
    iro = ivy
    ivy = new_page()
    sign_in(ivy, iro)
    ivy.get_by_role("link", name=f"{FIRST} for Jack Fletcher").click()
    expect(ivy.get_by_role("heading", level=1)).to_have_text("Record the first review")
    assert_accessible(ivy)
    ivy.get_by_role("button", name="Save the review").click()
    expect(error_summary(ivy)).to_contain_text("Enter the date of the review")
    expect(error_summary(ivy)).to_contain_text("Enter the decisions of the review")
    assert_accessible(ivy)
    ivy.get_by_label("Date of the review").fill(days_ago(1).strftime("%d/%m/%Y"))
    ivy.get_by_label("Attends and speaks for self").check()
    ivy.get_by_label("Decisions of the review").fill(
        "Jack stays with Mrs Patel; contact with his mother each Saturday.")
    ivy.get_by_label("The IRO's view").fill("The care plan meets Jack's needs.")
    ivy.get_by_role("button", name="Save the review").click()
    expect(ivy.get_by_text("Review recorded.")).to_be_visible()
    expect(ivy.get_by_text("PN1: Attends and speaks for self")).to_be_visible()
    assert_accessible(ivy)
    assert Review.objects.get().held_on == days_ago(1)
    ivy.get_by_role("link", name="Back to Jack Fletcher's care").click()
    expect(ivy.locator("#next-review")).to_contain_text("Second review")
    assert_accessible(ivy)
    ivy.goto("/")
    expect(ivy.get_by_role("link", name=f"{FIRST} for Jack Fletcher")).to_have_count(0)
    expect(ivy.get_by_role("link", name="Second review of the child looked after for "
                                        "Jack Fletcher")).to_be_visible()
    tina = new_page()
    sign_in(tina, team_manager)
    tina.goto("/looked-after/visits")
    expect(tina.locator("#visits")).to_contain_text("Jack Fletcher")
    assert_accessible(tina)
