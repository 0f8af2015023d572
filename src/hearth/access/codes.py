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
    IRO = "iro", "Independent reviewing officer"
    PERSONAL_ADVISER = "personal_adviser", "Personal adviser"
    BUSINESS_SUPPORT = "business_support", "Business support"
    ADMINISTRATOR = "administrator", "Administrator"


#: What each role does, as the demo's sign-in table says it (issue 15).
ROLE_DUTIES = {
    Role.SOCIAL_WORKER: "Holds a caseload: visits, assessments, notes, plans",
    Role.ADVANCED_PRACTITIONER: "Emergency Duty Team: out-of-hours contacts and visits",
    Role.TEAM_MANAGER: "Allocates the team's work, authorises decisions, supervises",
    Role.SERVICE_MANAGER: "Sees the whole service; authorises and oversees",
    Role.FRONT_DOOR: "Hears contacts at the front door and sends them on",
    Role.MASH_PARTNER: "A partner agency in the MASH (police, health): answers information "
                       "requests, joins core groups",
    Role.LADO: "Allegations against people who work with children",
    Role.FGC_COORDINATOR: "Family Group Conferences",
    Role.CONFERENCE_CHAIR: "Chairs child protection conferences",
    Role.FAMILY_PRACTITIONER: "Works with families beside the social worker",
    Role.IRO: "Independent reviewing officer: chairs looked-after children's reviews",
    Role.PERSONAL_ADVISER: "Care leavers' personal adviser: pathway plans, keeping in touch",
    Role.BUSINESS_SUPPORT: "Minutes, letters and records requests",
    Role.ADMINISTRATOR: "Users, teams and settings (sees no case records)",
}

class TokenScope(models.TextChoices):
    """What an API token may do (issue 13: tokens are scoped, expiring and revocable)."""

    READ = "read", "Read only"
    WRITE = "write", "Read and write"
