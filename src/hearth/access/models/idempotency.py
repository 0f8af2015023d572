"""API writes made with an ``Idempotency-Key`` and the answers they got (``core.idempotency``,
``access.actions.idempotency``; issue 13 item 11)."""

from __future__ import annotations

from django.db import models

from hearth.access.models.users import User
from hearth.core.idempotency import MAX_LENGTH, MAX_PATH


class IdempotencyKey(models.Model):
    """One key: its first request, running (``status`` None) or answered (the answer kept for
    a retry), until ``expires_at``. The unique constraint is what makes a key safe across
    several web processes: the second to arrive cannot insert, and reads the first's row."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    method = models.CharField(max_length=7)
    path = models.CharField(max_length=MAX_PATH)
    key = models.CharField(max_length=MAX_LENGTH)
    fingerprint = models.CharField(max_length=64)
    started_at = models.DateTimeField()
    expires_at = models.DateTimeField(db_index=True)
    status = models.PositiveSmallIntegerField(null=True, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    body = models.BinaryField(default=b"", blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "method", "path", "key"],
                                               name="idempotency_key_once")]

    def __str__(self) -> str:
        return f"idempotency key for {self.method} {self.path}"
