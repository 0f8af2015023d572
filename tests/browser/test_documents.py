"""Sam attaches Jack's school report from the browser (issue 15): the documents page, its
errors (nothing chosen; an executable renamed .pdf) and the list, each checked with axe-core;
the document downloads as an attachment."""

from __future__ import annotations

import pytest
from django.core.files.storage import FileSystemStorage
from django.utils import timezone
from playwright.sync_api import expect

from hearth.access.models import AuditEntry
from hearth.documents.models import Document
from tests.browser.helpers import assert_accessible, error_summary, sign_in

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120


def test_sam_uploads_a_school_report_and_sees_it_listed(page, social_worker, fletchers,
                                                        tmp_path, monkeypatch):
    monkeypatch.setattr(Document._meta.get_field("file"), "storage",
                        FileSystemStorage(location=tmp_path / "documents"))
    jack = fletchers["jack"]
    sign_in(page, social_worker)
    page.goto(f"/people/{jack.pk}")
    page.get_by_role("link", name="Documents: reports, letters").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Documents")
    expect(page.get_by_text("No documents yet.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Add the document").click()
    expect(error_summary(page)).to_contain_text("Choose a file to add")
    assert_accessible(page)

    page.get_by_label("Upload a file").set_input_files(
        {"name": "report.pdf", "mimeType": "application/pdf", "buffer": EXE})
    page.get_by_label("Report").check()
    page.get_by_label("Date of the document").fill(timezone.localdate().strftime("%d/%m/%Y"))
    page.get_by_label("Author or source").fill("Oakfield Primary School")
    page.get_by_role("button", name="Add the document").click()
    expect(error_summary(page)).to_contain_text("This file is a Windows program, not a PDF.")
    assert_accessible(page)
    assert not Document.objects.exists()

    page.get_by_label("Upload a file").set_input_files(
        {"name": "Summer report.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_label("Description").fill("End of year report: attendance 91%")
    page.get_by_role("button", name="Add the document").click()
    expect(page.get_by_text("Document added.")).to_be_visible()
    table = page.locator("#documents")
    expect(table).to_contain_text("Summer report.pdf")
    expect(table).to_contain_text("Oakfield Primary School")
    expect(table).to_contain_text("Sam Worker")
    assert_accessible(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="Summer report.pdf").click()
    assert download.value.suggested_filename == "Summer report.pdf"
    assert AuditEntry.objects.filter(action="document.download",
                                     object_id=str(jack.pk)).exists()
