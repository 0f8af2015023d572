"""A CRS manager authorises Fran's decision about an ordinary child and mother (R-FD-5, R-FD-3;
seed 003): Fran proposes a strategy discussion, which waits for a manager; Carla, the CRS team
manager, sees who the contact is about (their names, not "Restricted record"), opens the
child's page (not a 404) and authorises. axe-core checks every page on the way."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.codes import ContactStatus, DecisionStatus
from hearth.frontdoor.models import Decision
from hearth.people import actions as people
from tests.browser.helpers import assert_accessible, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser

STRATEGY = "Strategy discussion (section 47) needed"


@pytest.fixture
def carla(front_door):
    """The CRS team manager."""
    return make_user("carla", Role.TEAM_MANAGER, team=front_door.team, first="Carla",
                     last="Manager")


@pytest.fixture
def okafors(front_door):
    """A child and his mother the front door has just met: no team works with them."""
    mum = people.do_create_person(acting_user=front_door, given_name="Nadia",
                                  family_name="Okafor", date_of_birth=date(1992, 6, 1), sex="F")
    tobi = people.do_create_person(acting_user=front_door, given_name="Tobi",
                                   family_name="Okafor", date_of_birth=date(2018, 2, 9), sex="M")
    people.do_add_relationship(mum, tobi, acting_user=front_door, kind="mother",
                               parental_responsibility=True)
    return {"mum": mum, "tobi": tobi}


@pytest.fixture
def contact(front_door, okafors):
    """A health visitor's call an hour ago, recorded by Fran."""
    return actions.do_record_contact(
        acting_user=front_door, people=[(okafors["tobi"], "child"), (okafors["mum"], "adult")],
        received_at=timezone.now() - timedelta(hours=1), channel="phone",
        caller_kind="professional", caller_name="Jo Reid", caller_agency="Solent NHS Trust",
        caller_role="Health visitor", caller_contact="023 8000 1111", referral_source="3B",
        worries="Tobi has a burn on his hand that mum cannot explain.", urgency="today",
        family_aware=True, family_told_sharing=True)


def heading(page):
    return page.get_by_role("heading", level=1)


def test_a_crs_manager_sees_the_family_and_authorises_frans_decision_R_FD_5(
        page, new_page, front_door, carla, okafors, contact):
    # Fran proposes a strategy discussion: it waits for a manager (seed 003).
    sign_in(page, front_door)
    page.goto(f"/contacts/{contact.pk}")
    expect(heading(page)).to_have_text(f"Contact {contact.reference}")
    assert_accessible(page)
    page.get_by_role("radio", name=STRATEGY).check()
    page.get_by_label("Reasons for the decision").fill(
        "An unexplained burn on a seven-year-old: reasonable cause to suspect significant harm.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("was sent to a manager to authorise")).to_be_visible()
    expect(page.locator("#awaiting-authorisation")).to_contain_text("you proposed it")
    expect(page.get_by_role("button", name="Authorise", exact=True)).to_have_count(0)
    assert_accessible(page)

    # Carla finds it in her queue (the story holds in and out of office hours).
    carlas = new_page()
    sign_in(carlas, carla)
    carlas.goto("/contacts")
    expect(heading(carlas)).to_have_text("Front-door queue")
    to_authorise = carlas.locator("#to-authorise")
    expect(to_authorise).to_contain_text(STRATEGY)
    expect(carlas.get_by_text("restricted record")).to_have_count(0)
    assert_accessible(carlas)

    # She sees who the contact is about, not "Restricted record".
    to_authorise.get_by_role("link", name=contact.reference).click()
    expect(heading(carlas)).to_have_text(f"Contact {contact.reference}")
    linked = carlas.locator("#linked-people")
    expect(linked.get_by_role("link", name="Tobi Okafor")).to_be_visible()
    expect(linked.get_by_role("link", name="Nadia Okafor")).to_be_visible()
    expect(linked).not_to_contain_text("Restricted record")
    assert_accessible(carlas)
    contact_path = f"/contacts/{contact.pk}"

    # She opens Tobi's page: it is there for her, not a 404.
    linked.get_by_role("link", name="Tobi Okafor").click()
    expect(heading(carlas)).to_have_text("Tobi Okafor")
    assert_accessible(carlas)

    # And authorises the strategy discussion.
    carlas.goto(contact_path)
    expect(carlas.get_by_role("heading", name="Authorise the proposed decision")).to_be_visible()
    carlas.get_by_role("button", name="Authorise", exact=True).click()
    expect(carlas.get_by_text("You authorised the decision")).to_be_visible()
    assert_accessible(carlas)
    contact.refresh_from_db()
    assert contact.status == ContactStatus.DECIDED
    decision = Decision.objects.get(contact=contact)
    assert decision.status == DecisionStatus.AUTHORISED and decision.reviewed_by == carla
