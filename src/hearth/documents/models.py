"""A document attached to a record: a person, a contact, an assessment, a conference, a visit,
or whatever a later app registers (``queries.register_target``)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.documents.codes import DocumentKind, SeenBy


def document_storage():
    """The storage named ``documents`` in ``settings.STORAGES`` (a folder, or S3)."""
    return storages["documents"]


def stored_name(_document, _filename: str) -> str:
    """An opaque name: no person's name or the uploaded file's name in the storage."""
    return f"documents/{uuid.uuid4().hex}"


class Document(models.Model):
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="documents",
                               help_text="Who the document is about")
    attached_kind = models.CharField(max_length=30, help_text="What it is attached to")
    attached_id = models.BigIntegerField(null=True, blank=True,
                                         help_text="The record's id (none for a person)")
    kind = models.CharField(max_length=20, choices=DocumentKind.choices)
    dated = models.DateField(help_text="The document's own date")
    source = models.CharField(max_length=200, help_text="Author or source")
    description = models.TextField(blank=True)
    seen_by = models.CharField(max_length=10, choices=SeenBy.choices, default=SeenBy.RECORD)
    named_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                         related_name="+")
    file = models.FileField(storage=document_storage, upload_to=stored_name, max_length=300)
    file_name = models.CharField(max_length=120, help_text="The uploaded name, made safe")
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    added_at = models.DateTimeField()

    objects = VisibleQuerySet.as_manager()

    class Meta:
        ordering = ["-dated", "-pk"]
        indexes = [models.Index(fields=["attached_kind", "attached_id"]),
                   models.Index(fields=["person", "dated"])]

    def __str__(self) -> str:
        return f"Document {self.pk}"
