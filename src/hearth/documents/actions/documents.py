"""Adding a document, and auditing its downloads.

A document is checked before anything is kept: its size (``HEARTH_DOCUMENT_MAX_MB``), its
kind read from its content (``rules.check_content``), and, when ``HEARTH_CLAMAV`` names a
ClamAV daemon, a virus scan. A file that fails any check is refused with the reason and
nothing is stored; a file found infected is refused and the refusal is audited (in a
transaction of its own, so that the refusal's rollback does not take the audit row with it);
a daemon that is named but cannot be reached refuses the file, never keeps it unchecked.
The file is then saved to the ``documents`` storage and its row and audit row written in one
transaction; if that transaction fails, the saved file is deleted.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core import clamav
from hearth.core.refusals import Refused
from hearth.documents import rules
from hearth.documents.codes import DocumentKind, SeenBy
from hearth.documents.models import Document
from hearth.documents.queries import PERSON, Target

__all__ = ["do_add_document", "record_download", "record_list_view"]


def _chunks(upload: File) -> Iterator[bytes]:
    upload.seek(0)
    yield from upload.chunks()


def _check_fields(*, upload: File | None, kind: str, dated: Any, source: str, seen_by: str,
                  named_users: Iterable[Any]) -> None:
    problems = {}
    if upload is None:
        problems["file"] = "Choose a file to add."
    if kind not in DocumentKind.values:
        problems["kind"] = "Select what kind of document it is."
    if not isinstance(dated, date):
        problems["dated"] = "Enter the date of the document."
    elif dated > timezone.localdate():
        problems["dated"] = "The date of the document must be today or in the past."
    if not (source or "").strip():
        problems["source"] = "Enter who wrote the document or where it came from."
    if seen_by not in SeenBy.values:
        problems["seen_by"] = "Select who may see the document."
    elif seen_by == SeenBy.NAMED and not list(named_users):
        problems["named_users"] = "Name at least one person who may see the document."
    if problems:
        raise Refused(problems)


def check_file(upload: File | None, *, acting_user, target: Target, record) -> tuple[str, str]:
    """(extension, content type) of an acceptable ``upload``; ``Refused`` naming ``file``
    otherwise (an infected file's refusal is audited)."""
    if upload is None:
        raise Refused("Choose a file to add.", "file")
    message = rules.too_large(upload.size or 0, settings.HEARTH_DOCUMENT_MAX_MB)
    if message:
        raise Refused(message, "file")
    upload.seek(0)
    head = upload.read(rules.HEAD_BYTES)
    try:
        extension, content_type = rules.check_content(head, upload.name or "")
    except rules.NotAccepted as exc:
        raise Refused(str(exc), "file") from exc
    if settings.HEARTH_CLAMAV:
        try:
            signature = clamav.scan(_chunks(upload), settings.HEARTH_CLAMAV)
        except clamav.ScannerUnavailable as exc:
            raise Refused(rules.SCANNER_DOWN, "file") from exc
        if signature:
            with transaction.atomic():
                audit.record("document.refused_infected", user=acting_user,
                             obj=target.person_of(record) or record,
                             fields={"attached_to": target.code, "record": str(record.pk),
                                     "signature": signature, "size": upload.size})
            raise Refused(rules.refused_as_infected(signature), "file")
    return extension, content_type


def _digest(upload: File) -> str:
    digest = hashlib.sha256()
    for chunk in _chunks(upload):
        digest.update(chunk)
    return digest.hexdigest()


def do_add_document(target: Target, record, *, acting_user, upload: File | None, kind: str,
                    dated: date | None, source: str, description: str = "",
                    seen_by: str = SeenBy.RECORD, named_users: Iterable[Any] = ()) -> Document:
    """Attach ``upload`` to ``record`` (of ``target``'s kind). Refused, with nothing stored,
    for a missing answer, a file too large, of a kind Hearth does not keep, or infected."""
    named = list(named_users)
    _check_fields(upload=upload, kind=kind, dated=dated, source=source, seen_by=seen_by,
                  named_users=named)
    if upload is None:
        raise Refused("Choose a file to add.", "file")  # for the type checker: checked above
    if dated is None:
        raise Refused("Enter the date of the document.", "dated")  # likewise
    extension, content_type = check_file(upload, acting_user=acting_user, target=target,
                                         record=record)
    person = target.person_of(record)
    document = Document(
        person=person, attached_kind=target.code,
        attached_id=None if target.code == PERSON else record.pk, kind=kind, dated=dated,
        source=source.strip()[:200], description=(description or "").strip(),
        seen_by=seen_by, file_name=rules.safe_file_name(upload.name or "", extension),
        content_type=content_type, size=upload.size or 0, sha256=_digest(upload),
        added_by=acting_user, added_at=timezone.now())
    upload.seek(0)
    document.file.save("upload", upload, save=False)
    try:
        with transaction.atomic():
            document.save()
            if seen_by == SeenBy.NAMED:
                document.named_users.set(named)
            audit.record("document.add", user=acting_user, obj=person or record,
                         fields={"document": document.pk, "attached_to": target.code,
                                 "record": str(record.pk), "kind": kind,
                                 "seen_by": seen_by, "size": document.size,
                                 "named_users": [u.pk for u in named]})
    except BaseException:
        document.file.delete(save=False)
        raise
    return document


def record_download(document: Document, *, user) -> None:
    """A download of a document is a read of the record it is about (practice 6)."""
    audit.record_read("document.download", user=user, obj=document.person or document,
                      fields={"document": document.pk})


def record_list_view(record, *, user, what: str = "view_documents") -> None:
    audit.record_read(what, user=user, obj=record)
