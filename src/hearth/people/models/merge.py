from __future__ import annotations

from django.conf import settings
from django.db import models


class Merge(models.Model):
    """Two records of one person made one; ``moved`` lists every row moved, for reversal."""

    kept = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="merges_kept")
    merged = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="merges_merged")
    reason = models.TextField()
    moved = models.JSONField(default=list)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    merged_at = models.DateTimeField(auto_now_add=True)
    reversed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    reversed_at = models.DateTimeField(null=True, blank=True)
    reversal_reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"merge {self.pk}"
