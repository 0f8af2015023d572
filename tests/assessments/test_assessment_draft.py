"""Sam's half-written assessment analysis is kept as a draft on the assessment page (issue
15, "Nothing lost"): offered when he opens the assessment again, put back when he restores
it, removed when he saves the assessment; posted after his session ended, it comes back
after he signs in again."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from hearth.assessments import actions
from hearth.drafts.models import Draft, KeptForm
from tests.conftest import PASSWORD, sign_in_verified

ANALYSIS = "Jacks attendance has fallen since the summer and Kerry"


def _jacks(fletchers, social_worker):
    involvement = fletchers["jack"].involvements.get()
    return actions.do_start_assessment(involvement, acting_user=social_worker)


def test_sams_assessment_draft_is_restored_and_removed_when_saved(fletchers, social_worker,
                                                                  as_user):
    jacks = _jacks(fletchers, social_worker)
    sam = as_user(social_worker)
    page = f"/assessments/{jacks.pk}"
    assert sam.post("/drafts/save", {"hearth_draft_for": page, "version": str(jacks.version),
                                     "analysis": ANALYSIS, "factors": ["3B", "16A"]}
                    ).status_code == 204
    assert "You have an unsaved draft from" in sam.get(page).content.decode()
    html = sam.get(page + "?draft=restore").content.decode()
    assert ANALYSIS in html
    assert 'value="3B" checked' in html and 'value="16A" checked' in html
    assert 'value="1B" checked' not in html

    response = sam.post(f"/assessments/{jacks.pk}/edit", {
        "version": str(jacks.version), "analysis": ANALYSIS + " is managing.",
        "outcome": "cin_plan"})
    assert response.status_code == 302
    assert not Draft.objects.exists()


def test_an_assessment_posted_after_the_session_ended_returns_to_its_page(
        fletchers, social_worker, time_machine):
    jacks = _jacks(fletchers, social_worker)
    sam = sign_in_verified(Client(), social_worker)
    sam.get("/")
    time_machine.move_to(timezone.now() + timedelta(minutes=31), tick=False)
    response = sam.post(f"/assessments/{jacks.pk}/edit", {
        "version": str(jacks.version), "analysis": ANALYSIS})
    assert response.status_code == 302
    assert KeptForm.objects.get().path == f"/assessments/{jacks.pk}"
    assert sam.post("/sign-in", {"username": "sam", "password": PASSWORD}).status_code == 302
    sign_in_verified(sam, social_worker)
    assert ANALYSIS in sam.get(f"/assessments/{jacks.pk}").content.decode()
    jacks.refresh_from_db()
    assert jacks.analysis == ""
