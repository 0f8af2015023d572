"""The chronology: significant events of a child's life, dated and sourced (R-CHR-1).

Events are written by the modules in the same transaction as the record they come from
(``hearth.chronology.actions.sync``), or added by hand by a worker. Derived events are rebuilt
from their origin whenever it changes; hand entries are corrected with a visible history.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models

from hearth import calendar
from hearth.chronology.codes import Kind, Lane


def month_start(moment) -> date:
    """The first day of the month ``moment`` falls in, in London."""
    return moment.astimezone(calendar.LONDON).date().replace(day=1)


class Event(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.CASCADE,
                               related_name="chronology_events")
    occurred_at = models.DateTimeField()
    #: False when only the date is known (hand entries, address moves): the time is not shown.
    time_known = models.BooleanField(default=True)
    #: The first day of the month it happened in, London time: what the timeline counts by.
    month = models.DateField()
    kind = models.CharField(max_length=30, choices=Kind.choices)
    lane = models.CharField(max_length=30, choices=Lane.choices)
    summary = models.TextField()
    #: Which agency the information came from, and which person said it (R-CHR-1).
    source_agency = models.CharField(max_length=150)
    source_person = models.CharField(max_length=200, blank=True)
    #: The worker's analysis of its impact on the child (R-CHR-3), for hand entries.
    impact = models.TextField(blank=True)
    #: The record it comes from ("visit", "case_note", "contact", ...) or "manual".
    origin = models.CharField(max_length=30)
    origin_id = models.CharField(max_length=64, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField()
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["person", "-occurred_at"]),
                   models.Index(fields=["person", "lane", "-occurred_at"]),
                   models.Index(fields=["person", "month", "lane"]),
                   models.Index(fields=["person", "source_agency"]),
                   models.Index(fields=["origin", "origin_id"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.occurred_at:%Y-%m-%d}"

    def save(self, *args, **kwargs):
        self.month = month_start(self.occurred_at)
        super().save(*args, **kwargs)

    @property
    def is_manual(self) -> bool:
        return self.origin == "manual"


class EventCorrection(models.Model):
    """A visible correction of a hand entry: who, when, why, before and after (R-REC-4)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="corrections")
    before = models.JSONField()
    after = models.JSONField()
    reason = models.TextField()
    corrected_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+")
    corrected_at = models.DateTimeField()

    class Meta:
        ordering = ["corrected_at", "pk"]

    def __str__(self) -> str:
        return f"Correction of chronology entry {self.event_id}"
