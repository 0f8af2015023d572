"""Stories of Sam's case notes about Jack Fletcher: written, finalised, amended visibly.

Until the lead includes ``hearth.records.urls`` at the site root, the page tests here use their
own URLconf (``urlpatterns`` below).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

import hearth.records.urls as records_urls
from hearth.access.codes import Role
from hearth.access.models import AuditEntry
from hearth.access.rules import has_permission
from hearth.core.refusals import Refused, StaleEdit
from hearth.records.actions import notes as actions
from hearth.records.codes import NoteStatus
from hearth.records.models import CaseNote, NoteAmendment
from tests.conftest import make_user, sign_in_verified

LONDON = ZoneInfo("Europe/London")


VISIT = {"occurred_at": datetime(2026, 11, 16, 15, 30, tzinfo=LONDON),
         "place": "The family home, 4 Orchard Close",
         "who_said_what": "Kerry said Jack had not been to school since Tuesday.",
         "worker_said": "I explained that Jack must attend school.",
         "actions_taken": "Agreed Kerry will take Jack to school tomorrow.",
         "referrals_made": "School nurse, 16/11/2026",
         "agency_response": "The school nurse will see Jack on Thursday.",
         "opinion": "Kerry seems overwhelmed.",
         "opinion_basis": "She was tearful and the kitchen had no food.",
         "significant_event": True}


@pytest.fixture
def _today(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 10, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def note(fletchers, social_worker, _today) -> CaseNote:
    return actions.do_write_note(fletchers["jack"], acting_user=social_worker, **VISIT)


def _finalised(note: CaseNote, user) -> CaseNote:
    return actions.do_finalise(note, acting_user=user, expected_version=note.version)


def _form(**overrides) -> dict:
    data = {**VISIT, "occurred_at": "16/11/2026 15:30", "significant_event": "on"}
    data.update(overrides)
    return data


def test_r_rec_1_2_3_4_write_finalise_amend_and_the_amendment_is_shown(
        fletchers, social_worker, as_user, _today):
    """R-REC-1..4: Sam writes a note with facts and a marked opinion, finalises it, amends it
    with a reason; the notes page shows author, time, opinion, its basis and the amendment."""
    client = as_user(social_worker)
    jack = fletchers["jack"]
    response = client.post(f"/people/{jack.pk}/notes/new", _form())
    note = CaseNote.objects.get(person=jack)
    assert response.status_code == 302
    assert response["Location"] == f"/notes/{note.pk}"
    assert note.status == NoteStatus.DRAFT
    assert note.author == social_worker
    assert note.involvement == jack.involvements.get()

    response = client.post(f"/notes/{note.pk}/finalise", {"version": note.version})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.status == NoteStatus.FINALISED

    response = client.post(f"/notes/{note.pk}/amend", {
        "field": "place", "new_value": "The family home, 6 Orchard Close",
        "reason": "Wrong house number", "version": note.version})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.place == "The family home, 6 Orchard Close"
    amendment = NoteAmendment.objects.get(note=note)
    assert (amendment.before, amendment.after) == ("The family home, 4 Orchard Close",
                                                   "The family home, 6 Orchard Close")
    assert amendment.amended_by == social_worker

    page = client.get(f"/people/{jack.pk}/notes")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Recorded by Sam Worker on 17 November 2026, 10:00" in html
    assert "Kerry said Jack had not been to school since Tuesday." in html
    assert ">Opinion<" in html and "Kerry seems overwhelmed." in html
    assert "What informed it:</strong> She was tearful" in html
    assert "Significant event" in html
    assert "Wrong house number" in html and "amended by Sam Worker" in html
    assert "4 Orchard Close</del>" in html and "6 Orchard Close</ins>" in html
    actions_logged = set(AuditEntry.objects.filter(object_id=str(jack.pk))
                         .values_list("action", flat=True))
    assert {"case_note.write", "case_note.finalise", "case_note.amend",
            "view_case_notes"} <= actions_logged


def test_notes_are_listed_newest_first(fletchers, social_worker, _today):
    from hearth.records.queries import notes_of

    older = actions.do_write_note(fletchers["jack"], acting_user=social_worker,
                                  **{**VISIT, "occurred_at": datetime(2026, 11, 2, 9, 0,
                                                                      tzinfo=LONDON)})
    newer = actions.do_write_note(fletchers["jack"], acting_user=social_worker, **VISIT)
    assert list(notes_of(social_worker, fletchers["jack"])) == [newer, older]


def test_r_rec_4_editing_a_finalised_note_is_refused(note, social_worker):
    note = _finalised(note, social_worker)
    with pytest.raises(Refused,
                       match="A finalised record cannot be edited; add an amendment"):
        actions.do_update_draft(note, acting_user=social_worker, expected_version=note.version,
                                place="Somewhere else")
    note.refresh_from_db()
    assert note.place == VISIT["place"]


def test_r_rec_4_editing_a_finalised_note_from_the_page_is_refused(note, social_worker,
                                                                   as_user):
    note = _finalised(note, social_worker)
    response = as_user(social_worker).post(f"/notes/{note.pk}/edit",
                                           _form(place="Elsewhere", version=note.version))
    assert response.status_code == 400
    assert "A finalised record cannot be edited; add an amendment" in response.content.decode()
    note.refresh_from_db()
    assert note.place == VISIT["place"]


def test_a_draft_is_edited_in_place_by_its_author(note, social_worker):
    note = actions.do_update_draft(note, acting_user=social_worker,
                                   expected_version=note.version, place="School")
    assert (note.place, note.version) == ("School", 2)
    assert not note.amendments.exists()


def test_only_the_author_finalises(note, team_manager):
    with pytest.raises(Refused, match="Only the author"):
        _finalised(note, team_manager)


def test_r_rec_4_an_amendment_without_a_reason_is_refused(note, social_worker):
    note = _finalised(note, social_worker)
    with pytest.raises(Refused, match="why the record is being amended"):
        actions.do_amend(note, field="place", new_value="School", reason="  ",
                         acting_user=social_worker, expected_version=note.version)
    note.refresh_from_db()
    assert note.place == VISIT["place"] and not note.amendments.exists()


def test_r_rec_4_an_amendment_without_a_reason_is_refused_on_the_page(note, social_worker,
                                                                      as_user):
    note = _finalised(note, social_worker)
    response = as_user(social_worker).post(f"/notes/{note.pk}/amend", {
        "field": "place", "new_value": "School", "reason": "", "version": note.version})
    assert response.status_code == 400
    assert "Enter why the record is being amended" in response.content.decode()
    assert not NoteAmendment.objects.exists()


def test_r_rec_4_an_overlong_place_on_the_amend_page_is_named_not_a_crash(note, social_worker,
                                                                         as_user):
    note = _finalised(note, social_worker)
    response = as_user(social_worker).post(f"/notes/{note.pk}/amend", {
        "field": "place", "new_value": "x" * 201, "reason": "Typo", "version": note.version})
    assert response.status_code == 400
    assert "Where must be 200 characters or fewer" in response.content.decode()
    assert not NoteAmendment.objects.exists()


def test_r_rec_4_a_draft_is_not_amended(note, social_worker):
    with pytest.raises(Refused, match="Only a finalised record is amended"):
        actions.do_amend(note, field="place", new_value="School", reason="typo",
                         acting_user=social_worker, expected_version=note.version)


def test_r_rec_3_an_opinion_without_its_basis_is_refused(fletchers, social_worker, _today):
    with pytest.raises(Refused, match="Say what informed the opinion"):
        actions.do_write_note(fletchers["jack"], acting_user=social_worker,
                              **{**VISIT, "opinion_basis": ""})
    assert not CaseNote.objects.exists()


def test_r_rec_3_amending_away_the_basis_of_an_opinion_is_refused(note, social_worker):
    note = _finalised(note, social_worker)
    with pytest.raises(Refused, match="Say what informed the opinion"):
        actions.do_amend(note, field="opinion_basis", new_value="", reason="not needed",
                         acting_user=social_worker, expected_version=note.version)


def test_r_rec_3_an_opinion_without_its_basis_is_refused_on_the_page(
        fletchers, social_worker, as_user, _today):
    jack = fletchers["jack"]
    response = as_user(social_worker).post(f"/people/{jack.pk}/notes/new",
                                           _form(opinion_basis=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Say what informed the opinion" in html
    assert "Kerry seems overwhelmed." in html  # the input is kept
    assert not CaseNote.objects.exists()


def test_r_rec_4_two_amendments_from_the_same_version_the_second_is_told(
        note, social_worker, team_manager):
    note = _finalised(note, social_worker)
    seen = note.version
    actions.do_amend(note, field="place", new_value="School", reason="Wrong place",
                     acting_user=social_worker, expected_version=seen)
    with pytest.raises(StaleEdit):
        actions.do_amend(note, field="place", new_value="Clinic", reason="Wrong place",
                         acting_user=team_manager, expected_version=seen)
    note.refresh_from_db()
    assert note.place == "School" and note.amendments.count() == 1


def test_r_rec_4_a_stale_amendment_on_the_page_is_409_and_keeps_the_input(
        note, social_worker, team_manager, as_user):
    note = _finalised(note, social_worker)
    seen = note.version
    actions.do_amend(note, field="place", new_value="School", reason="Wrong place",
                     acting_user=social_worker, expected_version=seen)
    response = as_user(team_manager).post(f"/notes/{note.pk}/amend", {
        "field": "worker_said", "new_value": "I said Jack must go to school daily.",
        "reason": "Fuller account", "version": seen})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this record" in html
    assert "I said Jack must go to school daily." in html and "Fuller account" in html
    assert note.amendments.count() == 1


def test_r_rec_2_author_and_time_of_recording_cannot_be_set_from_the_form(
        fletchers, social_worker, team_manager, as_user, _today):
    jack = fletchers["jack"]
    as_user(social_worker).post(f"/people/{jack.pk}/notes/new", _form(
        author=team_manager.pk, author_id=team_manager.pk, recorded_at="01/01/2020 09:00"))
    note = CaseNote.objects.get(person=jack)
    assert note.author == social_worker
    assert note.recorded_at == datetime(2026, 11, 17, 10, 0, tzinfo=LONDON)
    response = as_user(social_worker).post(f"/notes/{note.pk}/edit", _form(
        version=note.version, place="School", author=team_manager.pk,
        recorded_at="01/01/2020 09:00"))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.place == "School"
    assert note.author == social_worker
    assert note.recorded_at == datetime(2026, 11, 17, 10, 0, tzinfo=LONDON)


def test_r_rec_2_author_is_not_an_amendable_part(note, social_worker):
    note = _finalised(note, social_worker)
    with pytest.raises(Refused, match="Choose which part"):
        actions.do_amend(note, field="author", new_value="1", reason="x",
                         acting_user=social_worker, expected_version=note.version)


def test_an_outsider_cannot_find_the_notes(note, outsider, as_user):
    client = as_user(outsider)
    assert client.get(f"/people/{note.person_id}/notes").status_code == 404
    assert client.get(f"/people/{note.person_id}/notes/new").status_code == 404
    assert client.get(f"/notes/{note.pk}").status_code == 404
    assert client.post(f"/notes/{note.pk}/amend", {"field": "place", "new_value": "x",
                                                   "reason": "y", "version": 1}
                       ).status_code == 404


def test_the_note_page_shows_the_draft_forms_to_its_author(note, social_worker, as_user):
    page = as_user(social_worker).get(f"/notes/{note.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Edit the draft" in html and "Finalise the record" in html
    assert "Amend the record" not in html


@pytest.mark.parametrize("role", [*Role.values, "signed_out"])
def test_every_records_page_as_every_role(role, note, north, police, client):
    """The lead's route matrix in small, until the records URLs are included at the root."""
    if role != "signed_out":
        sign_in_verified(client, make_user(f"m-{role}", role, team=north,
                                           agency=police if role == Role.MASH_PARTNER else None))
    failures = []
    for pattern in records_urls.urlpatterns:
        kwargs = {k: (note.person_id if k == "person_id" else note.pk)
                  for k in pattern.pattern.converters}
        response = client.get(reverse(f"records:{pattern.name}", kwargs=kwargs))
        permission = pattern.callback.hearth_permission
        if role == "signed_out":
            ok = response.status_code == 302 and "/sign-in" in response["Location"]
        elif has_permission(role, permission):
            ok = response.status_code in (200, 302, 404, 405)
        else:
            ok = response.status_code == 403
        if not ok:
            failures.append(f"{pattern.name} [{permission}] -> {response.status_code}")
    assert failures == []


def _rendered_form(html: str, action: str) -> dict:
    """What the browser would post back from the form with ``action``: every input, textarea,
    selected option and checked box exactly as the page rendered them."""
    import re
    from html import unescape

    form = re.search(rf'<form[^>]*action="{re.escape(action)}".*?</form>', html, re.S).group(0)
    data: dict[str, str] = {}
    for tag in re.findall(r"<input[^>]*>", form):
        name = re.search(r'name="([^"]+)"', tag)
        value = re.search(r'value="([^"]*)"', tag)
        if not name or name.group(1) == "csrfmiddlewaretoken":
            continue
        if 'type="checkbox"' in tag and " checked" not in tag:
            continue
        data[name.group(1)] = unescape(value.group(1)) if value else ""
    for name, text in re.findall(r'<textarea[^>]*name="([^"]+)"[^>]*>(.*?)</textarea>', form,
                                 re.S):
        data[name] = unescape(text)
    return data


def test_r_rec_2_resaving_an_unchanged_draft_keeps_its_time(fletchers, social_worker, as_user,
                                                           _today):
    """R-REC-2 / issue 11: Sam opens his draft of 16 November 16:30 and saves it without
    changing anything: the time it happened stays 16:30 (it used to become 00:00, because the
    shared field rendered every date-time as a date)."""
    note = actions.do_write_note(fletchers["jack"], acting_user=social_worker,
                                 **{**VISIT, "occurred_at": datetime(2026, 11, 16, 16, 30,
                                                                     tzinfo=LONDON)})
    client = as_user(social_worker)
    page = client.get(f"/notes/{note.pk}").content.decode()
    posted = _rendered_form(page, f"/notes/{note.pk}/edit")
    assert posted["occurred_at"] == "16/11/2026 16:30"
    response = client.post(f"/notes/{note.pk}/edit", posted)
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.occurred_at == datetime(2026, 11, 16, 16, 30, tzinfo=LONDON)
    assert note.version == 1  # nothing changed, nothing written
    assert not AuditEntry.objects.filter(action="case_note.update").exists()


def test_r_rec_2_a_time_to_the_second_survives_a_resave(fletchers, social_worker, as_user,
                                                       _today):
    """A note written through the API at 16:30:45 is not rounded when its draft is saved."""
    note = actions.do_write_note(fletchers["jack"], acting_user=social_worker,
                                 **{**VISIT, "occurred_at": datetime(2026, 11, 16, 16, 30, 45,
                                                                     tzinfo=LONDON)})
    client = as_user(social_worker)
    posted = _rendered_form(client.get(f"/notes/{note.pk}").content.decode(),
                            f"/notes/{note.pk}/edit")
    assert client.post(f"/notes/{note.pk}/edit", posted).status_code == 302
    note.refresh_from_db()
    assert note.occurred_at == datetime(2026, 11, 16, 16, 30, 45, tzinfo=LONDON)


def test_r_rec_2_a_date_without_a_time_is_refused_not_made_midnight(fletchers, social_worker,
                                                                   as_user, _today):
    """Typing only a date does not silently invent 00:00: the field asks for the time."""
    jack = fletchers["jack"]
    response = as_user(social_worker).post(f"/people/{jack.pk}/notes/new",
                                           _form(occurred_at="16/11/2026"))
    assert response.status_code == 400
    assert "When it happened must be a real date and time" in response.content.decode()
    assert not CaseNote.objects.exists()


def test_r_rec_4_the_time_of_a_finalised_note_is_amended_visibly(note, social_worker, as_user):
    """R-REC-4 / issue 11: when it happened is a part of the record like any other: a wrong
    time on a finalised note is amended with a reason, before and after shown."""
    note = _finalised(note, social_worker)
    client = as_user(social_worker)
    page = client.get(f"/notes/{note.pk}").content.decode()
    assert '<option value="occurred_at">When it happened</option>' in page
    no_time = client.post(f"/notes/{note.pk}/amend", {
        "field": "occurred_at", "new_value": "", "new_occurred_at": "",
        "reason": "Wrong time", "version": note.version})
    assert no_time.status_code == 400
    assert "Enter the corrected date and time" in no_time.content.decode()
    response = client.post(f"/notes/{note.pk}/amend", {
        "field": "occurred_at", "new_value": "", "new_occurred_at": "16/11/2026 16:30",
        "reason": "The visit was at half past four", "version": note.version})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.occurred_at == datetime(2026, 11, 16, 16, 30, tzinfo=LONDON)
    amendment = note.amendments.get()
    assert (amendment.field, amendment.before, amendment.after) == (
        "occurred_at", "16 November 2026, 15:30", "16 November 2026, 16:30")
    html = client.get(f"/notes/{note.pk}").content.decode()
    assert "<strong>When it happened</strong> amended by Sam Worker" in html
    assert "<del>16 November 2026, 15:30</del>" in html
    assert "<ins>16 November 2026, 16:30</ins>" in html
    entry = AuditEntry.objects.get(action="case_note.amend")
    assert entry.fields["field"] == "occurred_at"
    assert entry.fields["after"] == "2026-11-16T16:30:00+00:00"


def test_r_rec_4_a_time_amendment_into_the_future_or_unchanged_is_refused(note, social_worker):
    note = _finalised(note, social_worker)
    for new, message in ((datetime(2026, 11, 18, 9, 0, tzinfo=LONDON), "in the past"),
                         (VISIT["occurred_at"], "same as before")):
        with pytest.raises(Refused, match=message):
            actions.do_amend(note, field="occurred_at", new_value=new, reason="Wrong time",
                             acting_user=social_worker, expected_version=note.version)
    note.refresh_from_db()
    assert note.occurred_at == VISIT["occurred_at"] and not note.amendments.exists()


def test_r_rec_4_only_the_author_or_their_team_manager_amends(note, social_worker,
                                                               team_manager, north, as_user):
    """R-REC-4: as with a visit, a colleague who can see the note may not amend it."""
    note = _finalised(note, social_worker)
    colleague = make_user("cleo", Role.SOCIAL_WORKER, team=north)
    client = as_user(colleague)
    page = client.get(f"/notes/{note.pk}")
    assert page.status_code == 200 and "Amend the record" not in page.content.decode()
    assert client.post(f"/notes/{note.pk}/amend", {
        "field": "place", "new_value": "School", "reason": "tidy",
        "version": note.version}).status_code == 403
    with pytest.raises(Refused):
        actions.do_amend(note, field="place", new_value="School", reason="tidy",
                         acting_user=colleague, expected_version=note.version)
    assert not note.amendments.exists()
    assert "Amend the record" in as_user(team_manager).get(f"/notes/{note.pk}").content.decode()
