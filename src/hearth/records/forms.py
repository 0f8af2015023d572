"""Page forms for case notes: clear messages that name the field (practice 8). There is no
author or time-of-recording field: the system sets them (R-REC-2)."""

from __future__ import annotations

from django import forms

from hearth.records import rules
from hearth.records.codes import FIELD_LABELS, NOTE_TEXT_FIELDS

DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
                    "%d/%m/%Y"]


def _text(label: str, *, required: bool = False, message: str = "", **kwargs):
    errors = {"required": message} if message else {}
    return forms.CharField(label=label, required=required, error_messages=errors,
                           widget=forms.Textarea, **kwargs)


class NoteForm(forms.Form):
    occurred_at = forms.DateTimeField(
        label="When it happened", input_formats=DATETIME_FORMATS,
        help_text="Date and time, for example 14/9/2026 15:30",
        error_messages={"required": "Enter when it happened",
                        "invalid": "When it happened must be a real date and time, for "
                                   "example 14/9/2026 15:30"})
    place = forms.CharField(label=FIELD_LABELS["place"], max_length=200,
                            error_messages={"required": "Enter where it happened"})
    who_said_what = _text(FIELD_LABELS["who_said_what"], required=True,
                          message="Enter who said what")
    worker_said = _text(FIELD_LABELS["worker_said"])
    actions_taken = _text(FIELD_LABELS["actions_taken"])
    referrals_made = _text(FIELD_LABELS["referrals_made"])
    agency_response = _text(FIELD_LABELS["agency_response"])
    opinion = _text("Opinion (kept apart from the facts)",
                    help_text="Your professional opinion, if any")
    opinion_basis = _text(FIELD_LABELS["opinion_basis"],
                          help_text="Required with an opinion: what you saw, heard or read")
    significant_event = forms.BooleanField(label="Significant event (shown in the chronology)",
                                           required=False)

    def clean(self):
        data = super().clean()
        problem = rules.opinion_problem(data.get("opinion", ""), data.get("opinion_basis", ""))
        if problem:
            self.add_error("opinion_basis", problem)
        return data


class DraftForm(NoteForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AmendForm(forms.Form):
    field = forms.ChoiceField(label="Part to amend",
                              choices=[("", "Choose a part"), *NOTE_TEXT_FIELDS],
                              error_messages={"required": "Choose which part of the record "
                                                          "to amend"})
    new_value = _text("Corrected text", help_text="The whole part as it should read")
    reason = _text("Why it is being amended", required=True,
                   message="Enter why the record is being amended")
    version = forms.IntegerField(widget=forms.HiddenInput)


def add_error(form: forms.Form, field: str | None, message: str) -> None:
    form.add_error(field if field in form.fields else None, message)
