"""Ids the documents app's URLs name, for the route matrix (tests/access/test_routes.py): a
document attached to Jack, and Jack's visit as the record documents are attached to."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from hearth.documents.actions.documents import do_add_document
    from hearth.documents.queries import TARGETS

    document = do_add_document(
        TARGETS["person"], fletchers["jack"], acting_user=social_worker,
        upload=SimpleUploadedFile("report.pdf", b"%PDF-1.4\n%%EOF\n"), kind="report",
        dated=timezone.localdate(), source="Oakfield Primary School")
    return {"document_id": document.pk, "code": "visit", "record_id": args["visit_id"]}
