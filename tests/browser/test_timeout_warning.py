"""Sam is writing up a visit when his session nears its idle timeout (issue 15, "Nothing
lost"): GOV.UK's timeout warning opens as a modal dialog (focus moved into it, axe-core
clean), his half-written visit is saved as a draft first, and "Stay signed in" closes it and
moves the session's expiry on. The test drives the page's clock (Playwright's ``clock``) past
the moment the warning is due; it asserts what Sam sees, never how long it took."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from hearth.drafts.models import Draft
from tests.browser.helpers import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def _expiry(page):
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    return Session.objects.get(session_key=key).expire_date


def test_the_timeout_warning_saves_sams_draft_and_stay_signed_in_keeps_his_session(
        page, social_worker, fletchers):
    jack = fletchers["jack"]
    sign_in(page, social_worker)
    page.clock.install()
    page.goto(f"/people/{jack.pk}/visits/new")
    page.get_by_label("Home conditions").fill("Tidy; Jack showed me his room")
    dialog = page.get_by_role("dialog", name="You'll be signed out soon")
    expect(dialog).to_be_hidden()
    with page.expect_response(lambda r: r.url.endswith("/drafts/save")):
        page.clock.run_for("28:30")  # the warning is due 2 minutes before the timeout
        expect(dialog).to_be_visible()
    expect(dialog).to_be_focused()
    assert Draft.objects.get(user=social_worker).fields["home_conditions"] == [
        "Tidy; Jack showed me his room"]
    assert_accessible(page)

    before = _expiry(page)
    with page.expect_response(lambda r: r.url.endswith("/session/keep-alive")):
        dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()
    assert _expiry(page) > before
    # What he typed is still there, and he is still signed in.
    expect(page.get_by_label("Home conditions")).to_have_value("Tidy; Jack showed me his room")
    page.reload()
    expect(page.get_by_text("You have an unsaved draft from")).to_be_visible()
    page.get_by_role("link", name="Restore the draft").click()
    expect(page.get_by_label("Home conditions")).to_have_value("Tidy; Jack showed me his room")
    assert_accessible(page)


def test_sams_case_note_submitted_after_his_session_ended_comes_back_after_signing_in(
        page, social_worker, fletchers):
    """Sam's session ends while he writes a case note about Jack; he presses save anyway. He
    is asked to sign in (and for his code), then sees the form again with what he typed in
    it, not saved until he saves it."""
    from datetime import timedelta

    from django.utils import timezone

    from hearth.records.models import CaseNote
    from tests.browser.helpers import enter_code
    from tests.conftest import PASSWORD, authenticator_app

    jack = fletchers["jack"]
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}/notes/new")
    page.get_by_label("Where", exact=True).fill("The family home")
    page.get_by_label("Who said what").fill("Kerry said Jack slept well and ate breakfast.")
    # Leaving the field saves the draft (htmx): let every save finish while he is signed in,
    # so the one form in flight when the session ends is the submitted one.
    page.keyboard.press("Tab")
    page.wait_for_load_state("networkidle")
    # The idle timeout passes (as if he had been typing for over half an hour).
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    Session.objects.filter(session_key=key).update(
        expire_date=timezone.now() - timedelta(minutes=1))
    page.get_by_role("button", name="Save as draft").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Hearth")
    expect(page.get_by_text("your session ended")).to_be_visible()
    assert "Kerry" not in page.url
    assert_accessible(page)
    page.get_by_label("Username").fill(social_worker.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, authenticator_app(social_worker))

    expect(page.get_by_role("heading", level=1)).to_have_text("Write a case note")
    expect(page.get_by_text("What you typed has been put back into the form.")).to_be_visible()
    expect(page.get_by_label("Who said what")).to_have_value(
        "Kerry said Jack slept well and ate breakfast.")
    assert not CaseNote.objects.exists()
    assert_accessible(page)
