"""What a document may be, by its content (issue 15): plain functions, no database."""

from __future__ import annotations

import pytest

from hearth.core import clamav
from hearth.documents import rules

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
OLE = rules.OLE_MAGIC + b"\x00" * 504
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 32


@pytest.mark.parametrize(("head", "name", "expected"), [
    (PDF, "Report.PDF", ("pdf", "application/pdf")),
    (PNG, "bruise.png", ("png", "image/png")),
    (JPEG, "bruise.jpeg", ("jpeg", "image/jpeg")),
    (GIF, "drawing.gif", ("gif", "image/gif")),
    (OLE, "letter.doc", ("doc", "application/msword")),
    (OLE, "figures.xls", ("xls", "application/vnd.ms-excel")),
    (OLE, "from school.msg", ("msg", "application/vnd.ms-outlook")),
    (b"From: school@example.org\r\nSubject: Jack\r\n\r\nHello", "mail.eml",
     ("eml", "message/rfc822")),
    ("Notes – café".encode(), "notes.txt", ("txt", "text/plain")),
    (b"Plain notes", "notes", ("txt", "text/plain")),
])
def test_accepted_kinds_are_read_from_the_content(head, name, expected):
    assert rules.check_content(head, name) == expected


@pytest.mark.parametrize(("head", "name", "reason"), [
    (b"MZ\x90\x00" + b"\x00" * 60, "report.pdf", "This file is a Windows program, not a PDF."),
    (b"MZ\x90\x00" + b"\x00" * 60, "setup.exe", "This file is a Windows program: Hearth "),
    (ELF, "photo.jpg", "This file is a Linux program, not a JPEG image."),
    (PNG, "report.pdf", "This file is a PNG image, not a PDF"),
    (OLE, "letter", "This file is a Word 97–2003, Excel 97–2003 or Outlook file: its name"),
    (b"PK\x03\x04" + b"\x00" * 60, "report.docx", "This file is a zip archive, not a Word"),
    (b"\x00\x01\x02\x03binary", "notes.txt", "Hearth cannot tell what kind of file this is"),
])
def test_other_content_is_refused_with_the_reason(head, name, reason):
    with pytest.raises(rules.NotAccepted) as refused:
        rules.check_content(head, name)
    assert str(refused.value).startswith(reason)


@pytest.mark.parametrize(("name", "safe"), [
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\sam\\School report.pdf", "School report.pdf"),
    ("report\r\n\"; x=.pdf", "report_ _ x=.pdf".replace(" _ ", "_ _ ")),
    (".pdf", "document.pdf"),
    ("a" * 200 + ".pdf", "a" * 80 + ".pdf"),
])
def test_file_names_are_made_safe(name, safe):
    cleaned = rules.safe_file_name(name, "pdf")
    assert "/" not in cleaned and "\\" not in cleaned and "\n" not in cleaned
    assert '"' not in cleaned and ";" not in cleaned
    if name != "report\r\n\"; x=.pdf":
        assert cleaned == safe


def test_the_size_limit():
    assert rules.too_large(25 * 1024 * 1024, 25) is None
    assert rules.too_large(25 * 1024 * 1024 + 1, 25) == "The file must be smaller than 25 MB."


@pytest.mark.parametrize(("answer", "found"), [
    ("stream: OK", None), ("stream: Eicar-Test-Signature FOUND", "Eicar-Test-Signature")])
def test_clamd_answers(answer, found):
    assert clamav.parse_answer(answer) == found


def test_a_clamd_error_is_no_answer():
    with pytest.raises(clamav.ScannerUnavailable):
        clamav.parse_answer("INSTREAM size limit exceeded. ERROR")
    with pytest.raises(clamav.ScannerUnavailable):
        clamav.connect("http://example.org", 1)


def test_s3_storage_is_a_setting(monkeypatch):
    """HEARTH_DOCUMENT_STORAGE=s3 names django-storages' S3 backend (not tested against S3)."""
    from django.core.exceptions import ImproperlyConfigured

    from hearth.settings import _document_storage

    monkeypatch.setenv("HEARTH_DOCUMENT_STORAGE", "s3")
    monkeypatch.setenv("HEARTH_S3_BUCKET", "hearth-documents")
    monkeypatch.setenv("HEARTH_S3_ENDPOINT_URL", "https://minio.internal:9000")
    storage = _document_storage()
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "hearth-documents"
    assert storage["OPTIONS"]["endpoint_url"] == "https://minio.internal:9000"
    assert storage["OPTIONS"]["default_acl"] == "private"
    monkeypatch.setenv("HEARTH_DOCUMENT_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="not folder or s3"):
        _document_storage()
    monkeypatch.delenv("HEARTH_DOCUMENT_STORAGE")
    assert _document_storage()["BACKEND"].endswith("FileSystemStorage")


def test_the_clamd_client_over_a_unix_socket(tmp_path):
    import socketserver
    import threading

    from tests.documents.clamd_stub import EICAR, _Handler

    class Server(socketserver.ThreadingUnixStreamServer):
        daemon_threads = True

    path = tmp_path / "clamd.sock"
    server = Server(str(path), _Handler)
    server.streams = []  # type: ignore[attr-defined]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"unix://{path}"
        assert clamav.scan([b"A letter from school"], address) is None
        assert clamav.scan([EICAR[:10], EICAR[10:]], address) == "Eicar-Test-Signature"
    finally:
        server.shutdown()
        server.server_close()
