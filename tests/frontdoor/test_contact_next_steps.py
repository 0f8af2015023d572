"""From a contact taken as immediate protection the contact's page offers "Record that Jack
… became looked after" (issue 17: becoming looked after from a front-door decision), to whoever
records children's care — not to Fran at the front door, and not on a routine contact."""

from __future__ import annotations

import pytest
from django.urls import reverse

from hearth.frontdoor.actions import contacts as actions
from tests.frontdoor.conftest import at

pytestmark = pytest.mark.django_db


def _contact(front_door, fletchers, call, urgency):
    return actions.do_record_contact(
        acting_user=front_door, now=at(2026, 11, 17, 11, 0),
        people=[(fletchers["jack"], "child"), (fletchers["mum"], "adult")],
        **{**call, "urgency": urgency})


def test_an_immediate_contact_offers_sam_to_record_jack_became_looked_after(
        as_user, social_worker, front_door, fletchers, call):
    jack = fletchers["jack"]
    urgent = _contact(front_door, fletchers, call, "immediate")
    link = reverse("looked_after:start", args=[jack.pk]) + f"?from=front_door:{urgent.pk}"
    page = as_user(social_worker).get(reverse("contacts:contact", args=[urgent.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert link in text and f"Record that {jack.display_name} became looked after" in text
    assert "Kerry" not in text.split(link)[1].split("</li>")[0]  # the adult is not offered
    fran_sees = as_user(front_door).get(reverse("contacts:contact", args=[urgent.pk]))
    assert link not in fran_sees.content.decode()
    routine = _contact(front_door, fletchers, call, "routine")
    page = as_user(social_worker).get(reverse("contacts:contact", args=[routine.pk]))
    assert "became looked after" not in page.content.decode()
