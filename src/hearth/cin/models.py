"""A child in need plan (R-CIN-1, R-CIN-2): started from an authorised assessment whose
outcome is a CIN plan, with the child's needs and the actions (who does what by when),
reviewed at CIN meetings (who came, how each action is going, the next meeting), and ended
with a reason, never deleted. A child has at most one open CIN plan, and none while on a
child protection plan."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from hearth.cin.codes import EndReason, Progress
from hearth.cin.rules import OWNER_MAX
from hearth.core.visibility import VisibleQuerySet

USER = settings.AUTH_USER_MODEL


def _user(**kwargs) -> models.ForeignKey:
    return models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+", **kwargs)


class CINPlan(models.Model):
    """The plan; ``version`` moves on with every change (pages and ETags)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="cin_plans")
    assessment = models.ForeignKey("assessments.Assessment", on_delete=models.PROTECT,
                                   related_name="+")
    start_on = models.DateField()
    needs = models.TextField()
    next_meeting_on = models.DateField(null=True, blank=True)
    end_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=20, choices=EndReason.choices, blank=True)
    end_notes = models.TextField(blank=True)
    ended_by = _user(null=True, blank=True)
    created_by = _user()
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = "child in need plan"
        constraints = [
            models.UniqueConstraint(fields=["person"], condition=Q(end_on__isnull=True),
                                    name="one_open_cin_plan_per_child"),
            models.UniqueConstraint(fields=["assessment"], name="one_cin_plan_per_assessment"),
            models.CheckConstraint(condition=Q(end_on__isnull=True)
                                   | Q(end_on__gte=F("start_on")),
                                   name="cin_plan_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return f"CIN plan {self.pk}"


class CINAction(models.Model):
    """Who does what by when (R-CIN-1)."""

    plan = models.ForeignKey(CINPlan, on_delete=models.PROTECT, related_name="actions")
    position = models.PositiveSmallIntegerField()
    what = models.TextField()
    owner = models.CharField("who does it", max_length=OWNER_MAX)
    due_on = models.DateField()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"CIN plan {self.plan_id} action {self.position}"


class CINMeeting(models.Model):
    """A CIN meeting with the family and agencies: who came, how each action is going, and
    when the next meeting is."""

    plan = models.ForeignKey(CINPlan, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    attendees = models.JSONField(default=list)
    notes = models.TextField(blank=True)
    next_meeting_on = models.DateField(null=True, blank=True)
    recorded_by = _user()
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"CIN plan {self.plan_id} meeting {self.held_on}"


class ActionProgress(models.Model):
    meeting = models.ForeignKey(CINMeeting, on_delete=models.PROTECT, related_name="progress")
    action = models.ForeignKey(CINAction, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(max_length=12, choices=Progress.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["action__position", "pk"]

    def __str__(self) -> str:
        return f"meeting {self.meeting_id} action {self.action_id}"
