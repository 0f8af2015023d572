"""Codes of reviews, plans, health and education of children looked after (RETURNS.md §2:
REVIEW_CODE, SDQ_REASON), stored as codes, never free text."""

from __future__ import annotations

from django.db import models


class Participation(models.TextChoices):
    """REVIEW_CODE: how the child took part in the review (R-CLA-3). PN0 if and only if the
    child is under 4 on the review date (SSDA903 rules 440, 441)."""

    PN0 = "PN0", "Child under 4 at the time of the review"
    PN1 = "PN1", "Attends and speaks for self"
    PN2 = "PN2", "Attends: an advocate or the IRO speaks for them"
    PN3 = "PN3", "Attends and conveys views non-verbally"
    PN4 = "PN4", "Attends but does not contribute"
    PN5 = "PN5", "Does not attend: briefs an advocate or the IRO"
    PN6 = "PN6", "Does not attend: conveys views by another medium"
    PN7 = "PN7", "Does not attend and views not conveyed"


class PermanencePlan(models.TextChoices):
    """The permanence plan in the care plan (R-CLA-2)."""

    RETURN_HOME = "return_home", "Return to parents or family"
    RELATIVES = "relatives", "Living with relatives or friends (child arrangements order)"
    SPECIAL_GUARDIANSHIP = "special_guardianship", "Special guardianship order"
    ADOPTION = "adoption", "Adoption"
    LONG_TERM_FOSTERING = "long_term_fostering", "Long-term fostering"
    RESIDENTIAL = "residential", "Residential care"
    INDEPENDENCE = "independence", "Supported independent living"


class SdqReason(models.TextChoices):
    """SDQ_REASON: why there is no Strengths and Difficulties Questionnaire score."""

    SDQ1 = "SDQ1", "Under 4 or over 16 at the date of the latest assessment"
    SDQ2 = "SDQ2", "Carer refused to complete and return the questionnaire"
    SDQ3 = "SDQ3", "Child's disability too severe to complete the questionnaire"
    SDQ4 = "SDQ4", "Other"
    SDQ5 = "SDQ5", "Child or young person refused"


class CheckKind(models.TextChoices):
    """The health checks of a child looked after (R-CLA-5)."""

    INITIAL_HEALTH = "initial_health", "Initial health assessment"
    REVIEW_HEALTH = "review_health", "Review health assessment"
    DENTAL = "dental", "Dental check"
    IMMUNISATIONS = "immunisations", "Immunisations"
    SDQ = "sdq", "Strengths and Difficulties Questionnaire"


#: The health assessments (initial, then reviews) whose timescale counts from the last one.
HEALTH_ASSESSMENTS = (CheckKind.INITIAL_HEALTH, CheckKind.REVIEW_HEALTH)
