"""Sam records a Section 47 visit to Jack on a joint enquiry: first with only himself as a
worker, and the page refuses it, saying a second worker is needed; then with DC Pat Officer,
and the visit shows on the enquiry page with both workers named with their kind (R-TWO-1).
Every page Sam sees, including the one with the error, passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.protection import actions_strategy as actions
from hearth.protection.codes import StrategyDecision
from hearth.protection.models import S47Visit
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value

pytestmark = pytest.mark.browser


def test_sam_records_a_section_47_visit_with_two_workers(page, social_worker, fletchers):
    jack = fletchers["jack"]
    today = timezone.localdate()
    actions.do_record_strategy_discussion(
        jack, acting_user=social_worker, origin="open_case", held_on=today - timedelta(days=3),
        participants=[{"name": "Sam Worker", "agency": "Children's services",
                       "agency_kind": "social_care"},
                      {"name": "DC Pat Officer", "agency": "Hampshire Police",
                       "agency_kind": "police"}],
        information_shared="School saw a bruise on Jack's cheek.",
        decision=StrategyDecision.S47_JOINT, decision_reasons="Jack's account.", actions=[])
    yesterday = today - timedelta(days=1)

    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}/protection")
    expect(page.get_by_role("heading", level=1)).to_have_text("Child protection")
    assert_accessible(page)
    page.get_by_role("link", name=f"{today - timedelta(days=3):%-d %B %Y} Section 47 "
                                  "enquiry").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Section 47 enquiry started")
    expect(page.get_by_text("No visits are recorded for this enquiry yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Record a visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a Section 47 visit")
    assert_accessible(page)
    page.get_by_label("Date of the visit").fill(f"{yesterday:%d/%m/%Y}")
    page.get_by_label("Time of the visit").fill("15:30")
    page.get_by_label("Where").fill("Northam Primary School")
    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label(
        "Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("What was seen and said").fill("Jack said Dean hit him.")
    worker_1 = page.get_by_role("group", name="Worker 1")
    expect(worker_1.get_by_label("Colleague", exact=True)).to_have_value(str(social_worker.pk))
    expect(worker_1.get_by_label("Kind of worker")).to_have_value("social_worker")
    page.get_by_role("button", name="Save the visit").click()

    expect(error_summary(page)).to_contain_text(
        "A Section 47 visit needs two workers: add the second worker")
    expect(page.locator("#workers-error")).to_contain_text("add the second worker")
    assert_accessible(page)
    assert not S47Visit.objects.exists()

    worker_2 = page.get_by_role("group", name="Worker 2")
    worker_2.get_by_label("Kind of worker").select_option(label="Police officer")
    worker_2.get_by_label("Name, if not a colleague").fill("DC Pat Officer")
    worker_2.get_by_label("Agency", exact=True).fill("Hampshire Police")
    page.get_by_role("button", name="Save the visit").click()

    expect(page.get_by_text("Section 47 visit recorded.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Visit on {yesterday:%-d %B %Y} at 15:30")
           ).to_be_visible()
    workers = summary_value(page, "Workers")
    expect(workers).to_contain_text("Sam Worker, social worker")
    expect(workers).to_contain_text("DC Pat Officer, police officer (Hampshire Police)")
    assert_accessible(page)
    assert S47Visit.objects.get().workers.count() == 2


def test_sam_records_a_strategy_discussion_with_the_police_and_the_school(page, social_worker,
                                                                          fletchers):
    jack = fletchers["jack"]
    today = timezone.localdate()
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}/protection")
    page.get_by_role("link", name="Record a strategy discussion").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record a strategy discussion")
    assert_accessible(page)
    page.get_by_label("Date of the discussion").fill(f"{today:%d/%m/%Y}")
    first = page.get_by_role("group", name="Participant 1", exact=True)
    first.get_by_label("Name", exact=True).fill("Sam Worker")
    first.get_by_label("Agency", exact=True).fill("Children's services")
    first.get_by_label("Kind of agency").select_option(label="Children's social care")
    second = page.get_by_role("group", name="Participant 2", exact=True)
    second.get_by_label("Name", exact=True).fill("Amira Shah")
    second.get_by_label("Agency", exact=True).fill("Northam Primary School")
    page.get_by_label("Information shared").fill("School: a bruise on Jack's cheek.")
    page.get_by_role("group", name="Decision", exact=True).get_by_label(
        "Section 47 enquiry jointly with the police").check()
    page.get_by_label("Reasons for the decision").fill("Jack's account and the injury.")
    action = page.get_by_role("group", name="Action 1", exact=True)
    action.get_by_label("Action", exact=True).fill("Visit Jack at school")
    page.get_by_role("button", name="Save the strategy discussion").click()

    expect(error_summary(page)).to_contain_text("The police must take part")
    expect(error_summary(page)).to_contain_text("Enter who owns action 1")
    assert_accessible(page)

    third = page.get_by_role("group", name="Participant 3", exact=True)
    third.get_by_label("Name", exact=True).fill("DC Pat Officer")
    third.get_by_label("Agency", exact=True).fill("Hampshire Police")
    third.get_by_label("Kind of agency").select_option(label="Police")
    page.get_by_role("group", name="Action 1", exact=True).get_by_label(
        "Owner", exact=True).fill("Sam Worker")
    page.get_by_role("button", name="Save the strategy discussion").click()

    expect(page.get_by_text("A Section 47 enquiry has started")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Strategy discussion, {today:%-d %B %Y}")
    assert_accessible(page)
    page.get_by_role("button", name=re.compile(r"^Mark as done.*Visit Jack at school")).click()
    expect(page.get_by_text("Action marked as done.")).to_be_visible()
    assert_accessible(page)
