"""A professional difference about a decision or practice for a named child (R-PD-1..3): who
raised it and why, where it was raised first, each of its five stages (who, with whom, when,
what was discussed, resolved or not) and its resolution: what was agreed and who tells the
child's allocated worker. Never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.differences.codes import AgencyKind, RaisedBefore, StageNumber, Status


class Difference(models.Model):
    """The raiser's side is taken from the raiser when it is raised (their agency, or
    children's social care and their team); the other side is the agency whose decision or
    practice it is. ``current_stage`` is the stage it is at (the last one started);
    ``working_days_to_resolve`` is worked out once when it is resolved (R-PD-3)."""

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="professional_differences", verbose_name="child")
    raised_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    raised_at = models.DateTimeField()
    raiser_role = models.CharField(max_length=40)
    #: The raiser's partner agency (a MASH partner's), else None: children's social care.
    raiser_partner = models.ForeignKey("access.Agency", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    raiser_agency = models.CharField(max_length=20, choices=AgencyKind.choices)
    raiser_agency_name = models.CharField(max_length=200)
    decision = models.TextField()
    decision_by = models.CharField(max_length=200)
    decision_agency = models.CharField(max_length=20, choices=AgencyKind.choices)
    #: The partner agency in Hearth whose decision it is, if it is one (its partners see it).
    decision_partner = models.ForeignKey("access.Agency", null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="+")
    why = models.TextField()
    raised_before = models.CharField(max_length=20, choices=RaisedBefore.choices)
    raised_before_note = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    current_stage = models.ForeignKey("Stage", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="+")
    agreed = models.TextField(blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    working_days_to_resolve = models.PositiveIntegerField(null=True, blank=True)
    #: The child's allocated worker when it was resolved (None: the child had none).
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    teller = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+",
                               verbose_name="who tells the allocated worker")
    worker_told_on = models.DateField(null=True, blank=True)
    worker_told_recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                                blank=True, on_delete=models.PROTECT,
                                                related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["person", "status"]),
                   models.Index(fields=["status", "raised_at"]),
                   models.Index(fields=["status", "resolved_at"])]

    def __str__(self) -> str:
        return f"Professional difference {self.pk} ({self.get_status_display()})"

    @property
    def is_open(self) -> bool:
        return self.status == Status.OPEN

    @property
    def awaiting_worker(self) -> bool:
        """Resolved, and the allocated worker not yet told what was agreed."""
        return (self.status == Status.RESOLVED and self.worker_id is not None
                and self.worker_told_on is None)


class Stage(models.Model):
    """One stage of a difference, due two working days after the day it started
    (``calendar.pd_stage_due``). ``owner`` leads it and records its outcome; the outcome is
    who took part (for the raiser's side), with whom, when, what was discussed and whether it
    resolved the difference; at stage 5, who chaired the partnership's resolution meeting."""

    difference = models.ForeignKey(Difference, on_delete=models.PROTECT, related_name="stages")
    number = models.PositiveSmallIntegerField(choices=StageNumber.choices)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    due_at = models.DateTimeField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    held_on = models.DateField(null=True, blank=True)
    who = models.TextField(blank=True)
    with_whom = models.TextField(blank=True)
    discussed = models.TextField(blank=True)
    resolved = models.BooleanField(null=True, blank=True)
    chaired_by = models.CharField(max_length=200, blank=True)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    outcome_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["difference", "number"],
                                               name="one_stage_of_each_number")]
        indexes = [models.Index(fields=["owner", "due_at"])]

    def __str__(self) -> str:
        return f"Stage {self.number} of difference {self.difference_id}"

    @property
    def outcome_recorded(self) -> bool:
        return self.resolved is not None
