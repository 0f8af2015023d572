"""Health and education of a child looked after (R-CLA-5): health assessments, dental
checks, immunisations, the Strengths and Difficulties Questionnaire (a score 0-40 or the
SDQ_REASON code when there is none) and personal education plans."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.looked_after.codes import CheckKind, SdqReason
from hearth.looked_after.models.periods import CarePeriod

SDQ_MAX = 40


class HealthCheck(models.Model):
    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT,
                               related_name="health_checks")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="cla_health_checks")
    kind = models.CharField(max_length=20, choices=CheckKind.choices)
    done_on = models.DateField("date")
    #: Immunisations: up to date or not (None for other kinds).
    up_to_date = models.BooleanField(null=True, blank=True)
    sdq_score = models.PositiveSmallIntegerField("SDQ score", null=True, blank=True)
    sdq_reason = models.CharField("why there is no SDQ score", max_length=4,
                                  choices=SdqReason.choices, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["done_on", "id"]
        indexes = [models.Index(fields=["child", "kind", "done_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(sdq_score__isnull=True)
                                   | Q(sdq_score__lte=SDQ_MAX), name="sdq_score_0_to_40"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.done_on:%d/%m/%Y}"


class EducationPlan(models.Model):
    """A personal education plan (PEP), reviewed each term for a child of school age."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT,
                               related_name="education_plans")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="education_plans")
    held_on = models.DateField("date of the personal education plan meeting")
    school = models.CharField(max_length=200, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "id"]
        indexes = [models.Index(fields=["child", "held_on"])]

    def __str__(self) -> str:
        return f"Personal education plan on {self.held_on:%d/%m/%Y}"
