"""Risks to workers (R-SAFE-1), visit safety plans (R-SAFE-2, R-SAFE-3) and lone-working
check-ins with escalation (R-SAFE-4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.safety.codes import CheckInStatus, WarningKind, WarningStatus


class WorkerWarning(models.Model):
    """A risk to workers from a person or at an address. Shown first wherever the person, the
    address or a case they are part of appears. Exactly one of ``person`` and ``address``."""

    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="worker_warnings")
    address = models.ForeignKey("people.Address", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="worker_warnings")
    kind = models.CharField(max_length=30, choices=WarningKind.choices)
    profession = models.CharField("Which profession", max_length=100, blank=True)
    what_happened = models.TextField()
    source = models.CharField("Where this came from", max_length=200)
    occurred_on = models.DateField("Date of what happened")
    disclosed_to_person = models.BooleanField()
    not_disclosed_reason = models.TextField(blank=True)
    requires_joint_visit = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=WarningStatus.choices,
                              default=WarningStatus.AWAITING_SIGN_OFF)
    review_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    signed_off_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    signed_off_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    ended_at = models.DateTimeField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "status"]),
                   models.Index(fields=["address", "status"])]
        constraints = [models.CheckConstraint(
            condition=(models.Q(person__isnull=False, address__isnull=True)
                       | models.Q(person__isnull=True, address__isnull=False)),
            name="safety_warning_person_or_address")]

    def __str__(self) -> str:
        return f"Worker safety warning {self.pk} ({self.get_kind_display()})"


class WarningReview(models.Model):
    """A review of a warning: what was considered and the next review date (R-SAFE-1)."""

    warning = models.ForeignKey(WorkerWarning, on_delete=models.CASCADE,
                                related_name="reviews")
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    reviewed_at = models.DateTimeField()
    note = models.TextField()
    previous_review_on = models.DateField()
    review_on = models.DateField("Next review date")

    class Meta:
        ordering = ["reviewed_at", "pk"]

    def __str__(self) -> str:
        return f"Review of warning {self.warning_id}"


class VisitPlan(models.Model):
    """R-SAFE-2 / R-SAFE-3: the safety plan for a visit to a flagged person or address."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="visit_plans")
    address = models.ForeignKey("people.Address", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    planned_for = models.DateTimeField()
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="visit_plans")
    answers = models.JSONField(default=dict)
    notes = models.TextField(blank=True)
    joint_worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    manager_agreed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                          on_delete=models.PROTECT, related_name="+")
    manager_agreed_at = models.DateTimeField(null=True, blank=True)
    #: What the manager said when agreeing to a visit without a joint worker.
    manager_note = models.TextField(blank=True)
    supervision_session = models.ForeignKey("supervision.SupervisionSession", null=True,
                                            blank=True, on_delete=models.PROTECT,
                                            related_name="visit_plans")
    warnings = models.ManyToManyField(WorkerWarning, related_name="visit_plans", blank=True)
    created_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Visit plan {self.pk}"


class CheckIn(models.Model):
    """R-SAFE-4: a lone worker out on a visit, due back at ``expected_back``."""

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="check_ins")
    visit_plan = models.ForeignKey(VisitPlan, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="check_ins")
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    #: The second worker on the visit, where a warning needs two (R-SAFE-2).
    joint_worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    where = models.CharField(max_length=200)
    started_at = models.DateTimeField()
    expected_back = models.DateTimeField()
    status = models.CharField(max_length=10, choices=CheckInStatus.choices,
                              default=CheckInStatus.OUT)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    #: Who checked out: the worker, or a manager closing it on their behalf with a reason.
    checked_out_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    close_reason = models.TextField("Why a manager closed the check-in", blank=True)
    manager_alerted_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["status", "expected_back"]),
                   models.Index(fields=["worker", "status"])]

    def __str__(self) -> str:
        return f"Check-in {self.pk} ({self.get_status_display()})"


class OnCall(models.Model):
    """Who is the on-call senior manager, when (the escalation after a missed check-out)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="on_call")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["starts_at", "ends_at"])]

    def __str__(self) -> str:
        return f"On call: {self.user_id}"
