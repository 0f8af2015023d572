"""``/api/v1/documents``: a person's documents, adding one (multipart, the file in the part
``file``), one document's details and its file. The same rules as the pages: a document or
record the caller may not see is 404; a file too large, of a kind Hearth does not keep
(checked by its content), or found infected is 422 naming ``file``, and nothing is stored.
The file is always served as an attachment, never sniffed or shown inline.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from typing import Any
from uuid import UUID

from django.conf import settings
from django.urls import reverse
from ninja import File, Form, Router, Status
from ninja.files import UploadedFile

from hearth.access.models import User
from hearth.access.permissions import AuthedRequest, permission
from hearth.core.problems import READ_ERRORS, WRITE_ERRORS, Problem, api_names
from hearth.core.refusals import Refused
from hearth.core.uploads import too_large
from hearth.documents import queries, rules
from hearth.documents.actions import documents as actions
from hearth.documents.schemas import DocumentIn, DocumentOut
from hearth.documents.views import file_response

router = Router(tags=["documents"])


def _out(document: Any) -> dict:
    return {
        "id": document.pk, "person_id": document.person_id,
        "attached_to": document.attached_kind,
        "record_id": str(document.person_id if document.attached_kind == queries.PERSON
                         else document.attached_id),
        "kind": document.kind, "dated": document.dated, "source": document.source,
        "description": document.description, "seen_by": document.seen_by,
        "file_name": document.file_name, "content_type": document.content_type,
        "size": document.size, "sha256": document.sha256,
        "added_by": document.added_by.display_name, "added_at": document.added_at,
        "file_url": reverse("api:document_file", args=[document.pk])}


@router.get("", response={200: list[DocumentOut], **READ_ERRORS},
            auth=permission("documents.view"))
def documents_of(request: AuthedRequest, person: UUID):
    """Every document about the person the caller may see, newest first."""
    found = queries.get_visible_person(request.auth, person)
    actions.record_list_view(found, user=request.auth)
    return [_out(d) for d in queries.documents_about(request.auth, found)]


@router.post("", response={201: DocumentOut, **WRITE_ERRORS},
             auth=permission("documents.add"))
def add(request: AuthedRequest, payload: Form[DocumentIn], file: File[UploadedFile | None] = None):
    """Attach a file to a person or a record (multipart/form-data)."""
    if too_large(request):
        raise Refused(f"The file must be smaller than "
                      f"{rules.limit_text(settings.HEARTH_DOCUMENT_MAX_MB)}.", "file")
    target, record = queries.get_visible_record(request.auth, payload.attached_to,
                                                payload.record_id)
    named = list(User.objects.filter(pk__in=payload.named_user_ids, is_active=True))
    if len(named) != len(set(payload.named_user_ids)):
        raise Refused("Name only people who use Hearth.", "named_user_ids")
    with api_names({"named_users": "named_user_ids"}):
        document = actions.do_add_document(
            target, record, acting_user=request.auth, upload=file, kind=payload.kind,
            dated=payload.dated, source=payload.source, description=payload.description,
            seen_by=payload.seen_by, named_users=named)
    document = queries.get_visible_document(request.auth, document.pk)
    return Status(201, _out(document))


@router.get("/{int:document_id}", response={200: DocumentOut, 404: Problem},
            auth=permission("documents.view"))
def detail(request: AuthedRequest, document_id: int):
    document = queries.get_visible_document(request.auth, document_id)
    actions.record_list_view(document.person or document, user=request.auth,
                             what="view_document")
    return _out(document)


@router.get("/{int:document_id}/file", response={404: Problem}, url_name="document_file",
            auth=permission("documents.view"))
def download(request: AuthedRequest, document_id: int):
    """The file, as an attachment (audited)."""
    document = queries.get_visible_document(request.auth, document_id)
    actions.record_download(document, user=request.auth)
    return file_response(document)
