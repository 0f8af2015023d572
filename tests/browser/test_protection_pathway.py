"""From a strategy discussion to a child protection plan, in the browser (R-CP-1, R-CP-2):
Sam records the strategy discussion about Jack with the police and the school, which starts a
joint Section 47 enquiry with its ICPC due date; after the two-worker visit he records that the
concerns are substantiated and arranges the initial conference; Chris the chair records its
outcome, and Jack's plan shows its category, lead social worker and the dates the core group and
the review are due. Every page passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.access.codes import Role
from hearth.protection.actions import strategy as actions_strategy
from hearth.protection.codes import WorkerKind
from hearth.protection.models import CPPlan, Section47Enquiry
from hearth.protection.rules.pathway import plan_dates
from tests.browser.helpers import assert_accessible, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def test_from_sams_strategy_discussion_to_jacks_plan(new_page, social_worker, fletchers):
    page = new_page()
    jack = fletchers["jack"]
    chair = make_user("chris", Role.CONFERENCE_CHAIR, first="Chris", last="Chair")
    today = timezone.localdate()
    held = today - timedelta(days=7)

    # Sam records the strategy discussion from Jack's child protection page.
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Child protection: strategy discussions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Child protection")
    page.get_by_role("link", name="Record a strategy discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a strategy discussion")
    assert_accessible(page)
    page.get_by_label("Date of the discussion").fill(f"{held:%d/%m/%Y}")
    rows = [("Sam Worker", "Children's services", "Children's social care", "Social worker"),
            ("DC Pat Officer", "Hampshire Police", "Police", "Investigator"),
            ("Ms Amira Shah", "Northam Primary School", "Education", "DSL")]
    for n, (name, agency, kind, role) in enumerate(rows, start=1):
        row = page.get_by_role("group", name=f"Participant {n}", exact=True)
        row.get_by_label("Name").fill(name)
        row.get_by_label("Agency", exact=True).fill(agency)
        row.get_by_label("Kind of agency").select_option(label=kind)
        row.get_by_label("Role").fill(role)
    page.get_by_label("Information shared").fill(
        "Police: a domestic abuse callout in October. School: a bruise on Jack's cheek.")
    page.get_by_label("Section 47 enquiry jointly with the police").check()
    page.get_by_label("Reasons for the decision").fill("Jack's account and the injury.")
    action = page.get_by_role("group", name="Action 1", exact=True)
    action.get_by_label("Action", exact=True).fill("Visit Jack at school with DC Officer")
    action.get_by_label("Owner", exact=True).fill("Sam Worker")
    page.get_by_role("button", name="Save the strategy discussion").click()
    expect(page.get_by_text("Strategy discussion recorded", exact=False).first).to_be_visible()
    assert_accessible(page)

    enquiry = Section47Enquiry.objects.get(person=jack)
    assert enquiry.joint and enquiry.started_on == held
    assert enquiry.icpc_due == calendar.icpc_due(held).date()  # R-CP-1
    # The two-worker visit (its own browser story is in test_protection_s47.py).
    actions_strategy.do_record_s47_visit(
        enquiry, acting_user=social_worker, visited_at=timezone.now() - timedelta(days=6),
        place="Northam Primary School", child_seen=True, child_seen_alone=True,
        notes="Jack said Dean hit him.",
        workers=[{"kind": WorkerKind.SOCIAL_WORKER, "user": social_worker},
                 {"kind": WorkerKind.POLICE, "name": "DC Pat Officer",
                  "agency": "Hampshire Police"}])

    # The concerns are substantiated: Sam records the outcome and arranges the ICPC.
    page.goto(f"/s47-enquiries/{enquiry.pk}")
    expect(page.get_by_text(f"{enquiry.icpc_due:%-d %B %Y}").first).to_be_visible()
    page.get_by_role("link", name="Record the outcome").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Outcome of the Section 47 enquiry")
    page.get_by_label("Concerns substantiated: ICPC needed").check()
    page.get_by_label("Date of the outcome").fill(f"{today - timedelta(days=2):%d/%m/%Y}")
    page.get_by_role("button", name="Save the outcome").click()
    page.get_by_role("link", name="Arrange the initial child protection conference").click()
    assert_accessible(page)
    page.get_by_label("Date of the conference").fill(f"{today:%d/%m/%Y}")
    page.get_by_label("Chair", exact=True).select_option(label="Chris Chair")
    invitee = page.get_by_role("group", name="Invitee 1", exact=True)
    invitee.get_by_label("Name").fill("DC Pat Officer")
    invitee.get_by_label("Agency").fill("Hampshire Police")
    invitee.get_by_label("Role").fill("Police")
    page.get_by_role("button", name="Arrange the conference").click()
    expect(page).to_have_url(re.compile(r"/conferences/\d+$"))
    conference_url = page.url
    assert_accessible(page)

    # Chris chairs it and records the decision: Jack is to be on a plan.
    chris = new_page()
    sign_in(chris, chair)
    chris.goto(conference_url)
    chris.get_by_role("link", name="Record the outcome").click()
    assert_accessible(chris)
    chris.get_by_label("Date it was held").fill(f"{today:%d/%m/%Y}")
    # The invitees came from the strategy discussion's agencies; Kerry is listed as family.
    attendance = chris.get_by_label("Attendance")
    for n in range(attendance.count()):
        attendance.nth(n).select_option(label="Attended")
    chris.get_by_role("group", name="Family member 1").get_by_label(
        "Took part in the whole conference").check()
    chris.get_by_label("The child is to be subject to a child protection plan").check()
    chris.get_by_label("Category of abuse").select_option(label="Physical abuse")
    chris.get_by_label("Lead social worker").select_option(label="Sam Worker")
    chris.get_by_label("Minutes").fill("The injury and Jack's account were discussed.")
    chris.get_by_label("Outline child protection plan").fill(
        "Dean not to have unsupervised contact; weekly visits; school to monitor.")
    chris.get_by_role("button", name="Save the outcome").click()
    expect(chris.get_by_role("heading", level=1)).to_have_text(
        f"Child protection plan from {today:%-d %B %Y}")
    dates = plan_dates(today)
    expect(chris.get_by_text(f"{dates.first_core_group_due:%-d %B %Y}").first).to_be_visible()
    expect(chris.get_by_text(f"{dates.first_review_due:%-d %B %Y}").first).to_be_visible()
    expect(chris.get_by_text("Physical abuse").first).to_be_visible()
    assert_accessible(chris)

    plan = CPPlan.objects.get(person=jack, end_on__isnull=True)
    assert (plan.start_on, plan.initial_category, plan.lead_social_worker) == (
        today, "PHY", social_worker)
