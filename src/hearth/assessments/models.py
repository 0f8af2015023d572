"""The Child and Family Assessment, who contributed to it (R-REC-7) and what could not be
assessed (R-REC-5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.assessments.codes import AssessmentStatus, Outcome, SourceKind, SourceMethod


class Assessment(models.Model):
    """One Child and Family Assessment of one child, started from an involvement.

    ``due`` is 45 working days after the referral date (``hearth.calendar.assessment_due``).
    ``factors`` holds DfE CIN census factor codes (``codes.FACTORS``).
    """

    involvement = models.ForeignKey("casework.Involvement", on_delete=models.PROTECT,
                                    related_name="assessments")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="assessments")
    referral_date = models.DateField()
    due = models.DateTimeField()
    status = models.CharField(max_length=20, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.IN_PROGRESS)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    started_at = models.DateTimeField()
    summary = models.TextField(blank=True)
    analysis = models.TextField(blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    factors = models.JSONField(default=list, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    authorised_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    returned_at = models.DateTimeField(null=True, blank=True)
    manager_comment = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["status", "due"])]

    def __str__(self) -> str:
        return f"Assessment {self.pk} ({self.get_status_display()})"


class AssessmentSource(models.Model):
    """A source that contributed to the assessment: who, when and how (R-REC-7)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sources")
    kind = models.CharField(max_length=20, choices=SourceKind.choices)
    who = models.CharField(max_length=200)
    contributed_on = models.DateField()
    how = models.CharField(max_length=20, choices=SourceMethod.choices)
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.who}"


class UnassessedArea(models.Model):
    """An area of the assessment that could not be assessed, and why (R-REC-5)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="unassessed_areas")
    area = models.CharField(max_length=200)
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.area
