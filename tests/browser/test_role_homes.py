"""Each role's home shows its own work first (issue 15): Chris the conference chair sees the
conference due, Fran the front door's contact to decide, Eddie of the Emergency Duty Team the
out-of-hours contact, and Pat the police partner the MASH request to answer. Dates are
computed from today; every page checked with axe-core."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from tests.browser.helpers import assert_accessible, sign_in
from tests.frontdoor.conftest import call, edt_worker  # noqa: F401
from tests.protection.conftest import chair, enquiry_for  # noqa: F401

pytestmark = pytest.mark.browser


def what_is_due(page):
    return page.locator("section", has=page.get_by_role("heading", name="What is due"))


def test_chris_the_chairs_home_is_her_conferences(new_page, chair, fletchers,  # noqa: F811
                                                  enquiry_for):  # noqa: F811
    enquiry = enquiry_for(fletchers["jack"], held_on=timezone.localdate() - timedelta(days=5))
    enquiry.outcome = "icpc"
    enquiry.save()
    page = new_page()
    sign_in(page, chair)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your conferences and core groups")
    expect(what_is_due(page)).to_contain_text("Jack Fletcher")
    expect(what_is_due(page)).to_contain_text("Arrange the initial child protection conference")
    expect(page.get_by_text("No children are allocated to you")).to_have_count(0)
    assert_accessible(page)


def office_hours_before_today() -> datetime:
    """10:30 on the last working day before today: in office hours, never EDT's."""
    day = timezone.localdate() - timedelta(days=1)
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return datetime.combine(day, time(10, 30), tzinfo=calendar.LONDON)


def test_frans_home_has_the_contact_to_decide(new_page, front_door, fletchers,
                                              call):  # noqa: F811
    received = office_hours_before_today()
    actions.do_record_contact(acting_user=front_door, people=[(fletchers["jack"], "child")],
                              **{**call, "received_at": received})
    page = new_page()
    sign_in(page, front_door)
    expect(what_is_due(page)).to_contain_text("Decide what happens next with the contact")
    expect(what_is_due(page)).to_contain_text("Jack Fletcher")
    assert_accessible(page)


def test_eddies_home_has_the_out_of_hours_contact(new_page, edt_worker, fletchers,  # noqa: F811
                                                  call):  # noqa: F811
    today = timezone.localdate()
    saturday = today - timedelta(days=(today.weekday() - 5) % 7 or 7)  # the last, before today
    received = datetime.combine(saturday, time(21, 15), tzinfo=calendar.LONDON)
    assert calendar.is_edt(received)
    actions.do_record_contact(acting_user=edt_worker, people=[(fletchers["amy"], "child")],
                              **{**call, "received_at": received})
    page = new_page()
    sign_in(page, edt_worker)
    expect(what_is_due(page)).to_contain_text("Decide what happens next with the EDT contact")
    expect(what_is_due(page)).to_contain_text("Amy Fletcher")
    assert_accessible(page)


def test_pats_home_has_the_mash_request_to_answer(new_page, front_door, police_partner,
                                                  police, fletchers, call):  # noqa: F811
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child"), (fletchers["mum"], "adult")],
        **{**call, "received_at": office_hours_before_today()})
    actions.do_decide(contact, acting_user=front_door, outcome="mash",
                      rationale="Need the police's history",
                      mash={"scope": "targeted", "rag": "amber", "agencies": [police]})
    contact.refresh_from_db()
    mash.do_record_consent(contact.mash, fletchers["mum"], acting_user=front_door,
                           status="given", sought_by="Fran, by phone",
                           answered_on=timezone.now())
    mash.do_start_gathering(contact.mash, acting_user=front_door)
    page = new_page()
    sign_in(page, police_partner)
    expect(what_is_due(page)).to_contain_text("Answer the MASH request")
    assert_accessible(page)
