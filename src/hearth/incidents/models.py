"""Incidents against workers and what follows them (R-SAFE-5); worker risk-reduction plans and
practitioners' meetings with what is shared with the family (R-SAFE-6)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.incidents.codes import IncidentKind, Investigation, PoliceComplaint


class Incident(models.Model):
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="incidents_reported")
    #: The worker it happened to (usually the reporter).
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="incidents")
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="incidents")
    address = models.ForeignKey("people.Address", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=IncidentKind.choices)
    occurred_at = models.DateTimeField()
    where = models.CharField(max_length=200)
    what_happened = models.TextField()
    injured = models.BooleanField(default=False)
    reported_at = models.DateTimeField()
    manager_told_at = models.DateTimeField(null=True, blank=True)
    warning = models.ForeignKey("safety.WorkerWarning", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="incidents")
    #: When an existing warning was linked: what this incident adds to it.
    warning_note = models.TextField(blank=True)
    warning_linked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    warning_linked_at = models.DateTimeField(null=True, blank=True)
    # The post-incident record (R-SAFE-5)
    debrief_on = models.DateField(null=True, blank=True)
    debrief_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    support_offered = models.TextField(blank=True)
    investigation = models.CharField(max_length=20, choices=Investigation.choices,
                                     default=Investigation.NOT_DECIDED)
    investigation_notes = models.TextField(blank=True)
    police_complaint = models.CharField(max_length=20, choices=PoliceComplaint.choices,
                                        default=PoliceComplaint.NOT_DECIDED)
    police_reference = models.CharField(max_length=60, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["worker", "-occurred_at"])]

    def __str__(self) -> str:
        return f"Incident {self.pk} ({self.get_kind_display()})"


class RiskReductionPlan(models.Model):
    """A worker's plan to reduce the risk of working with a family (R-SAFE-6)."""

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="risk_reduction_plans")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="risk_reduction_plans")
    plan = models.TextField()
    shared_with_family = models.TextField("What will be shared with the family")
    agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    agreed_on = models.DateField(null=True, blank=True)
    review_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Risk-reduction plan {self.pk}"


class PractitionersMeeting(models.Model):
    """A practitioners' meeting about a hostile family (R-SAFE-6, seed 004 §4.3)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="practitioners_meetings")
    held_on = models.DateField()
    attendees = models.TextField()
    discussion = models.TextField()
    plan = models.TextField()
    shared_with_family = models.TextField("What will be shared with the family")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    objects = VisibleQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Practitioners' meeting {self.pk}"
