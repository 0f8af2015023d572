"""Case notes (R-REC-1..3) and their amendments once finalised (R-REC-4)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.records.codes import FIELD_LABELS, NoteStatus


class CaseNote(models.Model):
    """One record of something that happened about a child.

    ``author`` and ``recorded_at`` are set by the system when the note is written and never
    change (R-REC-2). The opinion is a separate part, with what informed it (R-REC-3).
    A finalised note is never edited in place, only amended (R-REC-4).
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="case_notes")
    involvement = models.ForeignKey("casework.Involvement", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="case_notes")
    occurred_at = models.DateTimeField("When it happened")
    place = models.CharField("Where", max_length=200)
    who_said_what = models.TextField("Who said what")
    worker_said = models.TextField("What the worker said", blank=True)
    actions_taken = models.TextField("Action taken", blank=True)
    referrals_made = models.TextField("Referrals made (to whom, when)", blank=True)
    agency_response = models.TextField("What the receiving agency said", blank=True)
    opinion = models.TextField(blank=True)
    opinion_basis = models.TextField("What informed the opinion", blank=True)
    significant_event = models.BooleanField(default=False)
    status = models.CharField(max_length=20, choices=NoteStatus.choices,
                              default=NoteStatus.DRAFT)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", editable=False)
    recorded_at = models.DateTimeField(editable=False)
    finalised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["person", "-occurred_at"]),
                   models.Index(fields=["person", "significant_event"])]

    def __str__(self) -> str:
        return f"Case note {self.pk} ({self.get_status_display()})"


class NoteAmendment(models.Model):
    """A visible correction of a finalised note: who, when, why, before and after (R-REC-4)."""

    note = models.ForeignKey(CaseNote, on_delete=models.PROTECT, related_name="amendments")
    field = models.CharField(max_length=40)
    before = models.TextField(blank=True)
    after = models.TextField(blank=True)
    reason = models.TextField()
    amended_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    amended_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Amendment of {self.field} on note {self.note_id}"

    def get_field_label(self) -> str:
        return FIELD_LABELS.get(self.field, self.field)
