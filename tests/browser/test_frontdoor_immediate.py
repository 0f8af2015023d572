"""Fran takes a call about a child who may be at risk now (R-FD-4): she must choose the urgency
(nothing is chosen for her), chooses "immediate", and the contact goes to the top of the queue
with its own 4-hour deadline, above a contact that is already overdue. axe-core checks every
page on the way.

Then Fran checks a contact about a child the Emergency Duty Team first recorded (R-EDT-3).

The story runs at whatever time the suite runs: a contact received now is the Emergency Duty
Team's out of hours (R-EDT-1), so it is looked for in the queue that holds it now.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from hearth import calendar
from hearth.access.codes import Role
from hearth.access.models import Team
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.models import Contact
from hearth.people.actions import do_create_person
from tests.browser.helpers import assert_accessible, error_summary, sign_in
from tests.browser.test_take_a_call import fill_the_conversation, heading
from tests.conftest import make_user

pytestmark = pytest.mark.browser

IMMEDIATE = "Immediate: a child may be at risk of significant harm now"


@pytest.fixture
def carla(front_door):
    return make_user("carla", Role.TEAM_MANAGER, team=front_door.team, first="Carla",
                     last="Manager")


@pytest.fixture
def edt_worker_user(db):
    edt = Team.objects.create(name="Emergency Duty Team", service="edt")
    return make_user("eddie", Role.ADVANCED_PRACTITIONER, team=edt, first="Eddie", last="Night")


@pytest.fixture
def overdue(front_door, fletchers):
    """A neighbour's routine call ten days ago at 20:00 (out of hours), still undecided."""
    ten_days_ago = timezone.localdate() - timedelta(days=10)
    return actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["amy"], "child")],
        received_at=datetime.combine(ten_days_ago, time(20, 0), calendar.LONDON),
        channel="phone", caller_kind="public", caller_name="A neighbour",
        caller_contact="07700 900000", referral_source="1B", worries="Shouting at night",
        urgency="routine", family_aware=False, family_told_sharing=False,
        not_told_reason="The neighbour fears reprisals")


def test_fran_must_choose_the_urgency_and_an_immediate_contact_tops_the_queue_R_FD_4(
        page, front_door, carla, fletchers, overdue):
    sign_in(page, front_door)
    page.goto("/contacts/new")
    expect(heading(page)).to_have_text("Record a contact")
    assert_accessible(page)

    # Nothing is chosen for her: leaving the urgency empty is an error, named in the summary.
    fill_the_conversation(page, urgency=None)
    page.get_by_role("group", name="Was the family told that information would be shared?"
                     ).get_by_label("Yes").check()
    for choice in ("Immediate", "Today", "Routine"):
        expect(page.get_by_role("radio", name=choice)).not_to_be_checked()
    page.get_by_role("button", name="Continue: who the contact is about").click()
    expect(page).to_have_title("Error: Record a contact – Hearth")
    expect(error_summary(page).get_by_role("link", name="Select how urgent the contact is")
           ).to_be_visible()
    expect(page.get_by_label("Caller's name")).to_have_value("Ms Amira Shah")  # nothing lost
    assert_accessible(page)

    page.get_by_role("radio", name=IMMEDIATE).check()
    page.get_by_role("button", name="Continue: who the contact is about").click()
    expect(heading(page)).to_have_text("Who is the contact about?")
    assert_accessible(page)
    page.get_by_label("Name", exact=True).fill("Jack Fletcher")
    page.get_by_role("button", name="Search").click()
    page.wait_for_function("() => document.querySelector('#find-person [data-govuk-button-init]')")
    page.get_by_role("button", name="Link as a child (Jack Fletcher)").click()
    expect(page.get_by_text("Jack Fletcher is linked as a child.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Record the contact").click()

    contact = Contact.objects.exclude(pk=overdue.pk).get()
    assert contact.urgency == "immediate"
    assert contact.decision_due == contact.received_at + timedelta(hours=4)
    due = timezone.localtime(contact.decision_due).strftime("%H:%M")
    expect(heading(page)).to_have_text(f"Contact {contact.reference}")
    expect(page.get_by_text(f"A decision is due by {due}")).to_be_visible()
    expect(page.locator("#contact-summary")).to_contain_text(
        "Immediate: due within 4 hours of receipt")
    assert_accessible(page)

    # The queue that holds it now: immediate first, above the overdue contact.
    page.goto("/contacts/edt" if contact.is_edt else "/contacts")
    rows = page.locator("#queue tbody tr")
    expect(rows.first).to_contain_text(contact.reference)
    expect(rows.first).to_contain_text("Immediate")
    expect(rows.first).to_contain_text(f"Due {due}: 4-hour deadline")
    expect(page.locator("#queue")).to_contain_text(overdue.reference)
    expect(page.locator("#queue")).to_contain_text("Overdue by")
    assert_accessible(page)


def test_fran_checks_a_child_edt_first_recorded_R_EDT_3(page, front_door, edt_worker_user):
    """Ten days ago at 20:00 Eddie (EDT) took a call about a girl nobody knew, made her record
    and decided early help at once: the contact reached CRS when the office opened, and Fran
    checks it (R-EDT-3)."""
    received = datetime.combine(timezone.localdate() - timedelta(days=10), time(20, 0),
                                calendar.LONDON)
    with time_machine.travel(received + timedelta(minutes=20), tick=False):
        mia = do_create_person(acting_user=edt_worker_user, given_name="Mia",
                               family_name="Stationer")
        contact = actions.do_record_contact(
            acting_user=edt_worker_user, people=[(mia, "child")], new_records={mia.pk},
            received_at=received, channel="phone", caller_kind="professional",
            caller_name="PC Dale", caller_contact="101", referral_source="6",
            worries="A girl of about eight found alone at the station", urgency="immediate",
            family_aware=False, family_told_sharing=False,
            not_told_reason="Her family is not known yet")
        actions.do_decide(contact, acting_user=edt_worker_user, outcome="early_help",
                          rationale="With her aunt tonight; Family Help can support.")
    sign_in(page, front_door)
    page.goto("/contacts")
    row = page.locator("#queue tbody tr").filter(has_text=contact.reference)
    expect(row).to_contain_text("EDT handover")
    expect(row).to_contain_text("Mia Stationer")
    assert_accessible(page)
    row.get_by_role("link", name=contact.reference).click()
    expect(page.locator("#handover")).to_contain_text("Handed to CRS at 09:00")
    assert_accessible(page)
    page.get_by_role("button", name="CRS has checked this contact").click()
    expect(page.get_by_text(f"Contact {contact.reference} is checked")).to_be_visible()
    expect(page.locator("#handover")).to_contain_text("Checked by Fran Door")
    assert_accessible(page)
    page.goto("/contacts")
    expect(page.locator(f'#queue a[href="/contacts/{contact.pk}"]')).to_have_count(0)
