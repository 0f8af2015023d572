"""Coded answers at the front door: DfE codes (DOMAIN.md §6) and Hearth's own choices."""

from django.db import models


class ReferralSource(models.TextChoices):
    """CIN census referral source (DfE)."""

    S1A = "1A", "Individual: family member/relative/carer"
    S1B = "1B", "Individual: acquaintance (including neighbours and child minders)"
    S1C = "1C", "Individual: self"
    S1D = "1D", "Individual: other (including strangers, MPs)"
    S2A = "2A", "Schools"
    S2B = "2B", "Education services"
    S3A = "3A", "Health services: GP"
    S3B = "3B", "Health services: health visitor"
    S3C = "3C", "Health services: school nurse"
    S3D = "3D", "Health services: other primary health services"
    S3E = "3E", "Health services: A&E (emergency department)"
    S3F = "3F", "Health services: other"
    S4 = "4", "Housing"
    S5A = "5A", "Local authority services: social care"
    S5B = "5B", "Local authority services: other internal department"
    S5C = "5C", "Local authority services: external (e.g. from another local authority)"
    S5D = "5D", "Local authority services: early help"
    S6 = "6", "Police"
    S7 = "7", "Other legal agency"
    S8 = "8", "Other"
    S9 = "9", "Anonymous"
    S10 = "10", "Unknown"


class Channel(models.TextChoices):
    PHONE = "phone", "Phone"
    EMAIL = "email", "Email"
    IN_PERSON = "in_person", "In person"
    PARTNER_SYSTEM = "partner_system", "Partner system"


class CallerKind(models.TextChoices):
    PROFESSIONAL = "professional", "Professional"
    PUBLIC = "public", "Member of the public"


class Urgency(models.TextChoices):
    IMMEDIATE = "immediate", "Immediate: a child may be at risk of significant harm now"
    TODAY = "today", "Today"
    ROUTINE = "routine", "Routine"


class Outcome(models.TextChoices):
    NFA = "nfa", "No further action, with advice and the referrer's plan"
    EARLY_HELP = "early_help", "Early help / Family Help"
    MASH = "mash", "MASH information gathering"
    REFERRAL = "referral", "Referral to a social work team"
    STRATEGY = "strategy", "Strategy discussion (section 47) needed"
    LADO = "lado", "LADO: an allegation about someone who works with children"
    ALREADY_OPEN = "already_open", "Already open: pass to the allocated worker"


class ContactStatus(models.TextChoices):
    OPEN = "open", "Awaiting a decision"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting a manager's authorisation"
    IN_MASH = "in_mash", "MASH information gathering"
    DECIDED = "decided", "Decided"


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    AUTHORISED = "authorised", "Authorised"
    RETURNED = "returned", "Returned with a comment"
    DECIDED = "decided", "Decided"


class PersonRole(models.TextChoices):
    CHILD = "child", "Child"
    ADULT = "adult", "Adult"


class ResponseMethod(models.TextChoices):
    EMAIL = "email", "Email"
    POST = "post", "Letter by post"
    SECURE_EMAIL = "secure_email", "Secure email"


class MashScope(models.TextChoices):
    TARGETED = "targeted", "Targeted: chosen agencies"
    FULL = "full", "Full: all partners"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class ConsentStatus(models.TextChoices):
    SOUGHT = "sought", "Sought, no answer yet"
    GIVEN = "given", "Given"
    REFUSED = "refused", "Refused"
    NOT_SOUGHT = "not_sought", "Not sought"


class MashStatus(models.TextChoices):
    AWAITING_CONSENT = "awaiting_consent", "Awaiting consent or an approved override"
    GATHERING = "gathering", "Gathering information"
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Analysis awaiting a CRS manager's sign-off"
    ANALYSED = "analysed", "Analysed"
