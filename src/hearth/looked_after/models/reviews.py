"""Reviews of a child looked after, chaired by the Independent Reviewing Officer (R-CLA-3):
each records the date, the child's participation (REVIEW_CODE), the decisions, the IRO's view
and any concern raised (which can open a professional difference). A placement change may
bring the next review forward when the IRO decides: ``ReviewDateChange`` keeps that decision
with its new date."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.looked_after.codes import Participation
from hearth.looked_after.models.periods import CarePeriod


class Review(models.Model):
    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT, related_name="reviews")
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="cla_reviews")
    held_on = models.DateField("date of the review")
    participation = models.CharField("the child's participation", max_length=3,
                                     choices=Participation.choices)
    decisions = models.TextField()
    iro_view = models.TextField("the IRO's view")
    concern = models.TextField("concern raised by the IRO", blank=True)
    #: The professional difference the IRO's concern opened (R-PD-2), if any.
    difference = models.ForeignKey("differences.Difference", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["held_on", "id"]
        indexes = [models.Index(fields=["child", "held_on"]),
                   models.Index(fields=["period", "held_on"])]

    def __str__(self) -> str:
        return f"Review {self.pk} on {self.held_on:%d/%m/%Y}"


class ReviewDateChange(models.Model):
    """The IRO brought the next review forward (after a change of placement): the new date
    and why. The latest decision after the last review counts."""

    period = models.ForeignKey(CarePeriod, on_delete=models.PROTECT,
                               related_name="review_date_changes")
    due_on = models.DateField("new date of the next review")
    reason = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField()

    class Meta:
        ordering = ["decided_at", "id"]

    def __str__(self) -> str:
        return f"Review brought forward to {self.due_on:%d/%m/%Y}"
