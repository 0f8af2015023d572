"""Documents in the v1 API: Sam adds a report to Jack from a partner system (multipart), lists
Jack's documents, reads one and downloads its file (audited, as an attachment); an executable
renamed .pdf and an oversized file are 422 naming ``file``; Olly the outsider gets 404."""

from __future__ import annotations

import pytest
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.access.models import AuditEntry
from hearth.documents.models import Document
from tests.documents.test_documents import EXE, PDF, add_for_jack, upload

pytestmark = [pytest.mark.django_db]


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {do_create_token(user)}"}


def body(jack, file, **extra) -> dict:
    return {"record_id": str(jack.pk), "kind": "report",
            "dated": timezone.localdate().isoformat(), "source": "Oakfield Primary School",
            "file": file, **extra}


def test_sam_adds_lists_reads_and_downloads_a_document(client, social_worker, fletchers):
    jack = fletchers["jack"]
    created = client.post("/api/v1/documents", body(jack, upload("report.pdf", PDF)),
                          headers=bearer(social_worker))
    assert created.status_code == 201, created.content
    out = created.json()
    assert out["attached_to"] == "person" and out["record_id"] == str(jack.pk)
    assert out["content_type"] == "application/pdf" and out["size"] == len(PDF)
    assert out["added_by"] == "Sam Worker"
    listed = client.get(f"/api/v1/documents?person={jack.pk}", headers=bearer(social_worker))
    assert [d["id"] for d in listed.json()] == [out["id"]]
    detail = client.get(f"/api/v1/documents/{out['id']}", headers=bearer(social_worker))
    assert detail.json()["file_name"] == "report.pdf"
    file = client.get(out["file_url"], headers=bearer(social_worker))
    assert file.status_code == 200 and b"".join(file.streaming_content) == PDF
    assert file["Content-Disposition"].startswith("attachment;")
    assert file["X-Content-Type-Options"] == "nosniff"
    assert file["Content-Security-Policy"].startswith("sandbox")
    assert AuditEntry.objects.filter(action="document.download",
                                     object_id=str(jack.pk)).count() == 1


def test_a_document_may_be_attached_to_a_visit(client, social_worker, fletchers):
    from datetime import timedelta

    from hearth.visits.actions import do_record_visit

    visit = do_record_visit(fletchers["jack"], acting_user=social_worker, kind="planned",
                            starts_at=timezone.now() - timedelta(days=1), place="Home",
                            child_seen=True, outcome="completed")
    created = client.post("/api/v1/documents",
                          body(fletchers["jack"], upload("photo.pdf", PDF),
                               attached_to="visit", record_id=str(visit.pk)),
                          headers=bearer(social_worker))
    assert created.status_code == 201, created.content
    assert created.json()["record_id"] == str(visit.pk)


def test_what_is_refused_is_422_naming_file_and_nothing_is_stored(client, social_worker,
                                                                  fletchers, settings,
                                                                  document_folder):
    jack = fletchers["jack"]
    refused = client.post("/api/v1/documents", body(jack, upload("report.pdf", EXE)),
                          headers=bearer(social_worker))
    assert refused.status_code == 422
    assert refused.json()["errors"] == [
        {"field": "file", "message": "This file is a Windows program, not a PDF."}]
    missing = client.post("/api/v1/documents", body(jack, ""), headers=bearer(social_worker))
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "file"
    settings.HEARTH_DOCUMENT_MAX_MB = 1 / 1024
    big = client.post("/api/v1/documents", body(jack, upload("big.pdf", PDF + b"x" * 4096)),
                      headers=bearer(social_worker))
    assert big.status_code == 422
    assert big.json()["errors"] == [
        {"field": "file", "message": "The file must be smaller than 1 KB."}]
    assert not Document.objects.exists() and not list(document_folder.rglob("*.*"))


def test_olly_gets_404_for_jacks_document_and_its_file(client, social_worker, outsider,
                                                      fletchers):
    jack = fletchers["jack"]
    document = add_for_jack(social_worker, jack)
    for url in (f"/api/v1/documents/{document.pk}", f"/api/v1/documents/{document.pk}/file",
                f"/api/v1/documents?person={jack.pk}"):
        assert client.get(url, headers=bearer(outsider)).status_code == 404, url
    sent = client.post("/api/v1/documents", body(jack, upload("x.pdf", PDF)),
                       headers=bearer(outsider))
    assert sent.status_code == 404


def test_partners_may_not_read_documents(client, police_partner, social_worker, fletchers):
    document = add_for_jack(social_worker, fletchers["jack"])
    answer = client.get(f"/api/v1/documents/{document.pk}", headers=bearer(police_partner))
    assert answer.status_code == 403


def test_a_document_narrowed_to_named_people_through_the_api(client, social_worker,
                                                            team_manager, front_door,
                                                            fletchers):
    jack = fletchers["jack"]
    created = client.post("/api/v1/documents",
                          body(jack, upload("court.pdf", PDF), kind="court_paper",
                               seen_by="named", named_user_ids=[front_door.pk]),
                          headers=bearer(social_worker))
    assert created.status_code == 201, created.content
    document = Document.objects.get()
    assert list(document.named_users.all()) == [front_door]
    hidden = client.get(f"/api/v1/documents/{document.pk}", headers=bearer(team_manager))
    assert hidden.status_code == 404
    nobody = client.post("/api/v1/documents",
                         body(jack, upload("court.pdf", PDF), seen_by="named"),
                         headers=bearer(social_worker))
    assert nobody.status_code == 422
    assert nobody.json()["errors"][0]["field"] == "named_user_ids"
