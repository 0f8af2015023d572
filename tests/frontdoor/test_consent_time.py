"""Issue 11, "nothing typed is lost or silently changed", on the MASH page: the date of a
parent's consent answer is a date field for a date-time, and saving it again unchanged moved
the recorded time (to noon, or to the moment of saving) and showed the UTC date."""

from __future__ import annotations

import re

import pytest

from hearth.frontdoor.actions import contacts as actions
from hearth.frontdoor.actions import mash
from hearth.frontdoor.models import Consent
from tests.frontdoor.conftest import at


@pytest.fixture
def contact(front_door, fletchers, call, police, health, time_machine):
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    contact = actions.do_record_contact(
        acting_user=front_door, people=[(fletchers["jack"], "child"),
                                        (fletchers["mum"], "adult")], **call)
    actions.do_decide(contact, acting_user=front_door, outcome="mash",
                      rationale="Need police and health history",
                      mash={"scope": "targeted", "rag": "amber", "agencies": [police, health]})
    contact.refresh_from_db()
    return contact


@pytest.mark.django_db
def test_resaving_a_consent_answer_keeps_the_time_it_was_given_R_MASH_3(
        as_user, front_door, contact, fletchers, time_machine):
    """Kerry gave consent at 11:00 on 17 November; the next day Fran adds a note to it without
    touching the date: the answer still says 17 November 11:00."""
    mum = fletchers["mum"]
    mash.do_record_consent(contact.mash, mum, acting_user=front_door, status="given",
                           sought_by="Fran, by phone", answered_on=at(2026, 11, 17, 11, 0))
    time_machine.move_to(at(2026, 11, 18, 9, 30), tick=False)
    fran = as_user(front_door)
    html = fran.get(f"/contacts/{contact.pk}/mash").content.decode()
    shown = re.search(r'id="id_consent-0-answered_on"[^>]*value="([^"]*)"', html)
    assert shown and shown.group(1) == "17/11/2026"
    response = fran.post(f"/contacts/{contact.pk}/mash", {
        "action": "consent", "person": str(mum.pk), "consent-0-status": "given",
        "consent-0-sought_by": "Fran, by phone", "consent-0-answered_on": shown.group(1),
        "consent-0-note": "Kerry asked for a copy of what we share."})
    assert response.status_code in (200, 302)
    consent = Consent.objects.get(person=mum)
    assert consent.note == "Kerry asked for a copy of what we share."
    assert consent.answered_on == at(2026, 11, 17, 11, 0)


@pytest.mark.django_db
def test_a_late_evening_answer_shows_its_london_date(as_user, front_door, contact, fletchers,
                                                     time_machine):
    """An answer at 00:30 BST is shown on its London date, not the UTC day before."""
    time_machine.move_to(at(2026, 11, 17, 11, 0), tick=False)
    mum = fletchers["mum"]
    mash.do_record_consent(contact.mash, mum, acting_user=front_door, status="given",
                           answered_on=at(2026, 7, 2, 0, 30))
    html = as_user(front_door).get(f"/contacts/{contact.pk}/mash").content.decode()
    shown = re.search(r'id="id_consent-0-answered_on"[^>]*value="([^"]*)"', html)
    assert shown and shown.group(1) == "02/07/2026"
