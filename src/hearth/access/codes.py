"""The roles a member of staff can hold."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    SOCIAL_WORKER = "social_worker", "Social worker"
    ADVANCED_PRACTITIONER = "advanced_practitioner", "Advanced practitioner (EDT)"
    TEAM_MANAGER = "team_manager", "Team manager"
    SERVICE_MANAGER = "service_manager", "Service manager"
    FRONT_DOOR = "front_door", "Information officer / early help advisor"
    MASH_PARTNER = "mash_partner", "MASH partner"
    LADO = "lado", "LADO"
    FGC_COORDINATOR = "fgc_coordinator", "FGC coordinator"
    CONFERENCE_CHAIR = "conference_chair", "Conference chair"
    FAMILY_PRACTITIONER = "family_practitioner", "Family practitioner"
    BUSINESS_SUPPORT = "business_support", "Business support"
    ADMINISTRATOR = "administrator", "Administrator"


class TokenScope(models.TextChoices):
    """What an API token may do (issue 13: tokens are scoped, expiring and revocable)."""

    READ = "read", "Read only"
    WRITE = "write", "Read and write"
