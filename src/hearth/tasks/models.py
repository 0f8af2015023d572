"""A task: something one person (or Hearth itself) asks a worker to do, by a date, usually
about a child (issue 15). Done or cancelled with who and when; never deleted."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.tasks.codes import Source, TaskStatus

WHAT_MAX = 500


class Task(models.Model):
    """``set_by`` is None for a Hearth-made task, whose ``source`` says why it was made and
    ``source_ref`` what made it (a visit), so the same event never makes two tasks."""

    what = models.CharField(max_length=WHAT_MAX)
    person = models.ForeignKey("people.Person", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="tasks",
                               verbose_name="about")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="tasks", verbose_name="for")
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=40, choices=Source.choices, blank=True)
    source_ref = models.CharField(max_length=60, blank=True)
    due_on = models.DateField()
    created_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=TaskStatus.choices,
                              default=TaskStatus.OPEN)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["assigned_to", "status", "due_on"]),
                   models.Index(fields=["person", "status"])]
        constraints = [models.UniqueConstraint(fields=["source", "source_ref"],
                                               condition=~models.Q(source_ref=""),
                                               name="one_task_per_hearth_event")]

    def __str__(self) -> str:
        return f"Task {self.pk} ({self.get_status_display()})"

    @property
    def hearth_made(self) -> bool:
        return self.set_by_id is None
