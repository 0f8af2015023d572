"""R-SAFE-2: Kerry Fletcher's worker-safety warning says visits need two workers. Sam tries to
start a lone check-in for a visit to Jack, her son: it is refused with a clear error summary
naming the second worker, and nothing is written. He names Cara, who is going with him, and
the check-in starts. Every page is checked with axe-core.

The story runs at 10:00 on the next working day (daylight and working hours), so that the
out-of-hours rule (R-RES-5: a plan agreed by a manager as well) does not depend on when the
suite runs."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.access.codes import Role
from hearth.people.actions import do_add_address
from hearth.safety.actions.warnings import do_add_warning
from hearth.safety.models import CheckIn
from tests.browser.helpers import assert_accessible, error_summary, path_of, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def test_sams_lone_check_in_is_refused_until_he_names_the_second_worker_r_safe_2(
        page, time_machine, social_worker, team_manager, north, fletchers):
    morning = datetime.combine(calendar.next_working_day(timezone.localdate()), time(10),
                               calendar.LONDON)
    time_machine.move_to(morning, tick=True)
    cara = make_user("cara", Role.SOCIAL_WORKER, team=north, first="Cara", last="Colleague")
    jack, kerry = fletchers["jack"], fletchers["mum"]
    do_add_address(jack, acting_user=social_worker, line1="12 Acacia Road", town="Southampton",
                   postcode="SO14 2AA", start_date=date(2024, 1, 1))
    do_add_warning(acting_user=team_manager, person=kerry, kind="violence",
                   what_happened="Kerry's partner pushed the last worker out of the door",
                   source="Police, 12/11", occurred_on=morning.date().replace(day=1),
                   disclosed_to_person=True, requires_joint_visit=True)

    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}")
    banner = page.locator("#worker-safety")
    expect(banner).to_contain_text("Worker safety: 1 warning")
    expect(banner).to_contain_text("Visits need two workers or a manager's agreement")
    assert_accessible(page)

    page.goto(f"/check-ins/new?person={jack.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a lone visit")
    expect(page.get_by_label("Where are you going?")).to_have_value(
        "12 Acacia Road, Southampton, SO14 2AA")
    assert_accessible(page)

    page.get_by_label("Time you expect to be back").fill("11:30")
    page.get_by_role("button", name="Check in and start the visit").click()
    summary = error_summary(page)
    expect(summary).to_contain_text("A worker-safety warning says visits to this family need "
                                     "two workers")
    expect(page).to_have_title("Error: Start a lone visit – Hearth")
    expect(summary.get_by_role("link")).to_have_attribute("href", "#id_joint_worker")
    assert_accessible(page)
    assert not CheckIn.objects.exists()

    page.get_by_label("Who is going with you?").select_option(label="Cara Colleague "
                                                                    "(Family Help North)")
    page.get_by_role("button", name="Check in and start the visit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your lone visit")
    expect(page.get_by_text("You are checked in.")).to_be_visible()
    checkin = CheckIn.objects.get()
    assert checkin.joint_worker == cara and checkin.person == jack
    assert path_of(page) == f"/check-ins/{checkin.pk}"
    assert_accessible(page)
