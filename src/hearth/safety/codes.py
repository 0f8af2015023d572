"""Codes for worker safety (DOMAIN.md R-SAFE-1..4; seed 004 §8)."""

from __future__ import annotations

from django.db import models


class WarningKind(models.TextChoices):
    VIOLENCE = "violence", "Violence"
    THREATS = "threats", "Threats"
    ANIMALS = "animals", "Dogs or other animals"
    WEAPONS = "weapons", "Weapons"
    HOSTILE_TO_PROFESSION = "hostile_to_profession", "Hostility to a profession"
    OTHER = "other", "Other"


class WarningStatus(models.TextChoices):
    AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting a manager's sign-off"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"


#: R-SAFE-2: the questions of seed 004 §8.1 asked before a visit to a flagged person or address.
PLAN_QUESTIONS: list[tuple[str, str]] = [
    ("daylight", "Is the visit in daylight and working hours?"),
    ("joint_visit", "Is the visit being made jointly with a colleague or a manager?"),
    ("transport", "Is your car unlikely to be targeted or followed, or are you using other "
                  "transport?"),
    ("summon_help", "Do you have a mobile phone or another means of summoning help, such as a "
                    "personal alarm?"),
    ("neutral_venue", "Could the visit be at a neutral venue?"),
    ("manager_aware", "Does your manager know where you are going, when you are due back and "
                      "that you may be at risk?"),
]


class CheckInStatus(models.TextChoices):
    OUT = "out", "Out on a visit"
    BACK = "back", "Checked out safely"
