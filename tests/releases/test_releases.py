"""Stories of a copy of records (R-REC-9): Kerry Fletcher asks for a copy of her records; Sam,
her children's social worker, prepares it, redacts the neighbour who called, withholds a
police item, releases it (audited, with its sha256) and downloads it. Nobody changes it
afterwards; a MASH partner and an outsider cannot reach it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from hearth.access.models import AuditEntry
from hearth.frontdoor.actions import contacts as frontdoor
from hearth.people import actions as people
from hearth.records.actions import notes as records
from hearth.releases import rules
from hearth.releases import views as pdf
from hearth.releases.actions import do_start_release
from hearth.releases.models import Release, ReleaseStatus
from hearth.releases.queries.compile import compile_records

LONDON = ZoneInfo("Europe/London")
NEIGHBOUR = "Dawn Hollis"
POLICE_WORRY = "Officers attended a domestic incident at Kerry's flat on 14 November."
REASON = "Crime and taxation: DPA 2018 Schedule 2 paragraph 2 (ongoing police enquiry)"


@pytest.fixture
def _today(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)


def _call(**overrides) -> dict:
    call = {"received_at": datetime(2026, 11, 16, 10, 0, tzinfo=LONDON), "channel": "phone",
            "caller_kind": "public", "caller_name": NEIGHBOUR,
            "caller_contact": "07700 900123", "caller_relationship": "Neighbour",
            "referral_source": "1B", "urgency": "routine",
            "worries": "Dawn Hollis heard shouting from the flat; DAWN says the children cry.",
            "family_aware": False, "family_told_sharing": False,
            "not_told_reason": "The neighbour fears reprisals"}
    call.update(overrides)
    return call


def _note(person, user, text: str, *, finalise: bool = True, hour: int = 9):
    note = records.do_write_note(person, acting_user=user, occurred_at=datetime(
        2026, 11, 16, hour, 0, tzinfo=LONDON), place="Kerry's flat", who_said_what=text)
    return records.do_finalise(note, acting_user=user, expected_version=note.version) \
        if finalise else note


@pytest.fixture
def kerrys_records(fletchers, social_worker, _today):
    """Kerry's record: a neighbour's call, a police notification, her case notes (one still a
    draft) and an amendment that names the neighbour again."""
    kerry, jack = fletchers["mum"], fletchers["jack"]
    people.do_add_address(kerry, acting_user=social_worker, line1="Flat 2, 4 Orchard Close",
                          postcode="SO14 1AA", town="Southampton", start_date=date(2024, 3, 1))
    neighbour = frontdoor.do_record_contact(acting_user=social_worker, people=[
        (jack, "child"), (kerry, "adult")], **_call())
    police = frontdoor.do_record_contact(acting_user=social_worker, people=[
        (jack, "child"), (kerry, "adult")], **_call(
            caller_kind="professional", caller_name="PC Lee Grant",
            caller_agency="Hampshire Police", caller_relationship="", referral_source="6",
            worries=POLICE_WORRY, family_told_sharing=True, not_told_reason=""))
    frontdoor.do_decide(neighbour, acting_user=social_worker, outcome="nfa",
                        rationale="Kerry is working with Sam already", advice="Call again",
                        referrer_plan="Dawn will call again if worried")
    note = _note(kerry, social_worker, "Kerry said Dawn Hollis next door shouts at her.")
    records.do_amend(note, field="worker_said", new_value="I said I would speak to dawn hollis.",
                     reason="Left out", acting_user=social_worker,
                     expected_version=note.version)
    _note(kerry, social_worker, "DRAFT: not for the copy", finalise=False, hour=10)
    return {"kerry": kerry, "neighbour": neighbour, "police": police, "note": note}


def _start(client, kerry, **data):
    return client.post(f"/people/{kerry.pk}/releases/new",
                       {"requested_by": "Kerry Fletcher", "requested_on": "16/11/2026", **data})


def _copy_text(content: dict) -> str:
    return "\n".join([item["title"] for s in content["sections"] for item in s["items"]]
                     + [v for s in content["sections"] for item in s["items"]
                        for _, v in item["lines"]])


def test_r_rec_9_sam_prepares_kerrys_copy_redacts_the_neighbour_withholds_police_and_releases(
        kerrys_records, social_worker, as_user):
    """R-REC-9: Kerry asks for her records. Sam starts the copy (due a calendar month later),
    ticks the suggested neighbour's name, withholds the police item with a reason, checks
    the copy and releases it: frozen, fingerprinted and audited."""
    kerry, police = kerrys_records["kerry"], kerrys_records["police"]
    sam = as_user(social_worker)

    person_page = sam.get(f"/people/{kerry.pk}")
    assert b"Prepare a copy of records" in person_page.content
    assert sam.get(f"/people/{kerry.pk}/releases").status_code == 200

    response = _start(sam, kerry)
    release = Release.objects.get(person=kerry)
    assert response.status_code == 302 and response["Location"] == f"/releases/{release.pk}"
    assert release.due_on == date(2026, 12, 16)
    assert release.status == ReleaseStatus.DRAFT
    assert AuditEntry.objects.filter(action="records.release_start",
                                     object_id=str(kerry.pk)).count() == 1

    page = sam.get(f"/releases/{release.pk}")
    assert page.status_code == 200
    form = page.context["review_form"]
    offered = [value for value, _ in form.fields["terms"].choices]
    assert NEIGHBOUR in offered and "Dawn" in offered and "Hollis" in offered
    assert "PC Lee Grant" in offered
    assert not {"Kerry", "Fletcher", "Kerry Fletcher"} & set(offered)
    preview = _copy_text(page.context["copy"])
    assert NEIGHBOUR in preview and POLICE_WORRY in preview
    assert "DRAFT: not for the copy" not in preview  # drafts are not in the copy
    assert "07700 900123" not in preview  # the caller's number is never in the copy
    assert "I said I would speak to dawn hollis." in preview  # amendments are

    response = sam.post(f"/releases/{release.pk}", {
        "terms": [NEIGHBOUR, "Dawn"], "extra_terms": "Hollis\n",
        "withhold_item": f"contact:{police.pk}", "withhold_reason": REASON,
        "version": release.version})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.redaction_terms == [NEIGHBOUR, "Dawn", "Hollis"]
    assert release.withheld == {f"contact:{police.pk}": REASON}
    assert AuditEntry.objects.filter(action="records.release_update").count() == 1

    page = sam.get(f"/releases/{release.pk}")
    preview = _copy_text(page.context["copy"])
    assert "hollis" not in preview.casefold() and "dawn" not in preview.casefold()
    assert rules.REDACTED in preview
    assert POLICE_WORRY not in preview and "PC Lee Grant" not in preview
    assert rules.WITHHELD_LINE in preview and REASON not in preview
    assert REASON.encode() in page.content  # shown to Sam as internal, not in the copy

    no_tick = sam.post(f"/releases/{release.pk}/release", {
        "version": release.version, "sha256": page.context["release_form"]["sha256"].value()})
    assert no_tick.status_code == 400
    assert b"Confirm that you have checked the copy" in no_tick.content
    assert Release.objects.get(pk=release.pk).status == ReleaseStatus.DRAFT

    response = sam.post(f"/releases/{release.pk}/release", {
        "confirm": "on", "version": release.version,
        "sha256": page.context["release_form"]["sha256"].value()})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == ReleaseStatus.RELEASED
    assert release.released_by == social_worker and release.released_at is not None
    assert release.snapshot_sha256 == rules.fingerprint(release.snapshot)
    frozen = _copy_text(release.snapshot)
    assert "hollis" not in frozen.casefold() and POLICE_WORRY not in frozen
    assert REASON not in str(release.snapshot)
    entry = AuditEntry.objects.get(action="records.release")
    assert entry.object_type == "people.person" and entry.object_id == str(kerry.pk)
    assert entry.username == "sam"
    assert entry.fields["sha256"] == release.snapshot_sha256
    assert entry.fields["withheld"] == 1 and entry.fields["terms"] == 3
    assert entry.fields["items"] >= 5 and entry.fields["redactions"] >= 5

    listing = sam.get(f"/people/{kerry.pk}/releases")
    assert b"Released" in listing.content and release.reference.encode() in listing.content


@pytest.fixture
def released(kerrys_records, social_worker, as_user):
    kerry, police = kerrys_records["kerry"], kerrys_records["police"]
    sam = as_user(social_worker)
    release = do_start_release(kerry, acting_user=social_worker, requested_by="Kerry Fletcher",
                               requested_on=date(2026, 11, 16))
    assert sam.post(f"/releases/{release.pk}", {
        "terms": [NEIGHBOUR, "Dawn"], "withhold_item": f"contact:{police.pk}",
        "withhold_reason": REASON, "version": 1}).status_code == 302
    assert sam.post(f"/releases/{release.pk}/release",
                    {"confirm": "on", "version": 2}).status_code == 302
    release.refresh_from_db()
    return release


def test_r_rec_9_a_released_copy_cannot_be_changed(released, social_worker, as_user,
                                                   kerrys_records):
    """R-REC-9: once released the copy is frozen; later edits are refused (400, nothing
    written) and later records do not change what was released."""
    sam = as_user(social_worker)
    before = (released.version, released.snapshot_sha256, released.redaction_terms,
              AuditEntry.objects.count())
    edit = sam.post(f"/releases/{released.pk}", {
        "terms": [], "extra_terms": "Kerry", "version": released.version})
    assert edit.status_code == 400
    assert rules.RELEASED_REFUSAL.encode() in edit.content
    again = sam.post(f"/releases/{released.pk}/release",
                     {"confirm": "on", "version": released.version})
    assert again.status_code == 400
    assert rules.RELEASED_REFUSAL.encode() in again.content
    released.refresh_from_db()
    assert (released.version, released.snapshot_sha256, released.redaction_terms,
            AuditEntry.objects.count()) == before

    _note(kerrys_records["kerry"], social_worker, "Written after the release.", hour=11)
    page = sam.get(f"/releases/{released.pk}")
    assert page.status_code == 200
    assert b"Written after the release." not in page.content
    assert b"Written after the release." not in pdf.render_html(released).encode()
    assert released.snapshot_sha256.encode() in page.content


def test_r_rec_9_the_download_is_the_released_pdf_and_is_audited(released, social_worker,
                                                                  as_user):
    """R-REC-9: the download is a PDF of the frozen copy; each download is audited."""
    sam = as_user(social_worker)
    response = sam.get(f"/releases/{released.pk}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response.content[:4] == b"%PDF"
    sam.get(f"/releases/{released.pk}/pdf")
    downloads = AuditEntry.objects.filter(action="records.release_download",
                                          object_id=str(released.person_id))
    assert downloads.count() == 2
    assert {e.fields["sha256"] for e in downloads} == {released.snapshot_sha256}
    html = pdf.render_html(released)
    assert rules.REDACTED in html and NEIGHBOUR not in html and REASON not in html


def test_r_rec_9_a_draft_has_nothing_to_download(kerrys_records, social_worker, as_user):
    release = do_start_release(kerrys_records["kerry"], acting_user=social_worker,
                               requested_by="Kerry Fletcher", requested_on=date(2026, 11, 16))
    response = as_user(social_worker).get(f"/releases/{release.pk}/pdf")
    assert response.status_code == 302 and response["Location"] == f"/releases/{release.pk}"
    assert not AuditEntry.objects.filter(action="records.release_download").exists()


def test_r_rec_9_stale_edit_is_409_and_keeps_the_input(kerrys_records, social_worker,
                                                       team_manager, as_user):
    """Sam and Tina review the same copy; Tina saves first; Sam's save is 409 with his input
    kept, and nothing of his is written."""
    release = do_start_release(kerrys_records["kerry"], acting_user=social_worker,
                               requested_by="Kerry Fletcher", requested_on=date(2026, 11, 16))
    tina, sam = as_user(team_manager), as_user(social_worker)
    assert tina.post(f"/releases/{release.pk}", {"terms": [NEIGHBOUR],
                                                 "version": 1}).status_code == 302
    response = sam.post(f"/releases/{release.pk}", {"extra_terms": "Shouty Neighbour",
                                                    "version": 1})
    assert response.status_code == 409
    assert b"Shouty Neighbour" in response.content
    assert b"Someone else changed this copy" in response.content
    release.refresh_from_db()
    assert release.redaction_terms == [NEIGHBOUR] and release.version == 2
    # Saving again from the kept form applies Sam's change on top of Tina's.
    kept = response.context["review_form"]
    assert kept["version"].value() == "2"


def test_r_rec_9_records_changed_after_checking_is_409_and_not_released(
        kerrys_records, social_worker, as_user):
    release = do_start_release(kerrys_records["kerry"], acting_user=social_worker,
                               requested_by="Kerry Fletcher", requested_on=date(2026, 11, 16))
    sam = as_user(social_worker)
    checked = sam.get(f"/releases/{release.pk}").context["release_form"]["sha256"].value()
    _note(kerrys_records["kerry"], social_worker, "A new note after checking.", hour=11)
    response = sam.post(f"/releases/{release.pk}/release",
                        {"confirm": "on", "version": 1, "sha256": checked})
    assert response.status_code == 409
    assert b"The records changed after you checked the copy" in response.content
    assert Release.objects.get(pk=release.pk).status == ReleaseStatus.DRAFT
    assert not AuditEntry.objects.filter(action="records.release").exists()


def test_bad_input_is_400_naming_the_field_and_writes_nothing(kerrys_records, social_worker,
                                                               as_user):
    sam, kerry = as_user(social_worker), kerrys_records["kerry"]
    response = _start(sam, kerry, requested_by=" ", requested_on="31/02/2026")
    assert response.status_code == 400
    assert b"Enter who asked for the copy" in response.content
    assert b"When they asked must be a real date" in response.content
    future = _start(sam, kerry, requested_on="18/11/2026")
    assert future.status_code == 400
    assert b"When they asked must be today or in the past" in future.content
    assert not Release.objects.exists()

    release = do_start_release(kerry, acting_user=social_worker, requested_by="Kerry",
                               requested_on=date(2026, 11, 16))
    for data, message in (
            ({"withhold_item": f"contact:{kerrys_records['police'].pk}"},
             b"Enter why the item is withheld"),
            ({"withhold_reason": "A reason"}, b"Choose the item to withhold"),
            ({"extra_terms": "Dawn\nx"}, b"at least 2 characters"),
            ({"withhold_item": "contact:0", "withhold_reason": "A reason"},
             b"Select a valid choice")):
        response = sam.post(f"/releases/{release.pk}", {**data, "version": 1})
        assert response.status_code == 400, data
        assert message in response.content and b"govuk-error-summary" in response.content
    release.refresh_from_db()
    assert release.version == 1 and release.redaction_terms == [] and release.withheld == {}


def test_the_mash_partner_is_refused_and_an_outsider_cannot_see_the_copy(
        released, police_partner, outsider, as_user, kerrys_records, social_worker, police):
    """Pat (police, MASH) may not release records (403) even for a family shared with the
    police; Olly, in another team, does not see the Fletchers: every page is 404."""
    people.do_share_with_agency(kerrys_records["kerry"], acting_user=social_worker,
                                agency=police, reason="MASH enquiry")
    kerry = kerrys_records["kerry"]
    pages = [f"/people/{kerry.pk}/releases", f"/people/{kerry.pk}/releases/new",
             f"/releases/{released.pk}", f"/releases/{released.pk}/pdf"]
    pat, olly = as_user(police_partner), as_user(outsider)
    for url in pages:
        assert pat.get(url).status_code == 403, url
        assert olly.get(url).status_code == 404, url
    assert pat.post(f"/releases/{released.pk}/release", {"confirm": "on"}).status_code == 403
    assert olly.post(f"/releases/{released.pk}/release", {"confirm": "on"}).status_code == 404
    assert olly.post(f"/people/{kerry.pk}/releases/new", {
        "requested_by": "x", "requested_on": "16/11/2026"}).status_code == 404
    assert not AuditEntry.objects.filter(action="records.release_download").exists()
    assert Release.objects.count() == 1


def test_compiling_the_copy_does_not_query_per_item(fletchers, social_worker, _today):
    """The copy is compiled in a fixed number of queries however many items there are."""
    from hearth.assessments.actions import do_record_source, do_start_assessment
    from hearth.visits.actions import do_record_visit

    jack = fletchers["jack"]

    def add_one_of_each(n: int) -> None:
        contact = frontdoor.do_record_contact(acting_user=social_worker,
                                              people=[(jack, "child")], **_call())
        frontdoor.do_decide(contact, acting_user=social_worker, outcome="nfa",
                            rationale="Advice", advice="Call again", referrer_plan="Will call")
        note = _note(jack, social_worker, f"Note {n}")
        records.do_amend(note, field="place", new_value=f"School {n}", reason="Wrong place",
                         acting_user=social_worker, expected_version=note.version)
        do_record_visit(jack, acting_user=social_worker, kind="planned", place="Home",
                        child_seen=True, outcome="completed",
                        starts_at=datetime(2026, 11, 10 + n, 10, 0, tzinfo=LONDON))
        people.do_add_address(jack, acting_user=social_worker, line1=f"{n} Orchard Close",
                              postcode="SO14 1AA")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            compile_records(social_worker, jack)
        return len(queries)

    add_one_of_each(1)
    assessment = do_start_assessment(jack.involvements.get(), acting_user=social_worker)
    do_record_source(assessment, acting_user=social_worker, kind="neighbours", who=NEIGHBOUR,
                     contributed_on=date(2026, 11, 12), how="phone")
    few = count()
    for n in (2, 3, 4):
        add_one_of_each(n)
    compiled = compile_records(social_worker, jack)
    assert len(compiled.sections[1]["items"]) == 8  # four contacts, four decisions
    assert len(compiled.sections[4]["items"]) == 4
    assert count() == few
    assert NEIGHBOUR in compiled.other_names
