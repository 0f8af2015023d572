"""Sam raises a worker-safety warning on Kerry Fletcher and sees it first on every page about
the family; he plans a visit to Jack; Tina signs the warning off and agrees to him going
alone (R-SAFE-1, R-SAFE-2). Every page is checked with axe-core."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.safety.codes import PLAN_QUESTIONS
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser

FIRST_IN_MAIN = "() => document.querySelector('main').firstElementChild.id"


def see_warning_first(page, path: str, *, in_family: bool) -> None:
    page.goto(path)
    banner = page.locator("#worker-safety")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Threats")
    expect(banner).to_contain_text("Kerry said she would set the dog on the next social worker")
    expect(banner).to_contain_text("Visits need two workers")
    if in_family:
        expect(banner).to_contain_text("In the family: about Kerry Fletcher")
    assert page.evaluate(FIRST_IN_MAIN) == "worker-safety"
    assert_accessible(page)


def test_sam_raises_a_warning_sees_it_everywhere_and_plans_a_visit(new_page, social_worker,
                                                                    team_manager, fletchers):
    kerry, jack, amy = fletchers["mum"], fletchers["jack"], fletchers["amy"]
    today = timezone.localdate()
    page = new_page()
    sign_in(page, social_worker)
    page.goto(f"/people/{kerry.pk}")
    expect(page.locator("#worker-safety")).to_have_count(0)
    page.get_by_role("link", name="Raise a warning about Kerry Fletcher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Raise a worker-safety warning")
    assert_accessible(page)
    page.get_by_role("button", name="Raise the warning").click()  # empty: the errors
    expect(error_summary(page)).to_contain_text("Enter where this information came from")
    assert_accessible(page)

    page.get_by_label("Threats").check()
    page.get_by_label("What happened").fill(
        "Kerry said she would set the dog on the next social worker")
    page.get_by_label("Where this came from").fill("Sam Worker, said to him at the door")
    page.get_by_label("Date it happened").fill(today.strftime("%d/%m/%Y"))
    page.locator("#id_disclosed_to_person_1").check()  # No
    page.get_by_label("Why they have not been told").fill("Telling her would raise the risk")
    page.get_by_label("Visits need two workers").check()
    page.get_by_role("button", name="Raise the warning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Worker-safety warning: Threats")
    expect(page.get_by_text("Awaiting a manager's sign-off")).to_be_visible()
    assert_accessible(page)

    see_warning_first(page, f"/people/{kerry.pk}", in_family=False)
    see_warning_first(page, f"/people/{jack.pk}/visits/new", in_family=True)
    see_warning_first(page, f"/people/{amy.pk}", in_family=True)

    # Planning the visit (R-SAFE-2), from the record-a-visit page.
    page.goto(f"/people/{jack.pk}/visits/new")
    page.get_by_role("link", name="Plan the visit safely before you go").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan a safe visit")
    expect(page.get_by_text("A warning asks for a joint visit")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the plan").click()  # empty: the errors
    expect(error_summary(page)).to_contain_text("Enter the date of the visit")
    assert_accessible(page)
    # A working day, so that 10:30 is in daylight and working hours (R-RES-5).
    visit_day = calendar.add_working_days(today, 5)
    page.get_by_label("Date of the visit").fill(visit_day.strftime("%d/%m/%Y"))
    page.get_by_label("Time of the visit").fill("10:30")
    for key, _ in PLAN_QUESTIONS:
        page.locator(f"#question-{key}").get_by_label("Yes").check()
    page.locator("#question-daylight").get_by_label("Notes").fill("Morning, in daylight")
    page.get_by_role("button", name="Save the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Visit plan")
    expect(page.get_by_text("Not ready: a joint worker or a manager's agreement is needed")) \
        .to_be_visible()
    assert_accessible(page)
    plan_url = page.url

    # Tina signs the warning off and agrees to Sam going alone.
    tina = new_page()
    sign_in(tina, team_manager)
    tina.goto("/warnings/review")
    expect(tina.get_by_role("heading", level=1)).to_contain_text("to sign off or review")
    assert_accessible(tina)
    tina.locator("#awaiting").get_by_role("link", name="Kerry Fletcher").click()
    tina.get_by_role("button", name="Sign off the warning").click()
    expect(tina.get_by_text("Warning signed off.")).to_be_visible()
    assert_accessible(tina)
    tina.get_by_role("button", name="Record the review").click()  # empty: the errors
    expect(error_summary(tina)).to_contain_text("Enter the next review date")
    assert_accessible(tina)
    tina.goto(plan_url)
    tina.get_by_label("Your note").fill("Ring me on arrival and when you leave")
    tina.get_by_role("button", name="Agree to the visit").click()
    expect(tina.get_by_text("Agreed by Tina Manager")).to_be_visible()
    assert_accessible(tina)

    page.reload()
    expect(page.locator("#plan-status")).to_contain_text("Ready")
    assert_accessible(page)
