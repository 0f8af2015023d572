"""Fran gathers MASH information with Kerry's consent; Pat, the police partner, sees only the
police request and answers it; Fran reads the answer (R-MASH-3, R-MASH-4). And an override:
Fran asks, Sol approves, Fran records the analysis, Sol signs it off and finds the override
in the report (R-MASH-5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from hearth.access.codes import Role
from hearth.access.models import Agency
from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.models import MashAgencyRequest
from tests.browser.helpers import assert_accessible, error_summary, sign_in
from tests.conftest import make_user

pytestmark = pytest.mark.browser

POLICE_ANSWER = "Two domestic call-outs to the address in October; no arrests."


@pytest.fixture
def health(db):
    return Agency.objects.create(name="Solent NHS Trust", kind="health")


@pytest.fixture
def contact(front_door, fletchers, police, health):
    """A teacher's call about Jack, which Fran has decided needs MASH checks with the police
    and health."""
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child"),
                                        (fletchers["mum"], "adult")],
        received_at=timezone.now() - timedelta(minutes=20), channel="phone",
        caller_kind="professional", caller_name="Ms Amira Shah",
        caller_agency="Northam Primary School", caller_contact="023 8000 0000",
        referral_source="2A", worries="Jack arrived hungry three days running.",
        urgency="today", family_aware=True, family_told_sharing=True)
    actions.do_decide(contact, acting_user=front_door, outcome="mash",
                      rationale="Need police and health history",
                      mash={"scope": "targeted", "rag": "amber", "agencies": [police, health]})
    return contact


def test_fran_asks_with_kerrys_consent_and_pat_answers_for_the_police(
        new_page, front_door, police_partner, contact, fletchers):
    frans_page, pats_page = new_page(), new_page()
    sign_in(frans_page, front_door)
    frans_page.goto(f"/contacts/{contact.pk}/mash")
    expect(frans_page.get_by_role("heading", level=1)).to_have_text("MASH information gathering")
    assert_accessible(frans_page)

    # Without Kerry's consent (or an approved override) nobody is asked.
    ask = frans_page.get_by_role("button", name="Ask the partners")
    ask.click()
    expect(error_summary(frans_page)).to_contain_text(
        "Every person with parental responsibility must consent")
    expect(frans_page).to_have_title(f"Error: MASH information gathering – {contact.reference} "
                                     "– Hearth")
    assert not MashAgencyRequest.objects.exists()
    assert_accessible(frans_page)

    frans_page.get_by_label("Given").check()
    frans_page.get_by_label("Who sought consent, and how").fill("Fran, by phone")
    frans_page.get_by_label("Date of the answer").fill(f"{timezone.localdate():%d/%m/%Y}")
    frans_page.get_by_role("button", name="Record consent from Kerry Fletcher").click()
    expect(frans_page.get_by_text("Kerry Fletcher's consent was recorded.")).to_be_visible()
    assert_accessible(frans_page)

    frans_page.get_by_label("What do you want to ask the partners? (optional)").fill(
        "Any call-outs to the address, or health concerns about Jack?")
    ask.click()
    expect(frans_page.get_by_text("The partners were asked: Hampshire Police, Solent NHS "
                                  "Trust.")).to_be_visible()
    assert_accessible(frans_page)
    police = MashAgencyRequest.objects.get(agency__kind="police")
    health = MashAgencyRequest.objects.get(agency__kind="health")

    # Pat sees the police request only, with the minimum to find the police's records.
    sign_in(pats_page, police_partner)
    pats_page.goto("/mash/requests")
    expect(pats_page.get_by_role("heading", level=1)).to_have_text(
        "MASH requests for your agency")
    expect(pats_page.get_by_role("link", name=f"R{health.pk:06d}")).to_have_count(0)
    assert_accessible(pats_page)
    pats_page.get_by_role("link", name=f"R{police.pk:06d}").click()
    expect(pats_page.get_by_role("heading", level=1)).to_have_text(
        f"MASH request R{police.pk:06d}")
    expect(pats_page.get_by_role("cell", name="Jack Fletcher")).to_be_visible()
    expect(pats_page.get_by_text("Any call-outs to the address")).to_be_visible()
    expect(pats_page.get_by_text(contact.worries)).to_have_count(0)
    assert_accessible(pats_page)

    send = pats_page.get_by_role("button", name="Send the answer")
    send.click()
    expect(error_summary(pats_page).get_by_role(
        "link", name="Enter where the information comes from")).to_be_visible()
    assert_accessible(pats_page)

    pats_page.get_by_label("What your agency knows").fill(POLICE_ANSWER)
    pats_page.get_by_label("Where the information comes from").fill("Police national database")
    pats_page.get_by_label("Date of the information").fill("12/10/2026")
    send.click()
    expect(pats_page.get_by_text(f"Your answer to R{police.pk:06d} was sent.")).to_be_visible()
    assert_accessible(pats_page)

    # The health request and Jack's record are not Pat's to see.
    shown = pats_page.goto(f"/mash/requests/{health.pk}")
    assert shown is not None and shown.status == 404
    assert_accessible(pats_page)
    shown = pats_page.goto(f"/people/{fletchers['jack'].pk}")
    assert shown is not None and shown.status == 404

    frans_page.reload()
    expect(frans_page.get_by_text(POLICE_ANSWER)).to_be_visible()
    expect(frans_page.get_by_text("Police national database")).to_be_visible()
    assert_accessible(frans_page)


@pytest.fixture
def on_call_manager(front_door):
    """Sol manages the CRS service and is on the on-call rota now (``hearth oncall``)."""
    from hearth.safety.actions.oncall import do_add_on_call

    sol = make_user("sol", Role.SERVICE_MANAGER, team=front_door.team, first="Sol",
                    last="Senior")
    do_add_on_call(acting_user=None, user=sol, starts_at=timezone.now() - timedelta(hours=1),
                   ends_at=timezone.now() + timedelta(hours=12))
    return sol


def test_sol_approves_frans_override_and_finds_it_in_the_report(
        new_page, front_door, on_call_manager, contact):
    """Sol is a CRS manager (in hours) and the senior manager on call now (out of hours), so
    this story holds at any time (R-MASH-3)."""
    frans_page, sols_page = new_page(), new_page()
    mash_page = f"/contacts/{contact.pk}/mash"
    sign_in(frans_page, front_door)
    frans_page.goto(mash_page)
    reason = frans_page.get_by_label(
        "Why would seeking consent place a child at risk of significant harm?")
    reason.fill("because")
    frans_page.get_by_role("button", name="Request an override").click()
    expect(error_summary(frans_page)).to_contain_text("at least 20 characters")
    assert_accessible(frans_page)
    reason.fill("Asking mum would alert her partner, who Jack says hurts him.")
    frans_page.get_by_role("button", name="Request an override").click()
    expect(frans_page.get_by_text("Awaiting a manager's approval")).to_be_visible()
    expect(frans_page.get_by_role("button", name="Approve the override")).to_have_count(0)
    assert_accessible(frans_page)

    sign_in(sols_page, on_call_manager)
    sols_page.goto(mash_page)
    sols_page.get_by_role("button", name="Approve the override").click()
    expect(sols_page.get_by_text("You approved the consent override.")).to_be_visible()
    assert_accessible(sols_page)

    frans_page.reload()
    frans_page.get_by_role("button", name="Ask the partners").click()
    expect(frans_page.get_by_text("The partners were asked: Hampshire Police")).to_be_visible()
    record = frans_page.get_by_role("button", name="Record the analysis")
    record.click()
    expect(error_summary(frans_page).get_by_role(
        "link", name="Enter your analysis of what the partners said")).to_be_visible()
    assert_accessible(frans_page)
    frans_page.get_by_label("Your analysis of what the partners said").fill(
        "No answers yet, but the risk is clear: a strategy discussion is needed.")
    record.click()
    expect(frans_page.get_by_text("A CRS manager must sign it off").first).to_be_visible()
    assert_accessible(frans_page)

    # R-MASH-5: Sol signs the analysis off; the contact is back at the decision step.
    sols_page.goto(mash_page)
    sols_page.get_by_role("button", name="Sign off the analysis").click()
    expect(sols_page.get_by_text("is back at the decision step").first).to_be_visible()
    assert_accessible(sols_page)

    sols_page.goto("/reports/consent-overrides")
    expect(sols_page.get_by_role("heading", level=1)).to_have_text("Consent overrides")
    expect(sols_page.get_by_role("link", name=contact.reference)).to_be_visible()
    expect(sols_page.get_by_role("cell", name="Sol Senior")).to_be_visible()
    assert_accessible(sols_page)
