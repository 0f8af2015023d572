"""Codes for assessments, in one place (DOMAIN.md §6: store codes, not free text)."""

from __future__ import annotations

from django.db import models


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    SUBMITTED = "submitted", "Submitted for authorisation"
    AUTHORISED = "authorised", "Authorised"
    RETURNED = "returned", "Returned to the worker"


#: Statuses in which the worker may still change the assessment.
EDITABLE = frozenset({AssessmentStatus.IN_PROGRESS, AssessmentStatus.RETURNED})


class Outcome(models.TextChoices):
    CIN_PLAN = "cin_plan", "Child in need plan"
    S47 = "s47", "Section 47 enquiry needed"
    STEP_DOWN = "step_down", "Step down to early help"
    CLOSE = "close", "Close: no further action"


class SourceKind(models.TextChoices):
    """Who contributed to the assessment (R-REC-7)."""

    PARENTS = "parents", "Parents"
    CHILD = "child", "The child"
    SIBLINGS = "siblings", "Siblings and older children"
    GRANDPARENTS = "grandparents", "Grandparents"
    WIDER_FAMILY = "wider_family", "Wider family"
    EX_PARTNERS = "ex_partners", "Ex-partners"
    NEIGHBOURS = "neighbours", "Neighbours"
    SCHOOL = "school", "School or teachers"
    HEALTH_VISITOR = "health_visitor", "Health visitor"
    GP = "gp", "GP"
    POLICE = "police", "Police"
    OTHER = "other", "Other"


class SourceMethod(models.TextChoices):
    FACE_TO_FACE = "face_to_face", "Face to face"
    HOME_VISIT = "home_visit", "Home visit"
    PHONE = "phone", "Telephone or video call"
    WRITTEN = "written", "In writing (letter, email, form)"
    MEETING = "meeting", "Multi-agency meeting"


#: DfE CIN census "factors identified at the end of assessment" (code, label).
#: Labels follow the CIN census guide's wording as far as known; 22A-24A are to be confirmed
#: against the current guide before the census return is built.
FACTORS: list[tuple[str, str]] = [
    ("1A", "Alcohol misuse: the child"),
    ("1B", "Alcohol misuse: a parent or carer"),
    ("1C", "Alcohol misuse: another person in the household"),
    ("2A", "Drug misuse: the child"),
    ("2B", "Drug misuse: a parent or carer"),
    ("2C", "Drug misuse: another person in the household"),
    ("3A", "Domestic abuse: the child"),
    ("3B", "Domestic abuse: a parent or carer"),
    ("3C", "Domestic abuse: another person in the household"),
    ("4A", "Mental health: the child"),
    ("4B", "Mental health: a parent or carer"),
    ("4C", "Mental health: another person in the household"),
    ("5A", "Learning disability: the child"),
    ("5B", "Learning disability: a parent or carer"),
    ("5C", "Learning disability: another person in the household"),
    ("6A", "Physical disability or illness: the child"),
    ("6B", "Physical disability or illness: a parent or carer"),
    ("6C", "Physical disability or illness: another person in the household"),
    ("7A", "Young carer"),
    ("8B", "Privately fostered: overseas child who intends to return"),
    ("8C", "Privately fostered: overseas child who intends to stay"),
    ("8D", "Privately fostered: UK child in an educational placement"),
    ("8E", "Privately fostered: UK child making alternative arrangements"),
    ("8F", "Privately fostered: other"),
    ("9A", "Unaccompanied asylum-seeking child"),
    ("10A", "Going or being missing"),
    ("11A", "Child sexual exploitation"),
    ("12A", "Trafficking"),
    ("13A", "Gangs"),
    ("14A", "Socially unacceptable behaviour"),
    ("15A", "Self-harm"),
    ("16A", "Abuse or neglect: neglect"),
    ("17A", "Abuse or neglect: emotional abuse"),
    ("18B", "Abuse or neglect: physical abuse, child on child"),
    ("18C", "Abuse or neglect: physical abuse, adult on child"),
    ("19A", "Abuse or neglect: sexual abuse (before the child/adult split)"),
    ("19B", "Abuse or neglect: sexual abuse, child on child"),
    ("19C", "Abuse or neglect: sexual abuse, adult on child"),
    ("20", "Female genital mutilation"),
    ("21", "Abuse linked to faith or belief"),
    ("22A", "Radicalisation"),
    ("23A", "Child criminal exploitation"),
    ("24A", "Other"),
]
FACTOR_LABELS: dict[str, str] = dict(FACTORS)
