"""A child's care plan with its permanence plan, and a placement plan per placement
(R-CLA-2). A plan is agreed on a date; a later one replaces it (both are kept)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.looked_after.codes import PermanencePlan
from hearth.looked_after.models.periods import CarePeriod, Placement


class CarePlan(models.Model):
    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="care_plans")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="care_plans")
    agreed_on = models.DateField("date the care plan was agreed")
    permanence_plan = models.CharField(max_length=30, choices=PermanencePlan.choices)
    summary = models.TextField("what the plan says")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["agreed_on", "id"]
        indexes = [models.Index(fields=["child", "agreed_on"])]

    def __str__(self) -> str:
        return f"Care plan {self.pk} ({self.permanence_plan})"


class PlacementPlan(models.Model):
    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="plans")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="placement_plans")
    agreed_on = models.DateField("date the placement plan was agreed")
    summary = models.TextField("what the plan says")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["agreed_on", "id"]

    def __str__(self) -> str:
        return f"Placement plan {self.pk}"
