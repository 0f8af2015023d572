"""Codes for visits, in one place (DOMAIN.md §6: store codes, not free text)."""

from __future__ import annotations

from django.db import models


class VisitKind(models.TextChoices):
    PLANNED = "planned", "Planned"
    UNANNOUNCED = "unannounced", "Unannounced"


class VisitPurpose(models.TextChoices):
    """Why a visit was made (issue 17): the statutory visits count towards their own
    timescales (R-CIN-1's visit frequency, the CP visit frequency, R-CLA-4), the rest count
    towards none."""

    CIN = "cin", "Statutory child in need visit"
    CP = "cp", "Statutory child protection visit"
    LOOKED_AFTER = "looked_after", "Statutory looked-after child visit"
    CARE_LEAVER = "care_leaver", "Care leaver contact"
    OTHER = "other", "Other visit"


#: The statutory visits: the child seen alone, or why not, is recorded (R-CLA-4; issue 17).
STATUTORY_PURPOSES = frozenset({VisitPurpose.CIN, VisitPurpose.CP, VisitPurpose.LOOKED_AFTER})


class Engagement(models.TextChoices):
    """How the visit went, for the non-engagement rules."""

    COMPLETED = "completed", "Completed"
    CUT_SHORT = "cut_short", "Cut short"
    NO_ACCESS = "no_access", "No access"
    CANCELLED_BY_FAMILY = "cancelled_by_family", "Cancelled by the family"


class TimingBand(models.TextChoices):
    """When a visit happened, Europe/London time (R-RES-5)."""

    EARLY_MORNING = "early_morning", "Early morning"
    OFFICE_HOURS = "office_hours", "Weekday office hours"
    EVENING = "evening", "Evening"
    WEEKEND_OR_HOLIDAY = "weekend_or_holiday", "Weekend or bank holiday"


#: The parts of a visit as its page names them, in the order it shows them (R-REC-4: an
#: amendment names the part it corrects).
FIELD_LABELS: dict[str, str] = {
    "starts_at": "When",
    "kind": "Kind of visit",
    "purpose": "What the visit was for",
    "place": "Where",
    "who_present": "Who was present",
    "child_seen": "Child seen",
    "child_seen_alone": "Child seen alone",
    "not_seen_alone_reason": "Why the child was not seen alone",
    "bedroom_seen": "Child's bedroom seen",
    "home_conditions": "Home conditions",
    "parent_child_interaction": "Parent and child together",
    "what_was_said": "What was said",
    "unknown_adult_seen": "An adult not known to us was there",
    "unknown_adult_details": "Who the adult seemed to be",
    "outcome": "How the visit went",
}

#: A visit to several children of a family (issue 15): the parts recorded once for them all,
#: and the parts recorded for each child (R-REC-6). A correction of a shared part may be made
#: to every child's visit at once; a child's own part is never copied to another child.
SHARED_FIELDS = ("kind", "starts_at", "place", "who_present", "home_conditions", "outcome",
                 "unknown_adult_seen", "unknown_adult_details")
CHILD_FIELDS = ("child_seen", "child_seen_alone", "bedroom_seen", "what_was_said",
                "parent_child_interaction", "purpose", "not_seen_alone_reason")
