"""Engagement events (R-RES-1, R-RES-2), the follow-up they require (R-RES-3) and the alerts
given to other practitioners when hostility is met (R-RES-4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.engagement.codes import CancelledBy, EventKind, HostilityForm, TaskStatus


class EngagementEvent(models.Model):
    """One time the family did not engage, or was hostile, recorded on the child's record."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="engagement_events")
    involvement = models.ForeignKey("casework.Involvement", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="engagement_events")
    visit = models.ForeignKey("visits.Visit", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="engagement_events")
    kind = models.CharField(max_length=30, choices=EventKind.choices)
    occurred_at = models.DateTimeField()
    #: Which agency met it (children's services, school, health…): the family view per agency.
    agency = models.CharField(max_length=150)
    cancelled_by = models.CharField(max_length=20, choices=CancelledBy.choices, blank=True)
    #: For "no answer": whether someone was believed to be in.
    believed_in = models.BooleanField(null=True, blank=True)
    # Hostility (R-RES-2)
    form = models.CharField(max_length=30, choices=HostilityForm.choices, blank=True)
    behaviours = models.JSONField(default=list, blank=True)
    by_person = models.ForeignKey("people.Person", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    by_whom = models.CharField("Who", max_length=200, blank=True)
    account = models.TextField("The worker's account", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "-occurred_at"]),
                   models.Index(fields=["kind", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.occurred_at:%Y-%m-%d})"


class FollowUpTask(models.Model):
    """Proactive follow-up of avoidance (R-RES-3): while one is open the case cannot close."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="follow_up_tasks")
    involvement = models.ForeignKey("casework.Involvement", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="follow_up_tasks")
    reason = models.TextField()
    events = models.ManyToManyField(EngagementEvent, related_name="follow_up_tasks", blank=True)
    #: Visits whose outcome was avoidance and that have no engagement event of their own.
    visits = models.ManyToManyField("visits.Visit", related_name="follow_up_tasks", blank=True)
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="follow_up_tasks")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=TaskStatus.choices,
                              default=TaskStatus.OPEN)
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    outcome = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "status"]),
                   models.Index(fields=["assigned_to", "status"])]
        constraints = [models.UniqueConstraint(fields=["person"],
                                               condition=models.Q(status=TaskStatus.OPEN),
                                               name="one_open_follow_up_per_person")]

    def __str__(self) -> str:
        return f"Follow-up {self.pk} ({self.get_status_display()})"


class HostilityAlert(models.Model):
    """R-RES-4: the seed 004 §4.2 questions answered, and who among the other practitioners
    was told."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="hostility_alerts")
    event = models.ForeignKey(EngagementEvent, null=True, blank=True, on_delete=models.PROTECT,
                              related_name="alerts")
    answers = models.JSONField(default=dict)
    shared = models.BooleanField()
    not_shared_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Hostility alert {self.pk}"


class AlertRecipient(models.Model):
    """One practitioner told about the hostility: a Hearth user, or someone in another agency."""

    alert = models.ForeignKey(HostilityAlert, on_delete=models.CASCADE,
                              related_name="recipients")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    agency = models.CharField(max_length=150, blank=True)
    method = models.CharField(max_length=60)
    told_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} ({self.agency})"
