"""Allocation, caseload, workload, family and assessment pages, each checked with axe-core."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from hearth.casework.models import Involvement
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def visit(page, path: str, heading: str) -> None:
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    assert_accessible(page)


def test_tina_allocates_a_waiting_child_to_sam(page, team_manager, social_worker, fletchers,
                                              north):
    from hearth.people import actions

    lily = actions.do_create_person(acting_user=team_manager, given_name="Lily",
                                    family_name="Shore", date_of_birth=date(2019, 5, 5))
    Involvement.objects.create(person=lily, team=north, status="awaiting_allocation",
                               opened_on=date(2026, 11, 2), referral_date=date(2026, 11, 2))
    sign_in(page, team_manager)
    visit(page, "/teams/allocation", "Allocation")
    expect(page.get_by_text("Lily Shore").first).to_be_visible()
    visit(page, "/teams/workload", "workload")
    visit(page, f"/people/{fletchers['jack'].pk}/family", "family")


def test_sam_starts_jacks_assessment_and_sees_the_gaps(page, social_worker, fletchers):
    sign_in(page, social_worker)
    visit(page, "/caseload", "caseload")
    visit(page, f"/people/{fletchers['jack'].pk}", "Jack Fletcher")
    page.get_by_role("button", name="Start an assessment").click()
    expect(page.get_by_text("Assessment started.")).to_be_visible()
    expect(page.get_by_text("Child and Family Assessment")).to_be_visible()
    expect(page.get_by_text("No contribution yet from")).to_be_visible()  # R-REC-7 gaps
    assert_accessible(page)
    visit(page, "/assessments", "ssessments")
