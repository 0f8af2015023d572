"""The missing pages' forms: clear messages that name the field (practice 8); what a time may
be for its meaning (not before going missing, not in the future) is the action's."""

from __future__ import annotations

from django import forms

from hearth.core.forms import datetime_field
from hearth.missing.codes import MissingKind

YES_NO = [("yes", "Yes"), ("no", "No")]


class EpisodeForm(forms.Form):
    kind = forms.ChoiceField(label="Was the child missing or away?", choices=MissingKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select whether the child was missing "
                                             "or away from placement without authorisation"})
    started_at = datetime_field("When the child went missing")
    reported_by = forms.CharField(label="Who reported it", max_length=300,
                                  help_text="For example: the foster carer, the police",
                                  error_messages={"required": "Enter who reported the child "
                                                  "missing"})


class ReturnForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    ended_at = datetime_field("When the child returned")
    where_found = forms.CharField(label="Where the child was found", max_length=300,
                                  required=False)


class InterviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    offered_at = datetime_field("When the return interview was offered")
    accepted = forms.TypedChoiceField(
        label="Did the child accept the return interview?", choices=YES_NO,
        widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        error_messages={"required": "Select whether the child accepted the return interview"})
    held_at = datetime_field("When the return interview was held", required=False,
                             hint="Leave blank if it has not been held yet")
    held_by = forms.CharField(label="Who held it", max_length=300, required=False)
    learned = forms.CharField(label="What was learned", required=False, max_length=10000,
                              widget=forms.Textarea)
