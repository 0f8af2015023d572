"""Page forms for case notes: clear messages that name the field (practice 8). There is no
author or time-of-recording field: the system sets them (R-REC-2)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import datetime_field
from hearth.records.codes import AMENDABLE_CHOICES, FIELD_LABELS
from hearth.records.rules import notes as rules


def _text(label: str, *, required: bool = False, message: str = "", **kwargs):
    errors = {"required": message} if message else {}
    return forms.CharField(label=label, required=required, error_messages=errors,
                           widget=forms.Textarea, **kwargs)


class NoteForm(forms.Form):
    occurred_at = datetime_field("When it happened", missing="Enter when it happened")
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
                              choices=[("", "Choose a part"), *AMENDABLE_CHOICES],
                              error_messages={"required": "Choose which part of the record "
                                                          "to amend"})
    new_value = _text("Corrected text", help_text="The whole part as it should read")
    new_occurred_at = datetime_field(
        "Corrected date and time", required=False,
        hint="Only when amending when it happened, for example 14/9/2026 15:30")
    reason = _text("Why it is being amended", required=True,
                   message="Enter why the record is being amended")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        data = super().clean()
        if (data.get("field") == "occurred_at" and not data.get("new_occurred_at")
                and not self.has_error("new_occurred_at")):
            self.add_error("new_occurred_at", "Enter the corrected date and time")
        return data

    def amendment(self) -> dict:
        """The part, its new value (a date-time for when it happened) and the reason."""
        data = self.cleaned_data
        timed = data["field"] == "occurred_at"
        return {"field": data["field"], "reason": data["reason"],
                "new_value": data["new_occurred_at"] if timed else data["new_value"]}

    def field_for(self) -> dict[str, str]:
        """Where an action's problem shows: a corrected time's on the date-time field."""
        timed = self.data.get("field") == "occurred_at"
        return {"new_value": "new_occurred_at"} if timed else {}
