"""API shapes for documents: no more than the documents page shows. The file itself is sent
as a multipart part named ``file`` and read back from ``/documents/{id}/file``.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema, code
from hearth.documents.codes import DocumentKind, SeenBy


class DocumentOut(Schema):
    id: int
    person_id: UUID | None = Field(description="Who the document is about")
    attached_to: str = Field(description="What it is attached to: person, contact, "
                                         "assessment, conference, visit …")
    record_id: str = Field(description="The id of the record it is attached to")
    kind: str
    dated: date
    source: str
    description: str
    seen_by: str = Field(description="record, team or named")
    file_name: str
    content_type: str = Field(description="As read from the file's content")
    size: int
    sha256: str
    added_by: str
    added_at: datetime
    file_url: str = Field(description="Where to download it (always as an attachment)")


class DocumentIn(Schema):
    """A document's details, sent as multipart form fields beside its ``file``."""

    attached_to: str = Field("person", max_length=30,
                             description="person (the default), contact, assessment, "
                                         "conference, visit …")
    record_id: str = Field(max_length=40, description="The person's id, or the record's")
    kind: str = code(DocumentKind.values)
    dated: date = Field(description="The document's own date")
    source: str = Field(max_length=200, description="Author or source")
    description: str = Field("", max_length=5000)
    seen_by: str = code(SeenBy.values, SeenBy.RECORD)
    named_user_ids: list[int] = Field([], description="With seen_by=named: who may see it")
