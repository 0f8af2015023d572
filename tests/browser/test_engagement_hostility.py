"""Sam records the hostility he met at the Fletchers' door, is taken to the questions of seed
004 §4.2, and records that a colleague and Pat's agency were told (R-RES-2, R-RES-4). Every
page he sees, including the ones with his mistakes, passes axe-core."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.casework.models import InvolvementWorker
from hearth.engagement.codes import ALERT_QUESTIONS
from hearth.engagement.models import EngagementEvent, HostilityAlert
from hearth.people.actions import do_share_with_agency
from tests.browser.helpers import assert_accessible, error_summary, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser


def test_sam_records_hostility_and_who_was_told(page, social_worker, fletchers, north, police):
    jack, mum = fletchers["jack"], fletchers["mum"]
    bea = make_user("bea", Role.FAMILY_PRACTITIONER, team=north, first="Bea", last="Bridges")
    InvolvementWorker.objects.create(involvement=jack.involvements.get(), worker=bea,
                                     role="co_worker", start_date=date(2026, 11, 2))
    do_share_with_agency(mum, acting_user=social_worker, agency=police, reason="MASH enquiry")
    yesterday = timezone.localdate() - timedelta(days=1)

    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Record engagement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record engagement")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(error_summary(page)).to_contain_text("Select what happened")
    assert_accessible(page)

    page.get_by_label("Hostility", exact=True).check()
    page.get_by_label("Violence threatened").check()
    page.get_by_label("Dogs or other animals used as a threat").check()
    page.get_by_label("Shouting").check()
    page.get_by_label("Date it happened").fill(yesterday.strftime("%d/%m/%Y"))
    page.get_by_label("Time it happened").fill("10:15")
    page.get_by_label("Who was it?").select_option(label="Kerry Fletcher")
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(error_summary(page)).to_contain_text("Enter your account of what happened")
    expect(page.get_by_label("Violence threatened")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Your account").fill(
        "Kerry let the dog loose on the path and shouted that I would regret coming back.")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Alert other practitioners")
    for _, question in ALERT_QUESTIONS:
        expect(page.get_by_role("group", name=question)).to_be_visible()
    expect(page.locator("#hostility")).to_contain_text("Violence threatened")
    assert_accessible(page)
    page.get_by_role("button", name="Save who was told").click()
    expect(error_summary(page)).to_contain_text("Answer yes or no to each question")
    assert_accessible(page)

    for n, (_, question) in enumerate(ALERT_QUESTIONS):
        page.get_by_role("group", name=question).get_by_label(
            "Yes" if n in (0, 2) else "No", exact=True).check()
    page.get_by_label("Bea Bridges (co-worker for Jack Fletcher)").check()
    page.get_by_label("Hampshire Police was told", exact=True).check()
    page.get_by_label("Who at Hampshire Police was told").fill("DC Jones")
    page.get_by_label("How Hampshire Police was told").select_option(label="Phone")
    page.get_by_role("button", name="Save who was told").click()

    expect(page.get_by_text("Recorded who was told: 2 people.")).to_be_visible()
    expect(page.get_by_text("DC Jones (Hampshire Police): Phone")).to_be_visible()
    expect(page.get_by_text("Bea Bridges (Family Help North): A notification in Hearth")
           ).to_be_visible()
    assert_accessible(page)
    event = EngagementEvent.objects.get()
    assert event.kind == "hostility" and event.form == "violence_threatened"
    assert event.by_person == mum and event.behaviours == ["animals_as_threat", "shouting"]
    alert = HostilityAlert.objects.get()
    assert alert.shared and alert.answers["experience"] and alert.answers["fearful"]
    assert bea.notifications.filter(subject__startswith="Hostility towards workers").exists()

    page.get_by_role("link", name="Engagement across Jack's family").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Engagement across the family")
    expect(page.locator("#hostile-agencies")).to_contain_text("Children's services")
    assert_accessible(page)
