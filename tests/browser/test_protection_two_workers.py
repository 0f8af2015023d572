"""Tina, a team manager, finds the Fletchers on the two-worker report, records her decision
(R-TWO-2, R-TWO-3) — first without reasons, which is refused — and sees the family leave the
list of families needing one; then she reads her child protection dashboard. Every page is
checked with axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.engagement.models import EngagementEvent
from hearth.protection import models as m
from hearth.protection.actions.twoworkers import do_record_complex_needs
from hearth.protection.models import TwoWorkerDecision
from hearth.protection.rules.pathway import plan_dates
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def overdue_icpc_and_plan(child, by):
    """An enquiry whose ICPC is overdue, and a plan whose review and first core group are."""
    today = timezone.localdate()
    made = []
    for held_on in (today - timedelta(days=40), today - timedelta(days=120)):
        discussion = m.StrategyDiscussion.objects.create(
            person=child, origin="open_case", held_on=held_on, information_shared="Bruising",
            decision="s47_single", decision_reasons="Reasonable cause", recorded_by=by,
            recorded_at=timezone.now())
        made.append(m.Section47Enquiry.objects.create(
            strategy=discussion, person=child, joint=False, started_on=held_on,
            icpc_due=calendar.icpc_due(held_on).date()))
    icpc_on = today - timedelta(days=100)
    conference = m.Conference.objects.create(
        person=child, kind="icpc", enquiry=made[1], held_on=icpc_on, chair_name="Chris Chair",
        held=True, decision="plan", category="NEG", arranged_by=by, arranged_at=timezone.now())
    dates = plan_dates(icpc_on)
    m.CPPlan.objects.create(
        person=child, conference=conference, start_on=icpc_on, initial_category="NEG",
        latest_category="NEG", lead_social_worker=by,
        first_core_group_due=dates.first_core_group_due, next_review_due=dates.first_review_due,
        created_by=by, created_at=timezone.now())


def test_tina_records_the_two_worker_decision_for_the_fletchers(page, team_manager,
                                                                social_worker, fletchers):
    do_record_complex_needs(fletchers["amy"], acting_user=social_worker,
                            description="Kerry has a learning disability; Amy is deaf.")
    EngagementEvent.objects.create(
        person=fletchers["mum"], kind="hostility", occurred_at=timezone.now(),
        agency="Children's services", form="confrontation", behaviours=["shouting"],
        by_whom="Kerry Fletcher", account="Kerry shouted at Sam on the doorstep.",
        recorded_by=social_worker, recorded_at=timezone.now())
    overdue_icpc_and_plan(fletchers["jack"], social_worker)
    sign_in(page, team_manager)

    page.goto("/two-worker-report")
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-worker decisions")
    expect(page.get_by_text("1 family needs a two-worker decision")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(
        "^Record the decision for the family of Jack Fletcher and Amy Fletcher")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Two workers for the family")
    expect(page.get_by_text("Two-worker decision needed")).to_be_visible()
    expect(page.get_by_text("The family has complex needs").first).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Yes, two workers are allocated").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(error_summary(page)).to_be_visible()
    expect(error_summary(page).get_by_role(
        "link", name="Enter the reasons for the decision")).to_be_visible()
    assert_accessible(page)
    assert not TwoWorkerDecision.objects.exists()

    page.get_by_label("Reasons for the decision").fill(
        "Kerry's hostility and the family's complex needs: Sam visits with a second worker.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded: two workers are allocated.")).to_be_visible()
    expect(page.get_by_text("Two workers are allocated", exact=True)).to_be_visible()
    expect(page.get_by_text("Two-worker decision needed")).to_have_count(0)
    assert_accessible(page)
    decision = TwoWorkerDecision.objects.get()
    assert decision.decided_by == team_manager and decision.decided_on == timezone.localdate()

    page.goto("/two-worker-report")
    expect(page.get_by_text("No family needs a two-worker decision.")).to_be_visible()
    expect(page.get_by_text("Sam visits with a second worker.")).to_be_visible()
    assert_accessible(page)

    page.goto("/child-protection")
    expect(page.get_by_role("heading", level=1)).to_have_text("Child protection dashboard")
    expect(page.locator("#icpcs-table").get_by_text("Overdue")).to_be_visible()
    expect(page.locator("#core-groups-table").get_by_role(
        "link", name="Jack Fletcher", exact=True)).to_be_visible()
    assert_accessible(page)
