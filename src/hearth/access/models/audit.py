from __future__ import annotations

from django.db import models
from django.db.models import Q


class AuditEntry(models.Model):
    """One append-only row of the audit log (issue 14: sequenced like a transparency log).

    A change inserts its entry in its own transaction with ``content_mac``, an HMAC of the
    entry's content and id, and takes no lock. The sequencer (``hearth worker``) gives it its
    place afterwards, once: ``seq`` (1, 2, 3 … in the order entries became visible) and
    ``mac``, the chain MAC linking it to the entry before it; its leaf joins the Merkle tree
    whose signed heads are ``AuditTreeHead``. Never updated or deleted otherwise: the
    database refuses (triggers: ``0008_audit_log_sequenced``).
    """

    seq = models.BigIntegerField(unique=True, null=True, blank=True)
    at = models.DateTimeField()
    user_id_snapshot = models.BigIntegerField(null=True, blank=True)
    username = models.CharField(max_length=150, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    user_agent = models.CharField(max_length=300, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    fields = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    content_mac = models.CharField(max_length=64)
    mac = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            models.Index(fields=["object_type", "object_id", "at"],
                         name="access_audit_object_at"),
            # What the sequencer has still to link, oldest first (small: seconds of entries).
            models.Index(fields=["at", "id"], condition=Q(seq__isnull=True),
                         name="access_audit_unsequenced"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq or '…'} {self.action} {self.object_type}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise RuntimeError("Audit entries are append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Audit entries are append-only.")


class AuditTreeHead(models.Model):
    """A signed head the sequencer published: the log's first ``size`` entries have the Merkle
    tree hash ``root`` and end with the chain MAC ``chain``; ``signature`` is the HMAC of all
    that and ``signed_at`` under the audit key. One per batch, kept for ever (append-only), so
    that every head can be checked against the entries and against each other; the newest is
    also kept outside the database (``settings.AUDIT_HEAD_FILE``)."""

    size = models.BigIntegerField(unique=True)
    root = models.CharField(max_length=64)
    chain = models.CharField(max_length=64)
    signed_at = models.DateTimeField()
    signature = models.CharField(max_length=64)

    class Meta:
        ordering = ["size"]

    def __str__(self) -> str:
        return f"audit tree head at {self.size} entries"


class AuditTreeNode(models.Model):
    """The hash of a complete subtree of the Merkle tree of at least 2**8 leaves (about one
    row per 128 entries), so that an entry's inclusion proof reads some hundreds of rows
    rather than the whole log. Written by the sequencer with its head; append-only."""

    level = models.PositiveSmallIntegerField()
    index = models.BigIntegerField()
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["level", "index"],
                                               name="access_audit_node_once")]

    def __str__(self) -> str:
        return f"audit tree node {self.level}/{self.index}"
