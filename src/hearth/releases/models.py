"""A copy of a person's records prepared for them (R-REC-9; UK GDPR subject access)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet


class ReleaseStatus(models.TextChoices):
    DRAFT = "draft", "Being prepared"
    RELEASED = "released", "Released"


class Release(models.Model):
    """One request for a copy of the records about ``person``.

    While a draft, the worker chooses redaction ``terms`` (replaced wherever they appear) and
    ``withheld`` items (``{item_key: reason}``; the reason stays internal). Releasing freezes
    the copy as it then stood in ``snapshot`` with its ``snapshot_sha256``: downloads are of
    the snapshot, never a recompile, and a released copy is never changed.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="releases")
    requested_by = models.CharField("Who asked", max_length=200)
    requested_on = models.DateField("When they asked")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ReleaseStatus.choices,
                              default=ReleaseStatus.DRAFT)
    redaction_terms = models.JSONField(default=list, blank=True)
    withheld = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField()
    released_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField(null=True, blank=True)
    snapshot_sha256 = models.CharField(max_length=64, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "-requested_on"])]

    def __str__(self) -> str:
        return f"Copy of records {self.pk} ({self.get_status_display()})"

    @property
    def is_released(self) -> bool:
        return self.status == ReleaseStatus.RELEASED

    @property
    def reference(self) -> str:
        return f"R{self.pk:06d}" if self.pk else "new copy"
