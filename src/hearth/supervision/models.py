"""Case supervision (R-SUP-1..3) and the visit action plan agreed in it (R-SAFE-3)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.core.visibility import VisibleQuerySet
from hearth.supervision.codes import SessionStatus


class SupervisionSession(models.Model):
    """One supervision of a worker, about one or more cases; cancelled ones stay visible."""

    worker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="supervisions")
    supervisor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="supervisions_given")
    scheduled_for = models.DateField()
    held_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=SessionStatus.choices,
                              default=SessionStatus.PLANNED)
    cancelled_reason = models.TextField(blank=True)
    cases = models.ManyToManyField("people.Person", related_name="supervisions", blank=True)
    attendees = models.TextField(blank=True)
    discussion = models.TextField(blank=True)
    decisions = models.TextField(blank=True)
    #: R-SUP-2: for a hostile family, the impact on the worker and the work, the seed 004 §3.2
    #: self-check answers, and health and safety.
    impact_on_worker = models.TextField(blank=True)
    self_check = models.JSONField(default=dict, blank=True)
    health_and_safety = models.TextField(blank=True)
    #: R-SAFE-3: the plan for managing the risk at the next visit.
    visit_action_plan = models.TextField(blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["worker", "-scheduled_for"])]

    def __str__(self) -> str:
        return f"Supervision {self.pk} ({self.get_status_display()})"


class SupervisionAction(models.Model):
    session = models.ForeignKey(SupervisionSession, on_delete=models.CASCADE,
                                related_name="actions")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="supervision_actions")
    what = models.TextField()
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)

    objects = VisibleQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Action {self.pk} from supervision {self.session_id}"


class SupervisionFrequency(models.Model):
    """How often a worker, or everyone in a team, is supervised (R-SUP-3); a worker's own
    setting wins over their team's."""

    team = models.ForeignKey("access.Team", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    worker = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.CASCADE, related_name="+")
    every_days = models.PositiveSmallIntegerField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(team__isnull=False, worker__isnull=True)
                           | models.Q(team__isnull=True, worker__isnull=False)),
                name="supervision_frequency_team_or_worker"),
            # One setting per team and one per worker: a change replaces it.
            models.UniqueConstraint(fields=["team"], condition=models.Q(team__isnull=False),
                                    name="supervision_frequency_one_per_team"),
            models.UniqueConstraint(fields=["worker"], condition=models.Q(worker__isnull=False),
                                    name="supervision_frequency_one_per_worker"),
        ]

    def __str__(self) -> str:
        return f"Every {self.every_days} days"
