"""Sam arranges Jack's initial child protection conference from his child protection page;
Chris, the conference chair, records its outcome: Kerry excluded from part of it, with the
reason (R-CP-4), and Jack on a plan that starts on the conference's date (R-CP-2). Chris sees
the plan and its core group page. Every page either of them sees, including those with
mistakes, passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.access.codes import Role
from hearth.protection import models as m
from hearth.protection.codes import S47Outcome
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value
from tests.conftest import make_user

pytestmark = pytest.mark.browser

REASON = "Sharing the police update with Kerry could prejudice the criminal investigation."


def _enquiry_needing_an_icpc(jack, social_worker):
    held_on = timezone.localdate() - timedelta(days=7)
    discussion = m.StrategyDiscussion.objects.create(
        person=jack, origin="open_case", held_on=held_on,
        information_shared="School saw bruising; police hold a callout from October.",
        decision="s47_joint", decision_reasons="Reasonable cause to suspect significant harm.",
        recorded_by=social_worker, recorded_at=timezone.now())
    discussion.participants.create(name="DC Pat Officer", agency="Hampshire Police",
                                   role="Investigator", agency_kind="police")
    return m.Section47Enquiry.objects.create(
        strategy=discussion, person=jack, joint=True, started_on=held_on,
        icpc_due=calendar.icpc_due(held_on).date(), outcome=S47Outcome.SUBSTANTIATED_ICPC,
        outcome_on=timezone.localdate(), outcome_by=social_worker)


def test_chris_records_an_icpc_with_kerry_excluded_from_part_and_a_plan_starts(
        new_page, social_worker, fletchers):
    jack = fletchers["jack"]
    chris = make_user("chris", Role.CONFERENCE_CHAIR, first="Chris", last="Chair")
    _enquiry_needing_an_icpc(jack, social_worker)
    today = timezone.localdate()

    sam = new_page()
    sign_in(sam, social_worker)
    sam.goto(f"/people/{jack.pk}/protection")
    assert_accessible(sam)
    sam.get_by_role("link", name="Arrange the initial child protection conference").first.click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(
        "Arrange the initial child protection conference")
    expect(sam.get_by_label("Agency").first).to_have_value("Hampshire Police")
    assert_accessible(sam)
    sam.get_by_role("button", name="Arrange the conference").click()
    expect(error_summary(sam)).to_contain_text("Enter the date of the conference")
    expect(error_summary(sam)).to_contain_text("Select the conference chair, or enter their name")
    assert_accessible(sam)
    sam.get_by_label("Date of the conference").fill(f"{today:%d/%m/%Y}")
    sam.get_by_label("Chair", exact=True).select_option(label="Chris Chair")
    sam.get_by_role("button", name="Arrange the conference").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(
        f"Initial child protection conference, {today:%-d %B %Y}")
    expect(summary_value(sam, "Chair")).to_have_text("Chris Chair")
    assert_accessible(sam)

    chris_page = new_page()
    sign_in(chris_page, chris)
    chris_page.goto(f"/people/{jack.pk}/protection")
    chris_page.get_by_role("link", name=f"{today:%-d %B %Y} initial child protection "
                                        "conference").click()
    chris_page.get_by_role("link", name="Record the outcome").click()
    expect(chris_page.get_by_role("heading", level=1)).to_have_text(
        "Record the outcome of the initial child protection conference")
    assert_accessible(chris_page)

    chris_page.get_by_label("Attendance").select_option(label="Attended")
    chris_page.get_by_label("Report submitted").check()
    kerry = chris_page.get_by_role("group", name="Family member 1")
    expect(kerry.get_by_label("Who", exact=True)).to_have_value(str(fletchers["mum"].pk))
    kerry.get_by_label("Excluded from part of the conference", exact=True).check()
    kerry.get_by_label("Which part they were excluded from").fill(
        "The police update on the criminal investigation")
    chris_page.get_by_label("The child is to be subject to a child protection plan").check()
    chris_page.get_by_label("Category of abuse").select_option(label="Physical abuse")
    chris_page.get_by_label("Minutes").fill("Jack's account, the injury and the October "
                                            "callout were discussed.")
    chris_page.get_by_label("Outline child protection plan").fill(
        "Dean not to have unsupervised contact; weekly visits; school to monitor.")
    chris_page.get_by_role("button", name="Save the outcome").click()
    expect(error_summary(chris_page)).to_contain_text(
        "Enter why Kerry Fletcher was excluded: the reason must always be recorded")
    assert_accessible(chris_page)
    assert not m.Conference.objects.get().held

    kerry = chris_page.get_by_role("group", name="Family member 1")
    kerry.get_by_label("Why they were excluded").fill(REASON)
    chris_page.get_by_role("button", name="Save the outcome").click()
    expect(chris_page.get_by_text("Conference outcome recorded. The child protection plan has "
                                  "started.")).to_be_visible()
    expect(chris_page.get_by_role("heading", level=1)).to_have_text(
        f"Child protection plan from {today:%-d %B %Y}")
    expect(summary_value(chris_page, "Initial category")).to_have_text("Physical abuse")
    expect(summary_value(chris_page, "Lead social worker")).to_have_text("Sam Worker")
    due = calendar.core_group_due(today).date()
    expect(summary_value(chris_page, "First core group due by")).to_contain_text(
        f"{due:%-d %B %Y}")
    assert_accessible(chris_page)

    chris_page.get_by_role("link", name="initial child protection conference").click()
    expect(chris_page.locator("#family")).to_contain_text("Excluded from part of the conference")
    expect(chris_page.locator("#family")).to_contain_text(REASON)
    assert_accessible(chris_page)
    chris_page.get_by_role("link", name="The child protection plan this conference started").click()
    chris_page.get_by_role("link", name="Core group page to share and print").click()
    expect(chris_page.get_by_role("heading", level=1)).to_have_text("Jack Fletcher's core group")
    expect(chris_page.get_by_role("button", name="Print this page")).to_be_visible()
    assert_accessible(chris_page)

    plan = m.CPPlan.objects.get()
    member = plan.core_group.create(name="Ms Amira Shah", agency="Northam Primary School",
                                    role="Class teacher", tasks="Report absences the same day.",
                                    added_by=social_worker, added_at=timezone.now())
    for path, heading in [(f"/people/{jack.pk}/conferences/new", "Arrange a conference"),
                          (f"/people/{jack.pk}/conferences/new?kind=roth",
                           "You cannot arrange this risk outside the home conference (ROTH)"),
                          (f"/core-group-members/{member.pk}",
                           "Ms Amira Shah, Northam Primary School"),
                          (f"/cp-plans/{plan.pk}/core-group/new", "Add a core group member"),
                          (f"/cp-plans/{plan.pk}/core-group/meetings/new",
                           "Record a core group meeting"),
                          (f"/cp-plans/{plan.pk}/end", "End the child protection plan")]:
        sam.goto(path)
        expect(sam.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(sam)
