"""Documents attach to a contact, an assessment and a conference as to a visit (issue 15): each
record's page links to its documents, and a document added there is about the record's child
and listed on the child's documents page; who may not see the record gets 404."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.documents.models import Document
from tests.documents.test_documents import PDF, form, upload

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def records(fletchers, social_worker, police, time_machine):
    from hearth.assessments.actions import do_start_assessment
    from hearth.frontdoor.actions import contacts as frontdoor
    from tests.protection.route_args import route_args

    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=ZoneInfo("Europe/London")),
                         tick=False)
    jack = fletchers["jack"]
    contact = frontdoor.do_record_contact(
        acting_user=social_worker, people=[(fletchers["mum"], "adult"), (jack, "child")],
        received_at=datetime(2026, 11, 17, 10, 0, tzinfo=ZoneInfo("Europe/London")),
        channel="phone", caller_kind="public", caller_name="A neighbour",
        caller_contact="07700 900000", referral_source="1B", worries="Shouting",
        urgency="routine", family_aware=False, family_told_sharing=False,
        not_told_reason="The neighbour fears reprisals")
    assessment = do_start_assessment(jack.involvements.get(), acting_user=social_worker)
    conference_id = route_args(fletchers=fletchers, social_worker=social_worker, police=police,
                               args={})["conference_id"]
    return {"contact": (contact.pk, f"/contacts/{contact.pk}"),
            "assessment": (assessment.pk, f"/assessments/{assessment.pk}"),
            "conference": (conference_id, f"/conferences/{conference_id}")}


@pytest.mark.parametrize("code", ["contact", "assessment", "conference"])
def test_a_document_attached_to_a_record_is_about_its_child(code, records, as_user,
                                                           social_worker, outsider,
                                                           fletchers):
    jack = fletchers["jack"]
    record_id, page = records[code]
    sam = as_user(social_worker)
    shown = sam.get(page)
    assert shown.status_code == 200
    assert f"/documents/on/{code}/{record_id}" in shown.content.decode()
    added = sam.post(f"/documents/on/{code}/{record_id}", form(upload(f"{code}.pdf", PDF)))
    assert added.status_code == 302
    document = Document.objects.get()
    assert (document.attached_kind, document.attached_id, document.person) == (
        code, record_id, jack)
    assert "Documents (1)" in sam.get(page).content.decode()
    assert f"{code}.pdf" in sam.get(f"/people/{jack.pk}/documents").content.decode()
    olly = as_user(outsider)
    assert olly.get(f"/documents/on/{code}/{record_id}").status_code == 404
    assert olly.get(f"/documents/{document.pk}/file").status_code == 404
