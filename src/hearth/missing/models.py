"""A missing episode (R-CLA-6): a child — looked after or not — missing (M) or away from
their placement without authorisation (A), from when to when, where they were found, who
reported it, and the return interview offered within 72 hours of their return. Kept in the
SSDA903 Missing file's terms (MISSING, MIS_START, MIS_END). ``version`` moves on with every
change (pages and ETags)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from hearth.core.visibility import VisibleQuerySet
from hearth.missing.codes import MissingKind

USER = settings.AUTH_USER_MODEL
TEXT_MAX = 300


class MissingEpisode(models.Model):
    child = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                              related_name="missing_episodes")
    kind = models.CharField("missing or away", max_length=1, choices=MissingKind.choices)
    started_at = models.DateTimeField("went missing")
    reported_by = models.CharField("who reported it", max_length=TEXT_MAX)
    ended_at = models.DateTimeField("returned", null=True, blank=True)
    where_found = models.CharField(max_length=TEXT_MAX, blank=True)
    # The return interview (R-CLA-6: offered within 72 hours of the return)
    interview_offered_at = models.DateTimeField(null=True, blank=True)
    interview_accepted = models.BooleanField(null=True, blank=True)
    interview_held_at = models.DateTimeField(null=True, blank=True)
    interview_by = models.CharField("who held it", max_length=TEXT_MAX, blank=True)
    interview_learned = models.TextField("what was learned", blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    objects = VisibleQuerySet.as_manager()

    class Meta:
        verbose_name = "missing episode"
        indexes = [models.Index(fields=["child", "started_at"]),
                   models.Index(fields=["started_at"])]
        constraints = [
            models.UniqueConstraint(fields=["child"], condition=Q(ended_at__isnull=True),
                                    name="one_open_missing_episode"),
            models.CheckConstraint(condition=Q(ended_at__isnull=True)
                                   | Q(ended_at__gte=models.F("started_at")),
                                   name="missing_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"Missing episode {self.pk} ({self.kind})"

    @property
    def is_open(self) -> bool:
        return self.ended_at is None
