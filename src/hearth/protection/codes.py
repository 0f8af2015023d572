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
    ROTH = "roth", "Transfer-in conference (ROTH)"


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
