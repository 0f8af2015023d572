from __future__ import annotations

from django.db import models


class AuditEntry(models.Model):
    """One append-only row of the audit trail, chained to the previous by an HMAC.

    ``mac = HMAC(key, prev_mac || canonical(row))``. Never updated or deleted by Hearth, and
    the database refuses to (triggers: migration ``0003_audit_trail_append_only``);
    ``hearth audit verify`` recomputes the chain.
    """

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    user_id_snapshot = models.BigIntegerField(null=True, blank=True)
    username = models.CharField(max_length=150, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    fields = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    prev_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id", "seq"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_append", False):
            raise RuntimeError("Audit entries are append-only.")
        kwargs.pop("_append", None)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")


class AuditHead(models.Model):
    """The single row naming the newest entry, MAC'd, so a removed tail is detected.

    Writers lock it (``SELECT … FOR UPDATE``) which also keeps the chain linear when
    several processes write at once. The database lets it move only forwards, and a copy is
    kept outside the database (``settings.AUDIT_HEAD_FILE``).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    mac = models.CharField(max_length=64, default="")
    head_mac = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"audit head at #{self.seq}"
