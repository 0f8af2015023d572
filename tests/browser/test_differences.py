"""Hana, a health visitor (a MASH partner of the NHS health agency, with whom Jack's record is
shared), disagrees with Sam's plan for Jack. She raises a professional difference from Jack's
record (first without saying why: the error summary names it); stage 1 (her safeguarding
lead) and stage 2 (she and Sam) do not resolve it, each outcome recorded, and she escalates to
stage 3, led by Tina, Sam's manager. Tina finds it on her managers' page, records that stage 3
resolved it and what was agreed, and that she will tell Sam. Until she has, Jack's record and
Sam's list of what is due show the difference open; then they do not (R-PD-1..3). Every page
passes axe-core."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.access.models import Agency
from hearth.differences.models import Difference
from hearth.people.models import AgencyShare
from tests.browser.helpers import assert_accessible, error_summary, sign_in, summary_value
from tests.conftest import make_user

pytestmark = pytest.mark.browser

OPEN_AT = "Professional difference open — stage {}"


@pytest.fixture
def health_visitor(fletchers, social_worker):
    health = Agency.objects.create(name="Northam NHS Health", kind="health")
    AgencyShare.objects.create(person=fletchers["jack"], agency=health, shared_by=social_worker,
                               reason="MASH information request")
    return make_user("hana", Role.MASH_PARTNER, agency=health, first="Hana", last="Visitor")


def record_outcome(page, *, with_whom: str, discussed: str, resolved: bool) -> None:
    page.get_by_role("link", name="Record the outcome of stage").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Record the outcome of stage")
    assert_accessible(page)
    page.get_by_label("Date of the discussion").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Who took part").fill("Hana Visitor, health visitor")
    page.get_by_label("Who they discussed it with").fill(with_whom)
    page.get_by_label("What was discussed").fill(discussed)
    page.get_by_label("Yes" if resolved else "No", exact=True).check()
    page.get_by_role("button", name="Save the outcome").click()
    expect(page.get_by_text("The stage's outcome is recorded.")).to_be_visible()
    assert_accessible(page)


def test_hana_raises_a_difference_about_jacks_plan_and_it_resolves_at_stage_3(
        new_page, health_visitor, social_worker, team_manager, fletchers):
    jack = fletchers["jack"]
    hana = new_page()
    sign_in(hana, health_visitor)
    hana.goto(f"/people/{jack.pk}")
    hana.get_by_role("link", name="Raise a professional difference about Jack").click()
    expect(hana.get_by_role("heading", level=1)).to_have_text(
        "Raise a professional difference about Jack")
    assert_accessible(hana)
    hana.get_by_label("What was the decision or practice?").fill(
        "Jack's child in need plan ends: no further visits")
    hana.get_by_label("Who made the decision?").fill("Sam Worker, social worker")
    hana.get_by_label("Which agency made it?").select_option(label="Children's social care")
    hana.get_by_label("At a child in need meeting").check()
    hana.get_by_role("button", name="Raise the difference").click()
    expect(error_summary(hana)).to_contain_text("Enter why you disagree")
    assert_accessible(hana)
    hana.get_by_label("Why do you disagree?").fill(
        "Jack has lost weight at each of my last three visits: he still needs the plan")
    hana.get_by_role("button", name="Raise the difference").click()
    expect(hana.get_by_text("Professional difference raised: stage 1 has started.")
           ).to_be_visible()
    expect(summary_value(hana, "Raised by")).to_contain_text("Hana Visitor, Northam NHS Health")
    assert_accessible(hana)

    record_outcome(hana, with_whom="Mo Lead, safeguarding lead",
                   discussed="Whether the weight loss is a safeguarding concern", resolved=False)
    hana.get_by_role("link", name="Escalate to stage 2").click()
    assert_accessible(hana)
    hana.get_by_role("button", name="Escalate").click()
    expect(hana.get_by_text("Escalated: the next stage has started.")).to_be_visible()
    expect(hana.locator("#difference-status")).to_contain_text("Open — stage 2")
    record_outcome(hana, with_whom="Sam Worker, social worker",
                   discussed="Jack's weight chart and the plan's end", resolved=False)
    hana.get_by_role("link", name="Escalate to stage 3").click()
    hana.get_by_label("Who leads stage 3?").select_option(
        label="Tina Manager (Family Help North)")
    assert_accessible(hana)
    hana.get_by_role("button", name="Escalate").click()
    expect(hana.locator("#stage-3-summary")).to_contain_text("Tina Manager")
    assert_accessible(hana)
    difference = Difference.objects.get()

    tina = new_page()
    sign_in(tina, team_manager)
    tina.get_by_role("link", name="Professional differences: open, overdue and time to "
                                  "resolve").click()
    expect(tina.get_by_role("heading", level=1)).to_have_text("Professional differences")
    expect(tina.locator("#differences-list")).to_contain_text("Open — stage 3")
    assert_accessible(tina)
    tina.locator("#differences-list").get_by_role("link", name="Jack Fletcher").click()
    tina.get_by_role("link", name="Record the outcome of stage 3").click()
    tina.get_by_label("Date of the discussion").fill(timezone.localdate().strftime("%d/%m/%Y"))
    tina.get_by_label("Who took part").fill("Mo Lead, safeguarding lead (health)")
    tina.get_by_label("Who they discussed it with").fill("Tina Manager, team manager")
    tina.get_by_label("What was discussed").fill("Extending the plan with a health review")
    tina.get_by_label("Yes", exact=True).check()
    tina.get_by_role("button", name="Save the outcome").click()
    tina.get_by_role("link", name="Record the resolution").click()
    expect(tina.get_by_text("They tell Sam Worker, the child's allocated worker")).to_be_visible()
    assert_accessible(tina)
    tina.get_by_label("What was agreed?").fill(
        "The plan continues for three months, with a health review at six weeks")
    tina.get_by_label("Who tells the allocated worker?").select_option(
        label="Tina Manager (Family Help North)")
    tina.get_by_role("button", name="Record the resolution").click()
    expect(tina.get_by_text("The professional difference is resolved.")).to_be_visible()
    expect(summary_value(tina, "Worker told")).to_have_text("Not yet")
    assert_accessible(tina)

    sam = new_page()
    sign_in(sam, social_worker)
    expect(sam.locator("#what-is-due")).to_be_visible()
    expect(sam.get_by_role("link", name="Professional difference resolved: Tina Manager is to "
                                        "tell you what was agreed for Jack Fletcher")
           ).to_be_visible()
    sam.goto(f"/people/{jack.pk}")
    expect(sam.get_by_text(OPEN_AT.format(3), exact=True)).to_be_visible()
    expect(sam.locator("#person-differences")).to_contain_text("Raised by Hana Visitor")
    assert_accessible(sam)

    tina.goto("/differences?status=awaiting")
    expect(tina.locator("#differences-list")).to_contain_text("0 working days")
    assert_accessible(tina)
    tina.goto(f"/differences/{difference.pk}")
    tina.get_by_role("link", name="Record that Sam Worker was told").click()
    assert_accessible(tina)
    tina.get_by_role("button", name="Save").click()
    expect(tina.get_by_text("Recorded: the allocated worker was told what was agreed.")
           ).to_be_visible()

    sam.reload()
    expect(sam.get_by_text(OPEN_AT.format(3), exact=True)).to_have_count(0)
    expect(sam.locator("#person-differences")).to_contain_text("Resolved")
    assert_accessible(sam)
