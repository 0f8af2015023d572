"""Codes for LADO matters (DOMAIN.md R-LADO-1..5), in one place: store codes, not free text."""

from __future__ import annotations

from django.db import models


class Origin(models.TextChoices):
    """How a matter reached the LADO."""

    CONTACT = "contact", "A front-door contact passed to the LADO"
    NOTIFICATION = "notification", "A notification from an employer's or partner's system"
    CONSULTATION = "consultation", "A consultation with the LADO (a call, an e-mail or a form)"


class Sector(models.TextChoices):
    """Where the person the allegation is about works or volunteers (R-LADO-3, R-LADO-5)."""

    EDUCATION = "education", "Education"
    EARLY_YEARS = "early_years", "Early years"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social_care", "Social care"
    FOSTER_CARE = "foster_care", "Foster care"
    RESIDENTIAL = "residential", "Residential"
    POLICE = "police", "Police"
    FAITH = "faith", "Faith"
    SPORT_LEISURE = "sport_leisure", "Sport and leisure"
    VOLUNTARY = "voluntary", "Voluntary"
    TRANSPORT = "transport", "Transport"
    OTHER = "other", "Other"


class Criterion(models.TextChoices):
    """R-LADO-1: the four criteria; a concern meeting none is a low-level concern."""

    HARM = "harm", "Behaved in a way that has harmed a child, or may have harmed a child"
    OFFENCE = "offence", "Possibly committed a criminal offence against or related to a child"
    RISK = "risk", ("Behaved towards a child or children in a way that indicates they may pose "
                    "a risk of harm to children")
    UNSUITABLE = "unsuitable", ("Behaved or may have behaved in a way that indicates they may "
                                "not be suitable to work with children")


#: The model's boolean field for each criterion.
CRITERION_FIELDS = {Criterion.HARM: "harm", Criterion.OFFENCE: "offence",
                    Criterion.RISK: "risk", Criterion.UNSUITABLE: "unsuitable"}


class Setting(models.TextChoices):
    """R-LADO-1: the criteria apply in the workplace, the community and home life."""

    WORKPLACE = "workplace", "At work or while volunteering"
    COMMUNITY = "community", "In the community"
    HOME = "home", "In their home or family life"


class MatterStatus(models.TextChoices):
    NEW = "new", "New: criteria not yet decided"
    OPEN = "open", "Allegation: criteria met"
    CLOSED = "closed", "Closed with an outcome"
    LOW_LEVEL = "low_level", "Low-level concern: closed with advice"


#: A matter the LADO still works on.
OPEN_STATUSES = (MatterStatus.NEW, MatterStatus.OPEN)
CLOSED_STATUSES = (MatterStatus.CLOSED, MatterStatus.LOW_LEVEL)


class Outcome(models.TextChoices):
    """R-LADO-4 (Keeping Children Safe in Education's definitions)."""

    SUBSTANTIATED = "substantiated", "Substantiated"
    FALSE = "false", "False"
    MALICIOUS = "malicious", "Malicious"
    UNSUBSTANTIATED = "unsubstantiated", "Unsubstantiated"
    UNFOUNDED = "unfounded", "Unfounded"


class Suspension(models.TextChoices):
    SUSPENDED = "suspended", "Suspended"
    ALTERNATIVE = "alternative", "Not suspended: redeployed or other arrangements made"
    NOT_SUSPENDED = "not_suspended", "Not suspended"


class Investigation(models.TextChoices):
    NONE = "none", "No investigation by the employer"
    PLANNED = "planned", "Planned (waiting for the police, for example)"
    UNDER_WAY = "under_way", "Under way"
    COMPLETE = "complete", "Complete"


class Disciplinary(models.TextChoices):
    NONE = "none", "No disciplinary action"
    UNDER_WAY = "under_way", "Under way"
    WARNING = "warning", "Warning or other action short of dismissal"
    DISMISSED = "dismissed", "Dismissed"
    LEFT = "left", "Resigned or left before it ended"


#: R-LADO-4: a person dismissed, or who left when they would have been, is referred to the DBS.
DBS_DISCIPLINARY = (Disciplinary.DISMISSED, Disciplinary.LEFT)


class Police(models.TextChoices):
    NOT_INVOLVED = "not_involved", "Not involved"
    INFORMED = "informed", "Informed"
    INVESTIGATING = "investigating", "Investigating"
    CHARGED = "charged", "Charged"
    NO_FURTHER_ACTION = "nfa", "No further action"


class SocialCare(models.TextChoices):
    NOT_INVOLVED = "not_involved", "Not involved"
    INFORMED = "informed", "Informed"
    ASSESSING = "assessing", "Assessing the child's needs"
    SECTION_47 = "s47", "Section 47 enquiry"
    NO_FURTHER_ACTION = "nfa", "No further action"
