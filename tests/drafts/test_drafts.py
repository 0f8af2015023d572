"""Stories of what a worker typed and did not lose (issue 15, "Nothing lost"): Sam's
half-written case note and visit kept as drafts, offered and restored when he opens the form
again, his alone, gone when the record is saved or when it is older than the expiry; the
session's keep-alive; a case note posted after the session ended, restored after Sam signs
in again, and never to anyone else."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.drafts import actions, rules
from hearth.drafts.jobs import PURGE_DRAFTS
from hearth.drafts.models import Draft, KeptForm
from hearth.drafts.views import KEPT_COOKIE
from hearth.records.models import CaseNote
from tests.conftest import PASSWORD

HALF_WRITTEN = "Kerry said Jack had not been to school since Tuesday and"


def _note_path(fletchers) -> str:
    return f"/people/{fletchers['jack'].pk}/notes/new"


def _typing(path: str, **fields) -> dict:
    return {"hearth_draft_for": path, "place": "The family home",
            "who_said_what": HALF_WRITTEN, **fields}


def test_sams_half_written_case_note_is_kept_and_restored_when_he_opens_the_form_again(
        fletchers, social_worker, as_user):
    sam = as_user(social_worker)
    path = _note_path(fletchers)
    response = sam.post("/drafts/save", _typing(path, occurred_at_date="3"))
    assert response.status_code == 204
    draft = Draft.objects.get(user=social_worker)
    assert draft.kind == "records:new"
    assert draft.fields["who_said_what"] == [HALF_WRITTEN]
    assert "hearth_draft_for" not in draft.fields and "csrfmiddlewaretoken" not in draft.fields

    page = sam.get(path).content.decode()
    assert "You have an unsaved draft from" in page
    assert "Restore the draft" in page
    assert HALF_WRITTEN not in page  # offered, not shown until he restores it
    audited = AuditEntry.objects.count()

    restored = sam.get(path + "?draft=restore")
    assert restored.status_code == 200
    page = restored.content.decode()
    assert HALF_WRITTEN in page and "The family home" in page
    assert "has not been saved" in page
    assert "govuk-error-summary" not in page  # put back into the form, not submitted
    assert not CaseNote.objects.exists()
    assert AuditEntry.objects.filter(action="restore_draft").count() == 1
    assert AuditEntry.objects.count() >= audited + 1


def test_sams_half_written_visit_is_kept_and_restored(fletchers, social_worker, as_user):
    sam = as_user(social_worker)
    path = f"/people/{fletchers['jack'].pk}/visits/new"
    assert sam.post("/drafts/save", {"hearth_draft_for": path,
                                     "home_conditions": "Jack showed me his room"}
                    ).status_code == 204
    assert sam.get(path).status_code == 200
    page = sam.get(path + "?draft=restore").content.decode()
    assert "Jack showed me his room" in page


def test_saving_drafts_writes_no_audit_row_per_keystroke(fletchers, social_worker, as_user):
    sam = as_user(social_worker)
    path = _note_path(fletchers)
    before = AuditEntry.objects.count()
    for words in ("Kerry", "Kerry said", HALF_WRITTEN):
        sam.post("/drafts/save", _typing(path, who_said_what=words))
    assert AuditEntry.objects.count() == before
    assert Draft.objects.get().fields["who_said_what"] == [HALF_WRITTEN]


def test_tina_cannot_read_sams_draft(fletchers, social_worker, team_manager, as_user):
    """Tina may see Jack's records, but Sam's draft is his alone: she is not offered it, and
    asking to restore it puts nothing in her form."""
    as_user(social_worker).post("/drafts/save", _typing(_note_path(fletchers)))
    tina = as_user(team_manager)
    page = tina.get(_note_path(fletchers) + "?draft=restore").content.decode()
    assert HALF_WRITTEN not in page
    assert "unsaved draft" not in page
    # Discarding "her" draft of the form leaves Sam's alone.
    tina.post("/drafts/discard", {"hearth_draft_for": _note_path(fletchers)})
    assert Draft.objects.filter(user=social_worker).exists()


def test_a_draft_for_a_page_that_keeps_none_is_404(social_worker, as_user):
    sam = as_user(social_worker)
    for path in ("/notifications", "/nowhere", "https://evil.example/", ""):
        assert sam.post("/drafts/save", {"hearth_draft_for": path,
                                         "x": "y"}).status_code == 404
    assert not Draft.objects.exists()


def test_the_draft_is_removed_when_the_case_note_is_saved(fletchers, social_worker, as_user):
    sam = as_user(social_worker)
    path = _note_path(fletchers)
    sam.post("/drafts/save", _typing(path))
    # An hour ago (a fixed 09:00 today is in the future before nine in the morning).
    earlier = timezone.localtime() - timedelta(hours=1)
    response = sam.post(path, {"occurred_at": earlier.strftime("%d/%m/%Y %H:%M"),
                               "place": "The family home", "who_said_what": HALF_WRITTEN})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CaseNote.objects.exists()
    assert not Draft.objects.exists()


def test_discarding_a_draft(fletchers, social_worker, as_user):
    sam = as_user(social_worker)
    path = _note_path(fletchers)
    sam.post("/drafts/save", _typing(path))
    response = sam.post("/drafts/discard", {"hearth_draft_for": path})
    assert response.status_code == 302 and response["Location"] == path
    assert not Draft.objects.exists()
    assert "unsaved draft" not in sam.get(path).content.decode()


def test_a_draft_older_than_the_expiry_is_purged(fletchers, social_worker, as_user,
                                                 time_machine, settings):
    settings.HEARTH_DRAFT_DAYS = 14
    as_user(social_worker).post("/drafts/save", _typing(_note_path(fletchers)))
    time_machine.move_to(timezone.now() + timedelta(days=13), tick=False)
    assert actions.purge() == (0, 0)
    time_machine.move_to(timezone.now() + timedelta(days=2), tick=False)
    from hearth.jobs.actions import HANDLERS

    HANDLERS[PURGE_DRAFTS]({})
    assert not Draft.objects.exists()


def test_the_keep_alive_moves_the_session_expiry(social_worker, as_user, time_machine):
    sam = as_user(social_worker)
    sam.get("/")
    key = sam.cookies["sessionid"].value
    before = Session.objects.get(session_key=key).expire_date
    time_machine.move_to(timezone.now() + timedelta(seconds=20), tick=False)
    sam.get("/")  # an ordinary page moves the expiry at most once a minute
    assert Session.objects.get(session_key=key).expire_date == before
    assert sam.post("/session/keep-alive", HTTP_HEARTH_KEEP_ALIVE="1").status_code == 204
    assert Session.objects.get(session_key=key).expire_date > before


def _expire_session(client: Client, time_machine) -> None:
    client.get("/")
    time_machine.move_to(timezone.now() + timedelta(minutes=31), tick=False)


def _sign_in_again(client: Client, user) -> None:
    from tests.conftest import sign_in_verified

    token = client.get("/sign-in").context["csrf_token"]
    response = client.post("/sign-in", {"username": user.username, "password": PASSWORD,
                                        "csrfmiddlewaretoken": str(token)})
    assert response.status_code == 302
    sign_in_verified(client, user)  # the second factor, as the sign-in tests pass it


@pytest.fixture
def _csrf_checked_client(social_worker):
    from tests.conftest import sign_in_verified

    return sign_in_verified(Client(enforce_csrf_checks=True), social_worker)


def test_a_case_note_posted_after_the_session_ended_comes_back_after_signing_in(
        fletchers, social_worker, _csrf_checked_client, time_machine):
    sam = _csrf_checked_client
    path = _note_path(fletchers)
    page = sam.get(path)
    token = page.context["csrf_token"]
    _expire_session(sam, time_machine)
    response = sam.post(path, {"csrfmiddlewaretoken": str(token), "place": "The family home",
                               "who_said_what": HALF_WRITTEN})
    assert response.status_code == 302
    assert response["Location"].startswith("/sign-in?next=")
    assert HALF_WRITTEN not in response["Location"]
    assert not CaseNote.objects.exists()
    kept = KeptForm.objects.get()
    assert kept.user == social_worker and kept.fields["who_said_what"] == [HALF_WRITTEN]
    assert KEPT_COOKIE in response.cookies

    _sign_in_again(sam, social_worker)
    page = sam.get(path)
    html = page.content.decode()
    assert HALF_WRITTEN in html and "has not been saved" in html
    assert not CaseNote.objects.exists()  # not submitted for him
    assert not KeptForm.objects.exists()
    assert AuditEntry.objects.filter(action="restore_kept_form").count() == 1


def test_a_kept_case_note_is_never_restored_to_another_user(
        fletchers, social_worker, team_manager, _csrf_checked_client, time_machine):
    sam = _csrf_checked_client
    path = _note_path(fletchers)
    token = sam.get(path).context["csrf_token"]
    _expire_session(sam, time_machine)
    sam.post(path, {"csrfmiddlewaretoken": str(token), "who_said_what": HALF_WRITTEN})
    assert KeptForm.objects.exists()

    _sign_in_again(sam, team_manager)  # Tina signs in on the same browser
    html = sam.get(path).content.decode()
    assert HALF_WRITTEN not in html
    assert not KeptForm.objects.exists()  # discarded


def test_a_post_without_its_csrf_token_after_the_session_ended_keeps_nothing(
        fletchers, social_worker, _csrf_checked_client, time_machine):
    sam = _csrf_checked_client
    _expire_session(sam, time_machine)
    response = sam.post(_note_path(fletchers), {"who_said_what": HALF_WRITTEN})
    assert response.status_code == 403
    assert not KeptForm.objects.exists()


def test_a_post_from_a_signed_out_browser_keeps_nothing(fletchers, social_worker, as_user):
    sam = as_user(social_worker)
    sam.post("/sign-out")
    response = sam.post(_note_path(fletchers), {"who_said_what": HALF_WRITTEN})
    assert response.status_code == 302
    assert not KeptForm.objects.exists()


def test_rules_keep_typing_not_tokens():
    fields = rules.kept_fields([("csrfmiddlewaretoken", ["x"]), ("place", ["Home"])])
    assert fields == {"place": ["Home"]}
    assert rules.has_typing(fields)
    assert not rules.has_typing({"version": ["3"], "place": ["  "]})
    assert rules.kept_fields([("a", ["x" * (rules.MAX_CHARACTERS + 1)])]) == {}


def test_a_draft_saved_after_the_session_ended_is_kept_for_sam_alone(
        fletchers, social_worker, _csrf_checked_client, time_machine):
    """The page's next save of its draft may come before the form is submitted: it is kept
    the same way, and the submit that follows (its session cookie now gone) goes to
    sign-in."""
    sam = _csrf_checked_client
    path = _note_path(fletchers)
    token = str(sam.get(path).context["csrf_token"])
    _expire_session(sam, time_machine)
    response = sam.post("/drafts/save", {**_typing(path), "csrfmiddlewaretoken": token})
    assert response.status_code == 204
    assert KeptForm.objects.get().path == path
    assert not Draft.objects.exists()
    response = sam.post(path, {"csrfmiddlewaretoken": token, "who_said_what": HALF_WRITTEN})
    assert response["Location"].startswith("/sign-in?next=") and "expired=1" in response[
        "Location"]
    assert KeptForm.objects.count() == 1
    _sign_in_again(sam, social_worker)
    assert HALF_WRITTEN in sam.get(path).content.decode()


def test_pat_keeps_no_draft_of_a_form_her_role_may_not_fill_in(fletchers, police_partner,
                                                               as_user):
    response = as_user(police_partner).post("/drafts/save", _typing(_note_path(fletchers)))
    assert response.status_code == 404
    assert not Draft.objects.exists()


def test_the_pages_own_autosave_does_not_hold_off_the_idle_timeout(
        fletchers, social_worker, as_user, time_machine):
    """A draft saved every 30 seconds (``Hearth-Idle``) is no sign anyone is there: the
    session's expiry stays; a draft saved on leaving a field is activity and moves it on."""
    sam = as_user(social_worker)
    sam.get("/")
    key = sam.cookies["sessionid"].value
    before = Session.objects.get(session_key=key).expire_date
    time_machine.move_to(timezone.now() + timedelta(minutes=5), tick=False)
    sam.post("/drafts/save", _typing(_note_path(fletchers)), HTTP_HEARTH_IDLE="1")
    assert Session.objects.get(session_key=key).expire_date == before
    assert Draft.objects.exists()
    sam.post("/drafts/save", _typing(_note_path(fletchers)))
    assert Session.objects.get(session_key=key).expire_date > before


def test_a_late_draft_save_with_less_typed_loses_nothing_of_the_submitted_note(
        fletchers, social_worker, _csrf_checked_client, time_machine):
    """Seen in CI: the draft save Sam's page sent when he left "Where" (before the timeout)
    arrives after the timeout and after his submit, with "Who said what" still blank. Both are
    kept; signing in again puts back everything he typed, whichever arrived last."""
    sam = _csrf_checked_client
    path = _note_path(fletchers)
    token = str(sam.get(path).context["csrf_token"])
    _expire_session(sam, time_machine)
    cookies = dict(sam.cookies)
    sam.post(path, {"csrfmiddlewaretoken": token, "place": "The family home",
                    "who_said_what": HALF_WRITTEN})
    sam.cookies.update(cookies)  # the late save was sent with the cookies of before
    time_machine.shift(1)
    response = sam.post("/drafts/save", {**_typing(path), "csrfmiddlewaretoken": token,
                                         "place": "The family home", "who_said_what": ""})
    assert response.status_code == 204 and KeptForm.objects.count() == 2
    _sign_in_again(sam, social_worker)
    html = sam.get(path).content.decode()
    assert HALF_WRITTEN in html and "The family home" in html
    assert not KeptForm.objects.exists()


def test_kept_snapshots_merge_to_the_newest_answer_that_is_not_blank():
    assert rules.merged_kept([{"place": ["Home"], "who_said_what": ["Kerry said"]},
                              {"place": ["Home"], "who_said_what": [""]}]) == {
        "place": ["Home"], "who_said_what": ["Kerry said"]}
    assert rules.merged_kept([{"place": ["Home"]}, {"place": ["School"]}]) == {
        "place": ["School"]}
    assert rules.merged_kept([{"opinion": [""]}]) == {"opinion": [""]}
