"""Codes for incidents against workers (DOMAIN.md R-SAFE-5)."""

from __future__ import annotations

from django.db import models


class IncidentKind(models.TextChoices):
    THREAT = "threat", "Threat"
    ABUSE = "abuse", "Verbal or written abuse"
    VIOLENCE = "violence", "Violence"
    DAMAGE = "damage", "Damage to property"


class Investigation(models.TextChoices):
    NOT_DECIDED = "not_decided", "Not decided yet"
    NOT_NEEDED = "not_needed", "Not needed"
    OPEN = "open", "Under investigation"
    CLOSED = "closed", "Investigation closed"


class PoliceComplaint(models.TextChoices):
    NOT_DECIDED = "not_decided", "Not decided yet"
    YES = "yes", "Yes, a complaint was made to the police"
    NO = "no", "No complaint to the police"
