"""Issue 15, the child at a glance: after Jack's ICPC, Sam sees on Jack's page and his
chronology that he is on a child protection plan since the conference, in the category of
neglect, allocated to her, with the next thing due; she follows the header to the plan and
reads its outline. Amy's restricted record says so. Every page passes axe-core."""

from __future__ import annotations

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from playwright.sync_api import expect

from hearth import calendar
from hearth.people import actions as people
from hearth.protection import models as m
from hearth.protection.codes import ConferenceDecision, ConferenceKind, StrategyDecision
from hearth.protection.rules.pathway import plan_dates
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser

OUTLINE = "Kerry keeps Jack away from the man who hurt him."


def _plan(jack, sam):
    icpc_on = calendar.add_working_days(timezone.localdate(), -1)
    held_on = calendar.add_working_days(icpc_on, -10)
    discussion = m.StrategyDiscussion.objects.create(
        person=jack, origin="open_case", held_on=held_on, information_shared="Bruising.",
        decision=StrategyDecision.S47_JOINT, decision_reasons="Reasonable cause.",
        recorded_by=sam, recorded_at=timezone.now())
    enquiry = m.Section47Enquiry.objects.create(
        strategy=discussion, person=jack, joint=True, started_on=held_on,
        icpc_due=calendar.icpc_due(held_on).date())
    conference = m.Conference.objects.create(
        person=jack, kind=ConferenceKind.ICPC, enquiry=enquiry, held_on=icpc_on,
        chair_name="Chris Chair", held=True, decision=ConferenceDecision.PLAN, category="NEG",
        minutes="Minutes", outline_plan=OUTLINE, arranged_by=sam, arranged_at=timezone.now(),
        recorded_by=sam, recorded_at=timezone.now())
    dates = plan_dates(icpc_on)
    return m.CPPlan.objects.create(
        person=jack, conference=conference, start_on=icpc_on, initial_category="NEG",
        latest_category="NEG", lead_social_worker=sam,
        first_core_group_due=dates.first_core_group_due,
        next_review_due=dates.first_review_due, created_by=sam, created_at=timezone.now())


def test_sam_sees_jacks_plan_at_a_glance_and_follows_it_to_the_outline(
        new_page, social_worker, fletchers):
    jack, amy = fletchers["jack"], fletchers["amy"]
    plan = _plan(jack, social_worker)
    people.do_set_restricted(amy, acting_user=social_worker, restricted=True,
                             reason="Amy's father must not learn where she lives.")
    since = date_format(plan.start_on, "j F Y")

    sam = new_page()
    sign_in(sam, social_worker)
    sam.goto(f"/people/{jack.pk}")
    header = sam.locator("#child-header")
    expect(header.get_by_role("heading", level=1)).to_have_text("Jack Fletcher")
    expect(sam.locator("#status-cp_plan")).to_contain_text(
        f"Child protection plan since {since}, category Neglect")
    expect(sam.locator("#child-allocation")).to_contain_text("Family Help North")
    expect(sam.locator("#child-next-due")).to_contain_text("First core group meeting")
    expect(sam.locator("#current-plan-summary")).to_contain_text("category Neglect")
    expect(sam.locator("#outline-plan")).to_contain_text(OUTLINE)
    expect(sam.get_by_role("navigation", name="Actions")).to_contain_text("Plan and protect")
    assert_accessible(sam)

    sam.get_by_role("navigation", name="Actions").get_by_role("link", name="Chronology").click()
    expect(sam.locator("#status-cp_plan")).to_contain_text(
        f"Child protection plan since {since}, category Neglect")
    assert_accessible(sam)

    sam.locator("#status-cp_plan").get_by_role("link").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(f"Child protection plan from {since}")
    expect(sam.locator("#outline-plan")).to_contain_text(OUTLINE)
    assert_accessible(sam)

    sam.goto(f"/people/{amy.pk}")
    expect(sam.locator("#status-restricted")).to_contain_text("Restricted record")
    assert_accessible(sam)
