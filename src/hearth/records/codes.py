"""Codes for case records, in one place."""

from __future__ import annotations

from django.db import models


class NoteStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    FINALISED = "finalised", "Finalised"


#: The written parts of a case note, in the order they are shown (field, label) (R-REC-1, 3).
NOTE_TEXT_FIELDS: list[tuple[str, str]] = [
    ("place", "Where"),
    ("who_said_what", "Who said what"),
    ("worker_said", "What the worker said"),
    ("actions_taken", "Action taken"),
    ("referrals_made", "Referrals made (to whom, when)"),
    ("agency_response", "What the receiving agency said"),
    ("opinion", "Opinion"),
    ("opinion_basis", "What informed the opinion"),
]
FIELD_LABELS: dict[str, str] = dict(NOTE_TEXT_FIELDS)

#: The parts a finalised note may be amended in (R-REC-4).
AMENDABLE_FIELDS: tuple[str, ...] = tuple(f for f, _ in NOTE_TEXT_FIELDS)
