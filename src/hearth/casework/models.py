from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Coalesce

from hearth.casework.codes import (
    AllocationUrgency,
    ClosureReason,
    InvolvementService,
    PrimaryNeed,
    SecondaryRole,
)
from hearth.casework.rules import URGENCY_RANK


def urgency_rank() -> Case:
    """Most urgent first (``rules.URGENCY_RANK``) as the database orders and indexes it."""
    return Case(*(When(urgency=code, then=Value(rank))
                  for code, rank in URGENCY_RANK.items() if code),
                default=Value(max(URGENCY_RANK.values())), output_field=IntegerField())


class InvolvementStatus(models.TextChoices):
    AWAITING_ALLOCATION = "awaiting_allocation", "Awaiting allocation"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Involvement(models.Model):
    """A child's episode with a service: a team and, once allocated, a worker.

    Visibility of people and cases follows involvements
    (``hearth.casework.queries.involvement_reach``).
    Closure carries a DfE reason-for-closure code (RC1–RC9) for the CIN census.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="involvements")
    team = models.ForeignKey("access.Team", on_delete=models.PROTECT, related_name="involvements")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="involvements")
    status = models.CharField(max_length=30, choices=InvolvementStatus.choices,
                              default=InvolvementStatus.OPEN)
    service = models.CharField(max_length=40, choices=InvolvementService.choices, blank=True)
    primary_need = models.CharField(max_length=2, choices=PrimaryNeed.choices, blank=True)
    referral_date = models.DateField(null=True, blank=True)
    #: How soon the child needs a worker (the referring contact's urgency; blank: not recorded).
    urgency = models.CharField(max_length=20, choices=AllocationUrgency.choices, blank=True)
    opened_on = models.DateField()
    allocated_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=3, choices=ClosureReason.choices, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["team", "status"]),
                   models.Index(fields=["worker", "status"]),
                   # The allocation queue, longest waiting first, read a page at a time.
                   models.Index(F("team"), F("status"), urgency_rank(),
                                Coalesce("referral_date", "opened_on"), F("id"),
                                name="casework_queue_order"),
                   # Managers' home pages: open cases, newest first, a page at a time.
                   models.Index(F("team"), F("opened_on").desc(), F("id").desc(),
                                name="casework_team_newest"),
                   models.Index(F("opened_on").desc(), F("id").desc(),
                                name="casework_newest")]

    def __str__(self) -> str:
        return f"Involvement {self.pk} ({self.get_status_display()})"

    @property
    def waiting_since(self):
        """The date the child has waited from: the referral, else the opening."""
        return self.referral_date or self.opened_on

    @property
    def service_label(self) -> str:
        return self.get_service_display() if self.service else "Not recorded"


class InvolvementWorker(models.Model):
    """A co-allocated secondary worker (e.g. a Building Bridges practitioner, R-SVC-1)."""

    involvement = models.ForeignKey(Involvement, on_delete=models.CASCADE,
                                    related_name="secondary_workers")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="secondary_involvements")
    role = models.CharField(max_length=30, choices=SecondaryRole.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["start_date", "pk"]
        indexes = [models.Index(fields=["worker", "end_date"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} on involvement {self.involvement_id}"
