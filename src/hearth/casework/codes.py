"""Coded answers for casework: DfE codes (DOMAIN.md §6) and Hearth's own choices."""

from django.db import models

__all__ = ["AllocationUrgency", "ClosureReason", "InvolvementService", "PrimaryNeed",
           "SecondaryRole"]


class PrimaryNeed(models.TextChoices):
    """CIN census primary need (DfE)."""

    N0 = "N0", "Not stated"
    N1 = "N1", "Abuse or neglect"
    N2 = "N2", "Child's disability or illness"
    N3 = "N3", "Parental disability or illness"
    N4 = "N4", "Family in acute stress"
    N5 = "N5", "Family dysfunction"
    N6 = "N6", "Socially unacceptable behaviour"
    N7 = "N7", "Low income"
    N8 = "N8", "Absent parenting"
    N9 = "N9", "Cases other than children in need"


class ClosureReason(models.TextChoices):
    """CIN census reason for closure (DfE)."""

    RC1 = "RC1", "Adopted"
    RC2 = "RC2", "Died"
    RC3 = "RC3", "Child arrangements order"
    RC4 = "RC4", "Special guardianship order"
    RC5 = "RC5", "Transferred to services of another local authority"
    RC6 = "RC6", "Transferred to adult social care services"
    RC7 = "RC7", "Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8", "Case closed after assessment, no further action"
    RC9 = "RC9", "Case closed after assessment, referred to early help"


class InvolvementService(models.TextChoices):
    """The services a child's involvement can be with (R-SVC-1). The values match the team
    services of ``hearth.access.models.Service`` so that a team's service is the default."""

    FAMILY_HELP = "family_help", "Family Help"
    FAMILY_SAFEGUARDING = "family_safeguarding", "Family Safeguarding"
    JIGSAW = "jigsaw", "Jigsaw (children with disabilities)"
    YOUNG_PEOPLE = "yps", "Young People's Service"
    BUILDING_BRIDGES = "building_bridges", "Building Bridges"
    FOSTERING = "fostering", "Fostering"
    PATHWAYS = "pathways", "Pathways Through Care"
    OTHER = "other", "Other"


class SecondaryRole(models.TextChoices):
    """What a co-allocated secondary worker does on an involvement (R-SVC-1)."""

    BUILDING_BRIDGES = "building_bridges", "Building Bridges practitioner"
    DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse practitioner"
    MENTAL_HEALTH = "mental_health", "Adult mental health practitioner"
    SUBSTANCE_MISUSE = "substance_misuse", "Substance misuse practitioner"
    CO_WORKER = "co_worker", "Co-worker"
    OTHER = "other", "Other"


class AllocationUrgency(models.TextChoices):
    """How soon a referred child needs a worker: the front door's urgency of the contact that
    led to the referral (issue 15: the allocation queue shows it and reads it first)."""

    IMMEDIATE = "immediate", "Immediate"
    TODAY = "today", "Today"
    ROUTINE = "routine", "Routine"
