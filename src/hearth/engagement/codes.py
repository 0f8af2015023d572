"""Codes for engagement and resistance (DOMAIN.md R-RES-1, R-RES-2; seed 004 §2, §6)."""

from __future__ import annotations

from django.db import models


class EventKind(models.TextChoices):
    """R-RES-1: what happened when a professional tried to see the family."""

    MISSED_APPOINTMENT = "missed_appointment", "Missed appointment"
    CANCELLED_VISIT = "cancelled_visit", "Visit cancelled"
    CUT_SHORT = "cut_short", "Visit cut short"
    NO_ANSWER = "no_answer", "No answer at the door"
    COMMUNICATION_BLOCKED = "communication_blocked", "Communication blocked"
    HOSTILITY = "hostility", "Hostility"


#: Kinds that count as avoidance for the follow-up rule (R-RES-3).
AVOIDANCE_KINDS = (EventKind.MISSED_APPOINTMENT, EventKind.CANCELLED_VISIT,
                   EventKind.NO_ANSWER, EventKind.COMMUNICATION_BLOCKED)


class HostilityForm(models.TextChoices):
    """R-RES-2: the forms resistance takes, least to most serious."""

    AMBIVALENCE = "ambivalence", "Ambivalence"
    AVOIDANCE = "avoidance", "Avoidance"
    CONFRONTATION = "confrontation", "Confrontation"
    VIOLENCE_THREATENED = "violence_threatened", "Violence threatened"
    VIOLENCE_ACTUAL = "violence_actual", "Actual violence"


#: The order of seriousness, for the escalation rule.
SEVERITY: dict[str, int] = {HostilityForm.AMBIVALENCE: 1, HostilityForm.AVOIDANCE: 2,
                             HostilityForm.CONFRONTATION: 3, HostilityForm.VIOLENCE_THREATENED: 4,
                             HostilityForm.VIOLENCE_ACTUAL: 5}


class Behaviour(models.TextChoices):
    """R-RES-2: threatening behaviour, as listed in seed 004 §6."""

    DELIBERATE_SILENCE = "deliberate_silence", "Deliberate silence"
    WRITTEN_THREATS = "written_threats", "Written threats"
    BOMBARDING = "bombarding", "Bombarding with e-mails and calls"
    INTIMIDATING_LANGUAGE = "intimidating_language", "Intimidating or derogatory language"
    DISCRIMINATORY_REMARKS = "discriminatory_remarks", "Racist, sexualised or homophobic remarks"
    DOMINEERING_BODY_LANGUAGE = "domineering_body_language", "Domineering body language"
    ANIMALS_AS_THREAT = "animals_as_threat", "Dogs or other animals used as a threat"
    SWEARING = "swearing", "Swearing"
    SHOUTING = "shouting", "Shouting"
    THROWING_OR_DAMAGE = "throwing_or_damage", "Throwing things or damaging property"
    PHYSICAL_VIOLENCE = "physical_violence", "Physical violence"


class CancelledBy(models.TextChoices):
    FAMILY = "family", "The family"
    PROFESSIONAL = "professional", "A professional"


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


#: How each event shows in the chronology: every one is non-cooperation (R-RES-1).
CHRONOLOGY_KIND = {EventKind.MISSED_APPOINTMENT: "missed_appointment",
                   EventKind.CANCELLED_VISIT: "visit_cancelled",
                   EventKind.CUT_SHORT: "visit_cut_short",
                   EventKind.NO_ANSWER: "no_answer",
                   EventKind.COMMUNICATION_BLOCKED: "communication_blocked",
                   EventKind.HOSTILITY: "hostility"}

#: Visit outcomes that are avoidance in themselves (R-RES-3), and the event they amount to.
VISIT_AVOIDANCE = {"no_access": EventKind.NO_ANSWER,
                   "cancelled_by_family": EventKind.CANCELLED_VISIT}

#: What a visit's outcome suggests recording when a worker records engagement from it.
KIND_FOR_VISIT_OUTCOME = {"no_access": EventKind.NO_ANSWER,
                          "cancelled_by_family": EventKind.CANCELLED_VISIT,
                          "cut_short": EventKind.CUT_SHORT}


class TellMethod(models.TextChoices):
    """How another practitioner was told of the hostility (R-RES-4)."""

    HEARTH = "hearth", "A notification in Hearth"
    PHONE = "phone", "Phone"
    SECURE_EMAIL = "secure_email", "Secure e-mail"
    IN_PERSON = "in_person", "In person"
    MEETING = "meeting", "At a multi-agency meeting"
    LETTER = "letter", "Letter"


#: The questions of seed 004 §4.2: if the answer to any is yes, the information should be shared
#: with the other workers involved with the family (R-RES-4).
ALERT_QUESTIONS = (
    ("experience", "Do you have experience of the adult linked to the child being hostile, "
                   "intimidating, threatening or actually violent?"),
    ("circumstances", "Is it general or in specific circumstances? For example, is it drink "
                      "related or linked to intermittent mental health problems?"),
    ("fearful", "Are you intimidated or fearful of the adult?"),
    ("less_than_honest", "Do you feel you may have been less than honest with the family to "
                         "avoid conflict?"),
    ("first_time", "Are you now in a position where you will have to acknowledge concerns for "
                   "the first time? And are you fearful how they will respond to you?"),
    ("would_want_to_know", "In their position, would you want to be made aware of these "
                           "concerns?"),
)
QUESTION_TEXT = dict(ALERT_QUESTIONS)
