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


def test_tinas_team_casework_pages(page, team_manager, fletchers):
    """Reallocating, co-allocating a secondary worker (R-SVC-1) and ending their work."""
    from datetime import date

    from hearth.access.codes import Role
    from hearth.access.models import Team
    from hearth.casework.models import InvolvementWorker
    from tests.conftest import make_user

    bridges = Team.objects.create(name="Building Bridges", service="building_bridges")
    bob = make_user("bob", Role.FAMILY_PRACTITIONER, team=bridges, first="Bob", last="Bridges")
    jack = fletchers["jack"].involvements.get()
    link = InvolvementWorker.objects.create(involvement=jack, worker=bob, role="building_bridges",
                                            start_date=date(2026, 11, 2))
    sign_in(page, team_manager)
    visit(page, f"/people/{fletchers['jack'].pk}/family", "family")
    visit(page, f"/involvements/{jack.pk}/reallocate", "Reallocate Jack Fletcher")
    page.get_by_role("button", name="Reallocate").click()  # empty: shows the errors
    expect(page.get_by_text("Choose a worker to reallocate to").first).to_be_visible()
    assert_accessible(page)
    visit(page, f"/involvements/{jack.pk}/secondary-workers/new", "Add a secondary worker")
    page.get_by_label("Start date").fill("1/1/2020")
    page.get_by_role("button", name="Add the secondary worker").click()
    expect(page.get_by_text("Choose the secondary worker's role").first).to_be_visible()
    assert_accessible(page)
    visit(page, f"/secondary-workers/{link.pk}/end", "End Bob Bridges")
    page.get_by_label("End date").fill("1/11/2026")
    page.get_by_role("button", name="End their work on the case").click()
    expect(page.get_by_text("The end date cannot be before the start date").first) \
        .to_be_visible()
    assert_accessible(page)


def test_sams_summary_for_kerry_pages(page, social_worker, fletchers):
    """R-REC-8/9: the parent summary pages, with their errors; the summary prints alone."""
    from datetime import timedelta

    from django.utils import timezone

    kerry, jack = fletchers["mum"], fletchers["jack"]
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Write a summary for a parent").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Summaries for parents")
    assert_accessible(page)
    page.get_by_role("link", name="Write a summary for Kerry Fletcher about Jack").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Write a summary for Kerry")
    assert_accessible(page)
    page.get_by_role("button", name="Save the summary").click()  # empty: shows the errors
    expect(page.get_by_text("Enter why you met").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Why we met").fill("To see how Jack is getting on at home.")
    page.get_by_label("What we did").fill("We talked about school.")
    page.locator("#id_action_1_who").fill("Kerry")
    page.locator("#id_action_1_what").fill("Take Jack to school every day.")
    by_when = timezone.localdate() + timedelta(days=7)
    page.locator("#id_action_1_by_when").fill(by_when.strftime("%d/%m/%Y"))
    page.get_by_label("Printed copy handed over").check()
    page.get_by_role("button", name="Save the summary").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("What we talked about")
    expect(page.get_by_text("You can ask to see these records.")).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".govuk-header")).to_be_hidden()
    expect(page.locator("#about-summary")).to_be_hidden()
    expect(page.get_by_text("Take Jack to school every day.")).to_be_visible()
    page.emulate_media(media="screen")
    visit(page, f"/people/{kerry.pk}/summaries", "Summaries for parents")
