"""Chris's half-recorded conference outcome is kept as a draft (issue 15, "Nothing lost"):
restored with the family rows he had typed, removed when he records the outcome."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.drafts.models import Draft
from hearth.protection.actions import conferences as actions
from hearth.protection.codes import S47Outcome

pytestmark = pytest.mark.django_db

MINUTES = "Kerry described the week since the strategy discussion and"


@pytest.fixture
def icpc(fletchers, social_worker, chair, enquiry_for):
    enquiry = enquiry_for(fletchers["jack"])
    enquiry.outcome = S47Outcome.SUBSTANTIATED_ICPC
    enquiry.save()
    return actions.do_arrange_conference(
        fletchers["jack"], acting_user=social_worker, kind="icpc",
        held_on=timezone.localdate() - timedelta(days=1), chair=chair, enquiry=enquiry,
        invitees=[{"name": "DC Pat Officer", "agency": "Hampshire Police"}])


def test_chris_restores_his_conference_outcome_draft(icpc, fletchers, chair, social_worker,
                                                     as_user):
    chris = as_user(chair)
    page = f"/conferences/{icpc.pk}/outcome"
    assert chris.post("/drafts/save", {
        "hearth_draft_for": page, "version": str(icpc.version), "minutes": MINUTES,
        "family-count": "1", "family-0-person": "", "family-0-name": "Dean Hughes",
        "family-0-relationship": "Mother's partner"}).status_code == 204
    assert "You have an unsaved draft from" in chris.get(page).content.decode()
    html = chris.get(page + "?draft=restore").content.decode()
    assert MINUTES in html and "Dean Hughes" in html

    invitee = icpc.invitees.get()
    response = chris.post(page, {
        "version": str(icpc.version),
        "held_on": (timezone.localdate() - timedelta(days=1)).strftime("%d/%m/%Y"),
        f"attendance_{invitee.pk}": "attended", "family-count": "1",
        "family-0-person": str(fletchers["mum"].pk), "family-0-relationship": "Mother",
        "family-0-participation": "attended", "decision": "plan", "category": "PHY",
        "lead_social_worker": str(social_worker.pk),
        "minutes": MINUTES + " agreed the plan.", "outline_plan": "Jack to attend school."})
    assert response.status_code == 302
    assert not Draft.objects.exists()
