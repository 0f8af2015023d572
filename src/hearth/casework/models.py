from __future__ import annotations

from django.conf import settings
from django.db import models


class InvolvementStatus(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Involvement(models.Model):
    """A child's episode with a service: a team and, once allocated, a worker.

    Visibility of people and cases follows involvements (``hearth.access.visibility``).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="involvements")
    team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="involvements")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="involvements")
    status = models.CharField(max_length=30, choices=InvolvementStatus.choices,
                              default=InvolvementStatus.OPEN)
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["team", "status"]),
                   models.Index(fields=["worker", "status"])]

    def __str__(self) -> str:
        return f"Involvement {self.pk} ({self.get_status_display()})"
