"""The codes a care leaver's record stores: the category (R-CL-1) and the SSDA903 OC3 lists
(RETURNS.md §2.4: IN_TOUCH, ACTIV, ACCOM) — codes, never free text."""

from __future__ import annotations

from django.db import models


class Category(models.TextChoices):
    """R-CL-1 (Children (Leaving Care) Act 2000)."""

    ELIGIBLE = "eligible", "Eligible"
    RELEVANT = "relevant", "Relevant"
    FORMER_RELEVANT = "former_relevant", "Former relevant"
    NONE = "none", "Not a care leaver"


CARE_LEAVERS = (Category.ELIGIBLE, Category.RELEVANT, Category.FORMER_RELEVANT)


class InTouch(models.TextChoices):
    YES = "YES", "In touch"
    NO = "NO", "Not in touch"
    DIED = "DIED", "Died since leaving care"
    REFU = "REFU", "Refuses contact"
    NREQ = "NREQ", "No longer requires services"
    RHOM = "RHOM", "Returned home to parents for 6 months or more"


class Activity(models.TextChoices):
    F1 = "F1", "Full-time higher education"
    P1 = "P1", "Part-time higher education"
    F2 = "F2", "Full-time other education"
    P2 = "P2", "Part-time other education"
    F4 = "F4", "Full-time apprenticeship"
    P4 = "P4", "Part-time apprenticeship"
    F5 = "F5", "Full-time training or employment"
    P5 = "P5", "Part-time training or employment"
    G4 = "G4", "Not in education, employment or training: illness or disability"
    G5 = "G5", "Not in education, employment or training: other"
    G6 = "G6", "Not in education, employment or training: pregnancy or parenting"
    NONE = "0", "Not known or not applicable"


NEET = (Activity.G4, Activity.G5, Activity.G6)

#: ACCOM letters (the type) and the suitability digits each allows.
ACCOMMODATION_TYPES = {
    "B": "With parents or relatives",
    "C": "Community home or other residential care",
    "D": "Semi-independent or supported self-contained accommodation",
    "E": "Supported lodgings",
    "G": "Gone abroad",
    "H": "Deported",
    "K": "Ordinary lodgings without formal support",
    "R": "Residence not known",
    "S": "No fixed abode or homeless",
    "T": "Foyer or similar supported accommodation",
    "U": "Independent living",
    "V": "Emergency accommodation",
    "W": "Bed and breakfast",
    "X": "In custody",
    "Y": "Other accommodation",
    "Z": "With former foster carers (staying put)",
}
SUITABILITY = {"1": "suitable", "2": "not suitable"}
#: Only these combinations are valid (S2 only, X2 only).
ONLY_UNSUITABLE = {"S", "X"}
ACCOMMODATION = {f"{letter}{digit}": f"{label}, {SUITABILITY[digit]}"
                 for letter, label in ACCOMMODATION_TYPES.items()
                 for digit in ("1", "2") if not (letter in ONLY_UNSUITABLE and digit == "1")}
ACCOMMODATION["0"] = "Not known or not applicable"


class ContactMethod(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    PHONE = "phone", "Phone call"
    VIDEO = "video", "Video call"
    MESSAGE = "message", "Text message, e-mail or social media"
    NONE = "none", "Tried, no answer"


#: R-CL-3: keeping in touch around each birthday from 17 to 21.
KIT_AGES = (17, 18, 19, 20, 21)
