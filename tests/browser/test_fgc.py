"""A Family Group Conference from referral to review (issue 16, R-FGC-1..4): Sam refers Jack
and Amy's family from Jack's record (first without questions or the family's agreement: the
error summary names both); Cora, an FGC coordinator, takes the referral from the FGC queue,
records a preparation visit, someone the family invites, the venue and date and each child's
part (Amy will not attend: her wishes and feelings), holds the conference through its three
stages and records the plan (first with an item nobody owns); Sam agrees the plan from what is
due on his home page; the plan prints for the family in plain language; six weeks later Cora
records the review's progress on each item. Every page passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.access.models import Team
from hearth.fgc.models import FGC
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def day(d) -> str:
    return d.strftime("%d/%m/%Y")


def test_sam_refers_cora_coordinates_sam_agrees_and_the_plan_is_reviewed(
        new_page, social_worker, fletchers, time_machine):
    jack, amy = fletchers["jack"], fletchers["amy"]
    team = Team.objects.create(name="Family Group Conferences", service="fgc")
    cora_user = make_user("cora", Role.FGC_COORDINATOR, team=team, first="Cora",
                          last="Coordinator")
    today = timezone.localdate()

    # Sam refers the family from Jack's record.
    sam = new_page()
    sign_in(sam, social_worker)
    sam.goto(f"/people/{jack.pk}")
    sam.get_by_role("link", name="Refer the family for a Family Group Conference").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text(
        "Refer the family for a Family Group Conference")
    assert_accessible(sam)
    sam.get_by_label("Amy Fletcher").check()
    sam.get_by_label("Improving school attendance").check()
    sam.get_by_label("What the family and the coordinator need to know").fill(
        "Jack misses school most Mondays; Kerry is unwell at times. Her parents want to help.")
    sam.get_by_label("I explained the Family Group Conference").check()
    sam.get_by_role("button", name="Refer the family").click()
    expect(error_summary(sam)).to_contain_text("Write at least one question for the family")
    expect(error_summary(sam)).to_contain_text("The family must agree to a Family Group "
                                               "Conference before you refer")
    assert_accessible(sam)
    sam.get_by_label("Question 1").fill("How can the family help Jack get to school every day?")
    sam.get_by_label("Question 2").fill("Who could look after Jack and Amy when Kerry is "
                                        "unwell?")
    sam.get_by_label("Question 3").fill("How will everyone know the plan is working?")
    sam.get_by_label("The family agreed to have a Family Group Conference").check()
    sam.get_by_role("button", name="Refer the family").click()
    expect(sam.get_by_text("Referral made")).to_be_visible()
    expect(sam.locator("#fgc-status")).to_have_text("Referred")
    assert_accessible(sam)
    fgc = FGC.objects.get()

    # Cora takes it from the FGC queue.
    cora = new_page()
    sign_in(cora, cora_user)
    expect(cora.locator("#fgc-queue-count")).to_contain_text("1 referral waiting")
    cora.get_by_role("link", name="Open the FGC queue").click()
    expect(cora.get_by_role("heading", level=1)).to_have_text("The FGC queue")
    assert_accessible(cora)
    cora.get_by_role("button", name="Take it (Jack Fletcher and Amy Fletcher)").click()
    expect(cora.get_by_text("You are now the coordinator")).to_be_visible()
    expect(summary_value(cora, "Coordinator")).to_have_text("Cora Coordinator")
    assert_accessible(cora)

    # Preparation: a visit, the network, the venue and date, the children's part.
    cora.get_by_role("link", name="Record a preparation visit").click()
    assert_accessible(cora)
    cora.get_by_label("Date of the visit").fill(day(today))
    cora.get_by_label("Who you saw").fill("Jack on his own, then Kerry")
    cora.get_by_label("What you talked about").fill("Kerry wants her parents there.")
    cora.get_by_role("button", name="Save the visit").click()
    expect(cora.get_by_text("Preparation visit recorded.")).to_be_visible()
    cora.get_by_role("link", name="Add someone the family invites").click()
    cora.get_by_label("Name").fill("Pat Fletcher")
    cora.get_by_label("Relationship to the child").fill("Grandmother")
    cora.get_by_label("Family member").check()
    cora.get_by_label("Phone").check()
    assert_accessible(cora)
    cora.get_by_role("button", name="Add them").click()
    expect(cora.locator("#network")).to_contain_text("Pat Fletcher")
    cora.get_by_role("link", name="Record the venue, date and the children's part").click()
    jacks, amys = [fgc.children.get(person=p).pk for p in (jack, amy)]
    soon = timezone.localtime() + timedelta(minutes=5)
    cora.get_by_label("Venue").fill("Northam Family Hub")
    cora.get_by_label("Date and time of the conference").fill(soon.strftime("%d/%m/%Y %H:%M"))
    cora.locator(f"#child-{jacks}").get_by_label("Part of it").check()
    cora.get_by_label("Which part Jack attends").fill("The start and the plan")
    cora.get_by_label("Who supports Jack").fill("Ms Bell, his teacher")
    cora.locator(f"#child-{amys}").get_by_label("Not attending").check()
    cora.get_by_role("button", name="Save the arrangements").click()
    expect(error_summary(cora)).to_contain_text("Enter Amy's wishes and feelings")
    assert_accessible(cora)
    cora.get_by_label("Amy's wishes and feelings").fill("Amy wants to see Nan every week.")
    cora.get_by_role("button", name="Save the arrangements").click()
    expect(cora.locator("#arrangements")).to_contain_text("Wishes and feelings: Amy wants")

    # The conference, through its three stages, and the family's plan.
    cora.get_by_role("link", name="Record the conference").click()
    assert_accessible(cora)
    cora.get_by_label("Date the conference was held").fill(day(today))
    cora.get_by_label("Information sharing").fill("Sam shared the worries about school.")
    cora.get_by_label("Private family time").fill("The family had an hour on their own.")
    cora.get_by_label("Sharing and agreeing the plan").fill("The family shared their plan.")
    cora.get_by_role("button", name="Save the conference").click()
    expect(cora.get_by_role("heading", level=1)).to_have_text("The family's plan")
    cora.locator("#id_item_1_what").fill("Take Jack to school on Mondays")
    cora.locator("#id_item_1_by_when").fill(day(today + timedelta(days=7)))
    cora.locator("#id_item_2_who").fill("Kerry")
    cora.locator("#id_item_2_what").fill("Ring the school by nine if Jack is ill")
    cora.locator("#id_item_2_by_when").fill(day(today + timedelta(days=7)))
    cora.get_by_label("Date of the review").fill(day(today + timedelta(days=42)))
    cora.get_by_role("button", name="Save the plan").click()
    expect(error_summary(cora)).to_contain_text("Enter who will do item 1: every item needs "
                                                "someone who owns it")
    assert_accessible(cora)
    cora.locator("#id_item_1_who").fill("Nan")
    cora.get_by_role("button", name="Save the plan").click()
    expect(cora.locator("#fgc-status")).to_have_text("Plan waiting for the referrer")
    assert_accessible(cora)

    # Sam agrees it, from what is due on his home page.
    sam.goto("/")
    sam.get_by_role("link", name="Agree the family's plan from their conference for Jack "
                                 "Fletcher and Amy Fletcher").click()
    sam.get_by_role("link", name="Agree the plan, or say why not").click()
    assert_accessible(sam)
    sam.get_by_label("Yes, I agree the plan").check()
    sam.get_by_role("button", name="Save your decision").click()
    expect(sam.locator("#agreed")).to_contain_text("Agreed by Sam Worker")

    # The plan prints for the family in plain language.
    sam.get_by_role("link", name="The plan for the family (to print or download)").click()
    expect(sam.get_by_role("heading", level=1)).to_have_text("Your family plan")
    expect(sam.locator("#plan-actions")).to_contain_text("Take Jack to school on Mondays")
    expect(sam.locator("#plan-plain")).to_be_visible()
    expect(sam.get_by_role("link", name="Download the plan for the family (PDF)")
           ).to_have_attribute("href", f"/fgc/{fgc.pk}/plan.pdf")
    assert_accessible(sam)

    # Six weeks later, the review.
    time_machine.move_to(timezone.now() + timedelta(days=43), tick=True)
    cora = new_page()
    sign_in(cora, cora_user)
    cora.goto(f"/fgc/{fgc.pk}")
    cora.get_by_role("link", name="Record the review").click()
    expect(cora.get_by_role("heading", level=1)).to_have_text("Review the family's plan")
    assert_accessible(cora)
    cora.get_by_label("Date of the review").fill(day(timezone.localdate()))
    cora.locator("#item-1").get_by_label("Done").check()
    cora.get_by_label("What has happened with item 1").fill("Nan has taken Jack every Monday.")
    cora.get_by_role("button", name="Save the review").click()
    expect(error_summary(cora)).to_contain_text("Select how item 2 is going")
    assert_accessible(cora)
    cora.locator("#item-2").get_by_label("Under way").check()
    cora.get_by_role("button", name="Save the review").click()
    expect(cora.locator("#fgc-status")).to_have_text("Plan reviewed")
    expect(cora.locator("#review-progress-1")).to_contain_text("Nan has taken Jack every Monday.")
    assert_accessible(cora)


def test_mo_allocates_a_referral_to_cora_and_sam_records_that_another_was_declined(
        new_page, social_worker, fletchers):
    """The FGC service's manager allocates from the FGC page (a coordinator first forgotten);
    Cora finds it among hers; Sam records that the family declined another referral, with
    the reason (R-FGC-2)."""
    from tests.fgc.conftest import refer

    team = Team.objects.create(name="Family Group Conferences", service="fgc")
    cora_user = make_user("cora", Role.FGC_COORDINATOR, team=team, first="Cora",
                          last="Coordinator")
    mo_user = make_user("mo", Role.TEAM_MANAGER, team=team, first="Mo", last="Manager")
    first = refer(social_worker, fletchers, children=[fletchers["jack"]])
    second = refer(social_worker, fletchers, children=[fletchers["amy"]])

    mo = new_page()
    sign_in(mo, mo_user)
    mo.goto("/fgc")
    assert_accessible(mo)
    mo.get_by_role("link", name="Jack Fletcher").click()
    mo.get_by_role("link", name="Allocate to a coordinator").click()
    expect(mo.get_by_role("heading", level=1)).to_have_text("Allocate to a coordinator")
    assert_accessible(mo)
    mo.get_by_role("button", name="Allocate").click()
    expect(error_summary(mo)).to_contain_text("Choose one of the FGC coordinators")
    assert_accessible(mo)
    mo.get_by_label("Coordinator").select_option(label="Cora Coordinator")
    mo.get_by_role("button", name="Allocate").click()
    expect(summary_value(mo, "Coordinator")).to_have_text(
        "Cora Coordinator (allocated by Mo Manager)")

    cora = new_page()
    sign_in(cora, cora_user)
    cora.goto("/fgc/mine")
    expect(cora.locator("#fgc-mine")).to_contain_text("Jack Fletcher")
    assert_accessible(cora)

    sam = new_page()
    sign_in(sam, social_worker)
    sam.goto(f"/fgc/{second.pk}")
    sam.get_by_role("link", name="Record that it will not happen").click()
    assert_accessible(sam)
    sam.get_by_label("The family declined").check()
    sam.get_by_role("button", name="Record it").click()
    expect(error_summary(sam)).to_contain_text("Enter the reason")
    assert_accessible(sam)
    sam.get_by_label("Reason").fill("Kerry talked it over and decided against a meeting.")
    sam.get_by_role("button", name="Record it").click()
    expect(sam.locator("#fgc-status")).to_have_text("Declined by the family")
    expect(sam.locator("#fgc-ended")).to_contain_text("Kerry talked it over")
    assert_accessible(sam)
    assert first.pk != second.pk
