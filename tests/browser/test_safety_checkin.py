"""Lone working (R-SAFE-4): Sam checks in before a lone visit to Jack, Tina sees Sam on "Out
now" and opens the alert page, Sam checks out, and Sam is no longer out. Every page is checked
with axe-core, including the one with errors."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.people.actions import do_add_address
from hearth.safety.models import CheckIn
from tests.browser.helpers import assert_accessible, error_summary, path_of, sign_in

pytestmark = pytest.mark.browser


def test_sam_checks_in_tina_sees_sam_out_and_sam_checks_out_r_safe_4(
        new_page, social_worker, team_manager, fletchers):
    jack = fletchers["jack"]
    do_add_address(jack, acting_user=social_worker, line1="12 Acacia Road", town="Southampton",
                   postcode="SO14 2AA", start_date=date(2024, 1, 1))
    sams_page, tinas_page = new_page(), new_page()
    sign_in(sams_page, social_worker)
    sams_page.goto(f"/check-ins/new?person={jack.pk}")
    expect(sams_page.get_by_role("heading", level=1)).to_have_text("Start a lone visit")
    where = sams_page.get_by_label("Where are you going?")
    expect(where).to_have_value("12 Acacia Road, Southampton, SO14 2AA")
    assert_accessible(sams_page)

    # A time already gone is refused, naming the field.
    sams_page.get_by_label("Time you expect to be back").fill("00:00")
    sams_page.get_by_role("button", name="Check in and start the visit").click()
    expect(error_summary(sams_page)).to_contain_text("must be in the future")
    expect(sams_page).to_have_title("Error: Start a lone visit – Hearth")
    assert_accessible(sams_page)
    assert not CheckIn.objects.exists()

    back = timezone.localtime() + timedelta(hours=1)
    sams_page.get_by_label("Date you expect to be back").fill(back.strftime("%d/%m/%Y"))
    sams_page.get_by_label("Time you expect to be back").fill(back.strftime("%H:%M"))
    sams_page.get_by_role("button", name="Check in and start the visit").click()
    expect(sams_page.get_by_role("heading", level=1)).to_have_text("Your lone visit")
    expect(sams_page.get_by_text("You are checked in.")).to_be_visible()
    checkin = CheckIn.objects.get()
    assert path_of(sams_page) == f"/check-ins/{checkin.pk}"
    assert_accessible(sams_page)

    sign_in(tinas_page, team_manager)
    tinas_page.goto("/check-ins/out-now")
    out_now = tinas_page.locator("#out-now")
    expect(out_now).to_contain_text("Sam Worker")
    expect(out_now).to_contain_text("12 Acacia Road")
    expect(out_now.get_by_text("Out", exact=True)).to_be_visible()
    assert_accessible(tinas_page)
    out_now.get_by_role("link", name="Sam Worker").click()
    expect(tinas_page.get_by_role("heading", level=1)).to_have_text(
        "Sam Worker is out on a lone visit")
    expect(tinas_page.locator("#addresses")).to_contain_text("12 Acacia Road")
    assert_accessible(tinas_page)
    tinas_page.goto("/check-ins/on-call")
    assert_accessible(tinas_page)

    sams_page.get_by_role("button", name="I am safe: check out").click()
    expect(sams_page.get_by_text("You have checked out.")).to_be_visible()
    assert_accessible(sams_page)

    tinas_page.goto("/check-ins/out-now")
    expect(tinas_page.get_by_text("Nobody is out on a lone visit.")).to_be_visible()
    assert_accessible(tinas_page)


def test_tina_opens_the_alert_for_an_overdue_lone_visit_r_safe_4(page, social_worker,
                                                                team_manager, fletchers):
    """Sam went out on a lone visit and is overdue: Out now shows it, and the alert page shows
    the warnings and the visit plan first. Tina closes the check-in, first without a reason."""
    import time_machine

    from hearth.safety.actions.checkins import do_alert_managers, do_start_check_in
    from hearth.safety.actions.warnings import do_add_warning
    from hearth.safety.models import VisitPlan

    jack = fletchers["jack"]
    do_add_warning(acting_user=social_worker, person=jack, kind="animals",
                   what_happened="Two large dogs loose in the garden", source="Sam's visit",
                   occurred_on=date(2026, 1, 2), disclosed_to_person=True)
    # Sam went out at 11:00 on the last working day, in daylight and working hours (a lone
    # daytime visit: the warning does not ask for two workers), and never checked out.
    from hearth import calendar

    went_out = datetime.combine(calendar.add_working_days(timezone.localdate(), -1), time(11),
                                calendar.LONDON)
    with time_machine.travel(went_out, tick=False):
        plan = VisitPlan.objects.create(person=jack, worker=social_worker,
                                        planned_for=went_out, created_at=went_out,
                                        answers={"daylight": {"answer": True, "note": ""},
                                                 "joint_visit": {"answer": False, "note": ""}},
                                        notes="Phone Tina on arrival.")
        checkin = do_start_check_in(acting_user=social_worker, where="12 Acacia Road",
                                    person=jack, visit_plan=plan,
                                    expected_back=went_out + timedelta(hours=1))
    assert do_alert_managers(checkin.pk)

    sign_in(page, team_manager)
    page.goto("/check-ins/out-now")
    expect(page.locator("#out-now").get_by_text("Overdue", exact=True)).to_be_visible()
    assert_accessible(page)
    page.goto(f"/check-ins/{checkin.pk}/alert")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Sam Worker is overdue from a lone visit")
    expect(page.locator("#alert-warnings")).to_contain_text("Two large dogs loose in the garden")
    expect(page.locator("#visit-plan")).to_contain_text("Phone Tina on arrival.")
    assert_accessible(page)

    page.get_by_role("link", name="Close this check-in").click()
    page.get_by_role("button", name="Close the check-in").click()
    expect(error_summary(page)).to_contain_text("Enter why you are closing Sam Worker's")
    assert_accessible(page)
    page.get_by_label("Why are you closing this check-in?").fill("Sam rang me from the car")
    page.get_by_role("button", name="Close the check-in").click()
    expect(page.get_by_text("Sam Worker's check-in is closed.")).to_be_visible()
    assert_accessible(page)
