"""Codes for child protection (DOMAIN.md R-CP-1..4, R-TWO-1..3; DfE CIN census categories)."""

from __future__ import annotations

from django.db import models


class StrategyDecision(models.TextChoices):
    S47_SINGLE_AGENCY = "s47_single", "Section 47 enquiry by children's social care"
    S47_JOINT = "s47_joint", "Section 47 enquiry jointly with the police"
    NO_FURTHER_S47 = "no_s47", "No further Section 47 action"
    IMMEDIATE_PROTECTION = "immediate_protection", "Immediate protection needed"


class S47Outcome(models.TextChoices):
    SUBSTANTIATED_ICPC = "icpc", "Concerns substantiated: ICPC needed"
    NOT_SUBSTANTIATED = "not_substantiated", "Concerns not substantiated"
    ICPC_NOT_REQUIRED = "icpc_not_required", "Concerns substantiated, ICPC not required"


class ConferenceKind(models.TextChoices):
    ICPC = "icpc", "Initial child protection conference"
    RCPC = "rcpc", "Review child protection conference"
    ROTH = "roth", "Risk outside the home conference (ROTH)"


class Category(models.TextChoices):
    """Category of abuse on a CP plan (CIN census codes)."""

    NEGLECT = "NEG", "Neglect"
    PHYSICAL = "PHY", "Physical abuse"
    SEXUAL = "SAB", "Sexual abuse"
    EMOTIONAL = "EMO", "Emotional abuse"
    MULTIPLE = "MUL", "Multiple"


class WorkerKind(models.TextChoices):
    """Who a worker on a Section 47 visit is (R-TWO-1)."""

    SOCIAL_WORKER = "social_worker", "Social worker"
    CSC_WORKER = "csc_worker", "Another children's social care worker"
    POLICE = "police", "Police officer"
    KNOWN_PROFESSIONAL = "known_professional", "Another professional who knows the family"


class StrategyOrigin(models.TextChoices):
    """What led to the strategy discussion."""

    CONTACT = "contact", "A contact"
    MASH = "mash", "A MASH decision"
    ASSESSMENT = "assessment", "An assessment"
    OPEN_CASE = "open_case", "An open case"


class ConferenceDecision(models.TextChoices):
    PLAN = "plan", "The child is to be subject to a child protection plan"
    NO_PLAN = "no_plan", "No child protection plan"
    CONTINUE = "continue", "The child protection plan continues"
    END_PLAN = "end_plan", "The child protection plan ends"


#: Which decisions each kind of conference may make.
DECISIONS_FOR = {
    ConferenceKind.ICPC: (ConferenceDecision.PLAN, ConferenceDecision.NO_PLAN),
    ConferenceKind.ROTH: (ConferenceDecision.PLAN, ConferenceDecision.NO_PLAN),
    ConferenceKind.RCPC: (ConferenceDecision.CONTINUE, ConferenceDecision.END_PLAN),
}


class Attendance(models.TextChoices):
    ATTENDED = "attended", "Attended"
    APOLOGIES = "apologies", "Sent apologies"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    NOT_KNOWN = "not_known", "Not yet known"


class FamilyParticipation(models.TextChoices):
    """How a parent or family member took part in a conference (R-CP-4)."""

    ATTENDED = "attended", "Took part in the whole conference"
    EXCLUDED_PART = "excluded_part", "Excluded from part of the conference"
    EXCLUDED_ALL = "excluded_all", "Excluded from the whole conference"
    VIEWS_SENT = "views_sent", "Did not attend but sent their views"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"


EXCLUDED = (FamilyParticipation.EXCLUDED_PART, FamilyParticipation.EXCLUDED_ALL)


class PlanEndReason(models.TextChoices):
    NO_LONGER_AT_RISK = "no_longer_at_risk", "No longer at continuing risk of significant harm"
    MOVED_AWAY = "moved_away", "Moved to another local authority"
    LOOKED_AFTER = "looked_after", "Became looked after"
    AGED_18 = "aged_18", "Reached 18"
    DIED = "died", "Died"
    OTHER = "other", "Other"
