"""Codes for resolving professional differences (R-PD-1..3), in one place (DOMAIN.md §6:
store codes, not free text)."""

from __future__ import annotations

from django.db import models


class StageNumber(models.IntegerChoices):
    """The five stages of R-PD-1 (seed 003, "Working Together to Resolve Professional
    Differences"), each two working days."""

    LINE_MANAGER = 1, "Discussion with a line manager or safeguarding lead"
    INTER_AGENCY = 2, "Inter-agency discussion"
    MANAGERS = 3, "Managers' inter-agency discussion"
    HEADS_OF_SERVICE = 4, "Heads or directors of service"
    PARTNERSHIP = 5, "Safeguarding partnership"


FIRST_STAGE = StageNumber.LINE_MANAGER
LAST_STAGE = StageNumber.PARTNERSHIP

#: What each stage is, in the words of the seed, shown as each stage's hint.
STAGE_GUIDANCE = {
    1: "The practitioner talks it over with their line manager or safeguarding lead, to "
       "clarify their thinking and reflect on their views.",
    2: "The two people who disagree discuss it, as soon as possible: by telephone, video call "
       "or face to face.",
    3: "The line managers or safeguarding leads of the two agencies discuss it and work "
       "together to resolve it.",
    4: "Heads or directors of service of the agencies discuss it and work together to "
       "resolve it, without delay.",
    5: "The local safeguarding children partnership arranges a resolution meeting with the "
       "partnership members concerned and the independent scrutineer or partnership chair.",
}


class Status(models.TextChoices):
    OPEN = "open", "Open"
    RESOLVED = "resolved", "Resolved"


class RaisedBefore(models.TextChoices):
    """Where the concern was raised in the usual way first (R-PD-2), or why it was not."""

    CIN_MEETING = "cin_meeting", "At a child in need meeting"
    CORE_GROUP = "core_group", "At a core group meeting"
    OTHER = "other", "At another multi-agency meeting or discussion"
    NOT_RAISED = "not_raised", "Not raised first: the child's timescale did not allow it"


#: Raised-before answers that need a note: which meeting, or why there was no time.
NOTE_NEEDED = (RaisedBefore.OTHER, RaisedBefore.NOT_RAISED)


class AgencyKind(models.TextChoices):
    """The kind of agency on each side of a difference (R-MASH-1's partners, and others):
    what the managers' page counts differences by (R-PD-3)."""

    SOCIAL_CARE = "social_care", "Children's social care"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    HOUSING = "housing", "Housing"
    OTHER = "other", "Another agency"
