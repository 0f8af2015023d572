"""Codes for visits, in one place (DOMAIN.md §6: store codes, not free text)."""

from __future__ import annotations

from django.db import models


class VisitKind(models.TextChoices):
    PLANNED = "planned", "Planned"
    UNANNOUNCED = "unannounced", "Unannounced"


class Engagement(models.TextChoices):
    """How the visit went, for the non-engagement rules."""

    COMPLETED = "completed", "Completed"
    CUT_SHORT = "cut_short", "Cut short"
    NO_ACCESS = "no_access", "No access"
    CANCELLED_BY_FAMILY = "cancelled_by_family", "Cancelled by the family"


class TimingBand(models.TextChoices):
    """When a visit happened, Europe/London time (R-RES-5)."""

    EARLY_MORNING = "early_morning", "Early morning"
    OFFICE_HOURS = "office_hours", "Weekday office hours"
    EVENING = "evening", "Evening"
    WEEKEND_OR_HOLIDAY = "weekend_or_holiday", "Weekend or bank holiday"
