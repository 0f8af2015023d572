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
#: The parts a finalised note may be amended in, in the order they are offered (R-REC-4): when
#: it happened as well as what was written (issue 11).
AMENDABLE_CHOICES: list[tuple[str, str]] = [("occurred_at", "When it happened"),
                                            *NOTE_TEXT_FIELDS]
FIELD_LABELS: dict[str, str] = dict(AMENDABLE_CHOICES)
AMENDABLE_FIELDS: tuple[str, ...] = tuple(f for f, _ in AMENDABLE_CHOICES)
#: A note about several children of a family (issue 15): the parts each child has of their
#: own (what the child said and what was said about them; whether it was significant for
#: them). Every other part is written once for them all, and an amendment of it may be made
#: to every child's note at once; a child's own part never is.
CHILD_NOTE_FIELDS = ("who_said_what", "significant_event")


# --- Plain-language summaries for parents (R-REC-8, R-REC-9) ---------------------------------

class DeliveryMethod(models.TextChoices):
    """How the summary reached the parent (seed 004 §5.3)."""

    PRINTED = "printed", "Printed copy handed over"
    POST = "post", "Sent by post"
    EMAIL = "email", "Sent by e-mail"
    VERBAL = "verbal", "Given verbally because of literacy needs"
    TRANSLATED = "translated", "Translated"


#: How many "who must do what by when" rows the page offers (blank rows are ignored).
SUMMARY_ACTION_ROWS = 3

#: Sentences in a summary for a parent should be no longer than this (plain language).
PLAIN_SENTENCE_WORDS = 25

#: R-REC-9: the sentence every summary ends with, printed or in its PDF.
RECORDS_NOTICE = (
    "We write down what we talk about with you and keep it in our records about you and "
    "your family. You can ask to see these records. To ask, tell your social worker or write "
    "to Children's Services and say you would like a copy of your records. It is free.")
