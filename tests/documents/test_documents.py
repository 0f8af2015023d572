"""Documents (issue 15): Sam attaches a school report to Jack and downloads it (audited, always
an attachment); what is not a PDF is refused by its content, an infected file by the virus
scanner, an oversized file by its size, with nothing stored; Olly the outsider finds nothing;
a document narrowed to named people is hidden from everyone else who may see Jack."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth.access.models import AuditEntry
from hearth.documents.actions.documents import do_add_document
from hearth.documents.models import Document
from hearth.documents.queries import TARGETS
from tests.documents.clamd_stub import EICAR, stub_clamd
from tests.documents.conftest import stored_files

pytestmark = [pytest.mark.django_db]

PDF = (b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
       b"2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
       b"trailer <</Root 1 0 R>>\n%%EOF\n")
#: The start of a Windows program (the "MZ" DOS header and stub).
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48 + (
    b"This program cannot be run in DOS mode.\r\r\n$") + b"\x00" * 200


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def form(file, **extra) -> dict:
    today = timezone.localdate()
    return {"file": file, "kind": "report", "dated": today.strftime("%d/%m/%Y"),
            "source": "Oakfield Primary School", "description": "End of term report",
            "seen_by": "record", **extra}


def add_for_jack(user, jack, name="report.pdf", content=PDF, **extra) -> Document:
    values = {"kind": "report", "dated": timezone.localdate(), "source": "Oakfield Primary",
              "description": "", **extra}
    return do_add_document(TARGETS["person"], jack, acting_user=user,
                           upload=upload(name, content), **values)


def test_sam_attaches_a_school_report_to_jack_and_downloads_it(as_user, social_worker,
                                                                 fletchers, document_folder):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    page = sam.get(f"/people/{jack.pk}")
    assert f"/people/{jack.pk}/documents" in page.content.decode()

    response = sam.post(f"/people/{jack.pk}/documents",
                        form(upload("../../School report (summer).pdf", PDF)))
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.person == jack and document.attached_kind == "person"
    assert document.file_name == "School report (summer).pdf"
    assert document.content_type == "application/pdf" and document.size == len(PDF)
    assert AuditEntry.objects.filter(action="document.add", object_id=str(jack.pk)).exists()
    listed = sam.get(f"/people/{jack.pk}/documents").content.decode()
    assert "School report (summer).pdf" in listed and "Oakfield Primary School" in listed
    assert "Sam Worker" in listed

    download = sam.get(f"/documents/{document.pk}/file")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert "School report (summer).pdf" in download["Content-Disposition"]
    assert download["Content-Type"] == "application/octet-stream"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Security-Policy"].startswith("sandbox")
    read = AuditEntry.objects.get(action="document.download")
    assert read.object_id == str(jack.pk) and read.fields == {"document": document.pk}
    assert read.username == "sam"
    assert len(stored_files(document_folder)) == 1
    # The file is kept under an opaque name: nothing of the person or the uploaded name.
    assert "report" not in document.file.name and "Jack" not in document.file.name


def test_an_executable_renamed_pdf_is_refused_with_the_reason(as_user, social_worker,
                                                              fletchers, document_folder):
    jack = fletchers["jack"]
    response = as_user(social_worker).post(f"/people/{jack.pk}/documents",
                                           form(upload("report.pdf", EXE)))
    assert response.status_code == 400
    page = response.content.decode()
    assert "This file is a Windows program, not a PDF." in page
    assert "govuk-error-summary" in page
    assert not Document.objects.exists()
    assert stored_files(document_folder) == []


def test_a_png_called_pdf_and_an_empty_file_are_refused(social_worker, fletchers):
    from hearth.core.refusals import Refused

    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(Refused, match="This file is a PNG image, not a PDF"):
        add_for_jack(social_worker, fletchers["jack"], "photo.pdf", png)
    with pytest.raises(Refused, match="The file is empty"):
        add_for_jack(social_worker, fletchers["jack"], "empty.txt", b"")
    assert not Document.objects.exists()


def test_the_eicar_test_file_is_refused_by_the_virus_scanner(as_user, social_worker, fletchers,
                                                            settings, document_folder):
    """Scanned through the stub clamd of tests/documents/clamd_stub.py (not ClamAV itself)."""
    jack = fletchers["jack"]
    with stub_clamd() as clamd:
        settings.HEARTH_CLAMAV = clamd.address
        response = as_user(social_worker).post(f"/people/{jack.pk}/documents",
                                               form(upload("notes.txt", EICAR)))
        assert response.status_code == 400
        assert "contains a virus or malware (Eicar-Test-Signature)" in response.content.decode()
        assert clamd.streams == [EICAR]
        assert not Document.objects.exists() and stored_files(document_folder) == []
        refused = AuditEntry.objects.get(action="document.refused_infected")
        assert refused.object_id == str(jack.pk)
        assert refused.fields["signature"] == "Eicar-Test-Signature"

        clean = as_user(social_worker).post(f"/people/{jack.pk}/documents",
                                            form(upload("report.pdf", PDF)))
        assert clean.status_code == 302 and Document.objects.count() == 1
        assert clamd.streams[-1] == PDF


def test_a_named_scanner_that_cannot_be_reached_refuses_the_file(as_user, social_worker,
                                                                  fletchers, settings,
                                                                  document_folder):
    with stub_clamd() as clamd:
        address = clamd.address  # a port nobody listens on once the stub has stopped
    settings.HEARTH_CLAMAV = address
    response = as_user(social_worker).post(f"/people/{fletchers['jack'].pk}/documents",
                                           form(upload("report.pdf", PDF)))
    assert response.status_code == 400
    assert "cannot be checked for viruses now" in response.content.decode()
    assert not Document.objects.exists() and stored_files(document_folder) == []


def test_an_oversized_file_is_refused_with_a_clear_message(as_user, social_worker, fletchers,
                                                            settings, document_folder):
    settings.HEARTH_DOCUMENT_MAX_MB = 1 / 1024  # 1 KB
    big = PDF + b"%" + b"x" * 4096 + b"\n"
    response = as_user(social_worker).post(f"/people/{fletchers['jack'].pk}/documents",
                                           form(upload("big.pdf", big)))
    assert response.status_code == 400
    assert "The file must be smaller than 1 KB." in response.content.decode()
    assert not Document.objects.exists() and stored_files(document_folder) == []


def test_olly_the_outsider_gets_404_for_jacks_document_and_its_file(as_user, social_worker,
                                                                    outsider, fletchers):
    jack = fletchers["jack"]
    document = add_for_jack(social_worker, jack)
    olly = as_user(outsider)
    assert olly.get(f"/documents/{document.pk}/file").status_code == 404
    assert olly.get(f"/people/{jack.pk}/documents").status_code == 404
    assert olly.post(f"/people/{jack.pk}/documents",
                     form(upload("x.pdf", PDF))).status_code == 404
    assert not AuditEntry.objects.filter(action="document.download").exists()


def test_partners_and_administrators_may_not_open_documents(as_user, police_partner,
                                                            administrator, social_worker,
                                                            fletchers):
    document = add_for_jack(social_worker, fletchers["jack"])
    for user in (police_partner, administrator):
        assert as_user(user).get(f"/documents/{document.pk}/file").status_code == 403


def test_a_document_narrowed_to_named_people_is_hidden_from_tina_unless_named(
        as_user, social_worker, team_manager, front_door, fletchers):
    jack = fletchers["jack"]
    for_fran = add_for_jack(social_worker, jack, "fran.pdf", seen_by="named",
                            named_users=[front_door])
    tina = as_user(team_manager)
    assert tina.get(f"/documents/{for_fran.pk}/file").status_code == 404
    assert "fran.pdf" not in tina.get(f"/people/{jack.pk}/documents").content.decode()
    # Sam, who added it, still sees it.
    assert as_user(social_worker).get(f"/documents/{for_fran.pk}/file").status_code == 200
    for_tina = add_for_jack(social_worker, jack, "tina.pdf", seen_by="named",
                            named_users=[team_manager])
    assert tina.get(f"/documents/{for_tina.pk}/file").status_code == 200
    # Narrowing never widens: Fran is named but sees Jack only as the front door does.
    assert for_fran.named_users.get() == front_door


def test_a_document_for_the_allocated_team_is_hidden_from_other_readers(
        as_user, social_worker, team_manager, outsider, fletchers):
    from hearth.documents.queries import visible_documents

    jack = fletchers["jack"]
    document = add_for_jack(social_worker, jack, seen_by="team")
    assert visible_documents(team_manager).filter(pk=document.pk).exists()  # Jack's team
    assert not visible_documents(outsider).filter(pk=document.pk).exists()


def test_a_document_attached_to_a_visit_is_seen_with_the_visit(as_user, social_worker,
                                                               outsider, fletchers):
    from datetime import timedelta

    from hearth.visits.actions import do_record_visit

    jack = fletchers["jack"]
    visit = do_record_visit(jack, acting_user=social_worker, kind="planned",
                            starts_at=timezone.now() - timedelta(days=1), place="Home",
                            child_seen=True, outcome="completed")
    sam = as_user(social_worker)
    assert "Documents" in sam.get(f"/visits/{visit.pk}").content.decode()
    response = sam.post(f"/documents/on/visit/{visit.pk}", form(upload("photo.pdf", PDF)))
    assert response.status_code == 302
    document = Document.objects.get()
    assert (document.attached_kind, document.attached_id, document.person) == (
        "visit", visit.pk, jack)
    assert "photo.pdf" in sam.get(f"/documents/on/visit/{visit.pk}").content.decode()
    assert "photo.pdf" in sam.get(f"/people/{jack.pk}/documents").content.decode()
    assert as_user(outsider).get(f"/documents/on/visit/{visit.pk}").status_code == 404
    assert sam.get(f"/documents/on/nothing/{visit.pk}").status_code == 404


def test_the_documents_list_reads_the_same_queries_for_2_and_10_documents(
        as_user, social_worker, fletchers):
    jack = fletchers["jack"]
    sam = as_user(social_worker)
    sam.get(f"/people/{jack.pk}/documents")  # the session is fresh
    counted = []
    for total in (2, 10):
        while Document.objects.count() < total:
            add_for_jack(social_worker, jack, f"report {Document.objects.count()}.pdf")
        with CaptureQueriesContext(connection) as queries:
            response = sam.get(f"/people/{jack.pk}/documents")
        assert response.content.decode().count('id="document-') == total
        counted.append(len(queries))
    assert counted[0] == counted[1], counted
