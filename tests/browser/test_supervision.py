"""Tina records a supervision with Sam about Jack, whose mother threatened Sam (R-SUP-1,
R-SUP-2, R-SAFE-3); Sam reads it and his action. Every page checked with axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.engagement.models import EngagementEvent
from hearth.supervision.codes import SELF_CHECK_QUESTIONS
from hearth.supervision.models import SupervisionAction, SupervisionSession
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser


def test_tina_records_supervision_for_a_hostile_family(new_page, social_worker, team_manager,
                                                       fletchers):
    jack = fletchers["jack"]
    EngagementEvent.objects.create(
        person=fletchers["mum"], kind="hostility", occurred_at=timezone.now(),
        agency="Children's services", form="violence_threatened", behaviours=["shouting"],
        by_whom="Kerry Fletcher", account="Kerry shouted that she would hurt me.",
        recorded_by=social_worker, recorded_at=timezone.now())
    page = new_page()
    sign_in(page, team_manager)
    page.get_by_role("link", name="Supervision of your team: who is due and overdue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision of your team")
    assert_accessible(page)

    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Supervision of this case").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision of this case")
    assert_accessible(page)
    page.get_by_role("link", name="Record supervision with Sam Worker").click()
    expect(page.get_by_role("heading", name="Hostility and worker safety")).to_be_visible()
    expect(page.get_by_label("Jack Fletcher (born 14/09/2016) – hostility has been recorded "
                             "in the family")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("Discussion").fill("Kerry threatened Sam at the door on Monday.")
    page.get_by_role("button", name="Save the supervision").click()
    expect(error_summary(page)).to_be_visible()
    expect(error_summary(page).get_by_role("link", name="Enter the health and safety item: "
                                           "a family discussed has hostility or a "
                                           "worker-safety warning")).to_be_visible()
    expect(error_summary(page).get_by_role("link", name="Answer the self-check question “Am "
                                           "I filtering out or minimising negative "
                                           "information?” with yes or no")).to_be_visible()
    assert_accessible(page)
    assert not SupervisionSession.objects.exists()

    page.get_by_label("Health and safety").fill("Joint visits only; Sam carries an alarm.")
    page.get_by_label("Action plan for the next visit").fill(
        "Next visit with Tina, in daylight, car parked facing out.")
    for key, _question in SELF_CHECK_QUESTIONS:
        page.locator(f"#id_self_check_{key}_1").check()  # No
    page.locator("#id_self_check_changing_behaviour_0").check()  # Yes
    page.locator("#id_self_check_changing_behaviour_note").fill(
        "Sam has stopped asking to see Jack's room.")
    page.get_by_role("button", name="Save the supervision").click()
    expect(page.get_by_text("Supervision recorded.")).to_be_visible()
    expect(page.get_by_text("Sam has stopped asking to see Jack's room.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("What is to be done").fill("Meet Jack's head of year")
    due = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Due by").fill(due.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Action added.")).to_be_visible()
    assert_accessible(page)
    session = SupervisionSession.objects.get()
    assert session.self_check["changing_behaviour"]["answer"] == "yes"
    assert SupervisionAction.objects.get().owner == social_worker
    assert SupervisionAction.objects.get().due_on == due
    assert session.held_on == timezone.localdate()

    page.get_by_role("link", name="Change the supervision").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change the supervision")
    assert_accessible(page)

    page.goto("/supervision/frequency")
    page.get_by_role("button", name="Save").click()
    expect(error_summary(page)).to_be_visible()
    assert_accessible(page)

    page.goto("/supervision/new")
    expect(page.get_by_role("link", name="Sam Worker")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/supervision/workers/{social_worker.pk}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Supervision of Sam Worker")
    assert_accessible(page)

    sam = new_page()
    sign_in(sam, social_worker)
    sam.get_by_role("link", name="Your supervision").click()
    expect(sam.get_by_text("Meet Jack's head of year")).to_be_visible()
    assert_accessible(sam)
    sam.get_by_role("button", name="Mark done").click()
    expect(sam.get_by_text("Action marked done.")).to_be_visible()
    assert SupervisionAction.objects.get().done_on == timezone.localdate()
    assert_accessible(sam)
