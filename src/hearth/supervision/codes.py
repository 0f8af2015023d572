"""Codes and questions for supervision (DOMAIN.md R-SUP-1..3; seed 004 §3.2)."""

from __future__ import annotations

from django.db import models


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


#: R-SUP-2: the self-check questions of seed 004 §3.2 for a hostile family.
SELF_CHECK_QUESTIONS: list[tuple[str, str]] = [
    ("colluding", "Am I colluding with the parents or carers by avoiding conflict (avoiding "
                  "home visits, accepting their version of events, placing undue weight on "
                  "positive information, focusing on less contentious issues, not looking "
                  "round the house or where the child sleeps, not seeing the child alone)?"),
    ("changing_behaviour", "Am I changing my behaviour to avoid conflict?"),
    ("filtering", "Am I filtering out or minimising negative information?"),
    ("afraid_to_confront", "Am I afraid to confront family members about my concerns?"),
    ("keeping_worries", "Am I keeping my worries to myself and not sharing risks and my "
                        "assessment with the network or my manager?"),
    ("child_keeping_safe", "Is the child keeping 'safe' by not telling me things?"),
    ("child_appeasing", "Has the child learned to appease and minimise?"),
]

#: The default gap between supervisions, in days, when none is set for a worker or team.
DEFAULT_EVERY_DAYS = 28

#: R-SUP-3: the shortest and longest gaps a manager may set, in days.
MIN_EVERY_DAYS = 7
MAX_EVERY_DAYS = 365

YES_NO = [("yes", "Yes"), ("no", "No")]


def self_check_short(question: str) -> str:
    """The question without its worked examples, for headings and error messages."""
    short = question.split(" (", 1)[0].strip()
    return short if short.endswith("?") else short + "?"
