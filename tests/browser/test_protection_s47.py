"""Sam records a Section 47 visit to Jack on a joint enquiry: first with only himself as a
worker, and the page refuses it, saying a second worker is needed; then with DC Pat Officer,
and the visit shows on the enquiry page with both workers named with their kind (R-TWO-1).
When the police cannot attend, Sam and Tina go, saying why (R-TWO-1). Sam's "not
substantiated" outcome waits for Tina to authorise it from her dashboard (R-CP-1). Every page
they see, including the ones with errors, passes axe-core."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.protection.actions import strategy as actions
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


def _joint_enquiry(jack, social_worker, held_on):
    return actions.do_record_strategy_discussion(
        jack, acting_user=social_worker, origin="open_case", held_on=held_on,
        participants=[{"name": "Sam Worker", "agency": "Children's services",
                       "agency_kind": "social_care"},
                      {"name": "DC Pat Officer", "agency": "Hampshire Police",
                       "agency_kind": "police"}],
        information_shared="School saw a bruise on Jack's cheek.",
        decision=StrategyDecision.S47_JOINT, decision_reasons="Jack's account.",
        actions=[]).enquiry


def test_r_two_1_the_police_cannot_attend_so_sam_and_tina_go(page, social_worker,
                                                             team_manager, fletchers):
    """R-TWO-1: on a joint enquiry the police could not attend: Sam chooses Tina as the second
    social worker; the page first asks why the police are not there, then saves the visit
    with the reason shown."""
    jack = fletchers["jack"]
    today = timezone.localdate()
    enquiry = _joint_enquiry(jack, social_worker, today - timedelta(days=3))
    yesterday = today - timedelta(days=1)

    sign_in(page, social_worker)
    page.goto(f"/s47-enquiries/{enquiry.pk}/visits/new")
    expect(page.locator("#two-workers-rule")).to_contain_text("qualified social worker")
    page.get_by_label("Date of the visit").fill(f"{yesterday:%d/%m/%Y}")
    page.get_by_label("Time of the visit").fill("16:15")
    page.get_by_label("Where").fill("The family home")
    page.get_by_role("group", name="Was the child seen?", exact=True).get_by_label(
        "Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("What was seen and said").fill("Jack showed us his room.")
    worker_2 = page.get_by_role("group", name="Worker 2")
    worker_2.get_by_label("Kind of worker").select_option(label="Social worker")
    worker_2.get_by_label("Colleague", exact=True).select_option(
        label="Tina Manager (Family Help North)")
    page.get_by_role("button", name="Save the visit").click()

    expect(error_summary(page)).to_contain_text("If the police could not attend, say so")
    assert_accessible(page)
    page.get_by_label("The police could not attend this visit").check()
    page.get_by_role("button", name="Save the visit").click()
    expect(error_summary(page)).to_contain_text("Enter why the police could not attend")
    assert_accessible(page)
    assert not S47Visit.objects.exists()

    page.get_by_label("Why the police could not attend").fill(
        "No officer was free before Jack came home from school.")
    page.get_by_role("button", name="Save the visit").click()
    expect(page.get_by_text("Section 47 visit recorded.")).to_be_visible()
    expect(summary_value(page, "Workers")).to_contain_text("Tina Manager, social worker")
    expect(summary_value(page, "Why the police could not attend")).to_contain_text(
        "No officer was free")
    assert_accessible(page)


def test_r_cp_1_sams_outcome_waits_for_tina_to_authorise_it(page, social_worker,
                                                            team_manager, fletchers):
    """R-CP-1: Sam records "concerns not substantiated": the ICPC stays due and the outcome
    waits; Tina finds it on her dashboard and authorises it, and only then is no conference
    needed."""
    jack = fletchers["jack"]
    today = timezone.localdate()
    enquiry = _joint_enquiry(jack, social_worker, today - timedelta(days=2))

    sign_in(page, social_worker)
    page.goto(f"/s47-enquiries/{enquiry.pk}")
    page.get_by_role("link", name="Record the outcome").click()
    expect(page.locator("#authorisation-rule")).to_contain_text("team manager")
    page.get_by_label("Concerns not substantiated").check()
    page.get_by_label("Reasons").fill("The bruise came from football; school confirmed it.")
    page.get_by_label("Date of the outcome").fill(f"{today:%d/%m/%Y}")
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_text("it takes effect when a team manager authorises it")).to_be_visible()
    expect(page.locator("#proposed-outcome")).to_contain_text("waiting for a team manager")
    expect(page.locator("#icpc-due")).not_to_contain_text("Not needed")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, team_manager)
    page.goto("/child-protection")
    waiting = page.locator("#outcomes-table")
    expect(waiting).to_contain_text("Jack Fletcher")
    assert_accessible(page)
    waiting.get_by_role("link", name=re.compile("Concerns not substantiated")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Authorise the outcome of the Section 47 enquiry")
    expect(page.locator("#proposed-outcome")).to_contain_text("came from football")
    assert_accessible(page)
    page.get_by_role("button", name="Save your decision").click()
    expect(error_summary(page)).to_contain_text("Select whether you authorise")
    assert_accessible(page)
    page.get_by_label("Authorise the outcome: it takes effect now").check()
    page.get_by_role("button", name="Save your decision").click()
    expect(page.get_by_text("Outcome authorised: it has taken effect.")).to_be_visible()
    expect(page.locator("#icpc-due")).to_have_text("Not needed")
    expect(page.locator("#outcome-authorised")).to_contain_text("Tina Manager")
    assert_accessible(page)
