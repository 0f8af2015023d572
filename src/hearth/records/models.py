"""Case notes (R-REC-1..3) and their amendments once finalised (R-REC-4); plain-language
summaries for parents (R-REC-8, R-REC-9)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hearth.records.codes import FIELD_LABELS, DeliveryMethod, NoteStatus


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
    #: One note about several children of a family, written once (issue 15): each child has
    #: their own note, and the notes written together share this.
    group = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        indexes = [models.Index(fields=["person", "-occurred_at"]),
                   models.Index(fields=["person", "significant_event"]),
                   models.Index(fields=["group"])]

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


class ParentSummary(models.Model):
    """What a parent or carer was told at the end of a contact, in plain language (R-REC-8):
    why we met, what was done, and who must do what by when (``actions``), with how it reached
    them (verbally where literacy is low, translated where needed) and the R-REC-9 notice.

    ``given_by`` and ``created_at`` are set by the system; once given, a summary is not edited.
    ``warnings`` keeps what the worker was told to check when it was written.
    """

    person = models.ForeignKey("people.Person", on_delete=models.PROTECT,
                               related_name="parent_summaries")
    child = models.ForeignKey("people.Person", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="summaries_about")
    visit = models.ForeignKey("visits.Visit", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="parent_summaries")
    case_note = models.ForeignKey(CaseNote, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="parent_summaries")
    purpose = models.TextField("Why we met")
    what_was_done = models.TextField("What we did")
    method = models.CharField("How it was given", max_length=20,
                              choices=DeliveryMethod.choices)
    language = models.CharField(max_length=60, blank=True)
    interpreter = models.CharField(max_length=200, blank=True)
    delivered_at = models.DateTimeField("When it was given")
    warnings = models.JSONField(default=list, blank=True)
    given_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+", editable=False)
    created_at = models.DateTimeField(editable=False)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        indexes = [models.Index(fields=["person", "-delivered_at"]),
                   models.Index(fields=["child", "-delivered_at"])]

    def __str__(self) -> str:
        return f"Summary {self.pk} for a parent"


class SummaryAction(models.Model):
    """One line of "who must do what by when" in a parent's summary (R-REC-8)."""

    summary = models.ForeignKey(ParentSummary, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField()
    who = models.CharField(max_length=200)
    what = models.TextField()
    by_when = models.DateField()

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"Action {self.position} of summary {self.summary_id}"
