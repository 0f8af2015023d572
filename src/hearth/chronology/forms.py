"""Forms for hand entries in the chronology: clear messages that name the field."""

from __future__ import annotations

from django import forms

from hearth.chronology.codes import MANUAL_KINDS, Kind
from hearth.chronology.rules import SUMMARY_MAX
from hearth.core.forms import date_field

KIND_CHOICES = [(str(k), Kind(k).label) for k in MANUAL_KINDS]


class EntryForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of event was it?", choices=KIND_CHOICES,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select what kind of event this was",
                                             "invalid_choice": "Select what kind of event "
                                             "this was"})
    occurred_on = date_field("Date of the event", required=True, hint="For example, 17/11/2026")
    summary = forms.CharField(label="What happened", max_length=SUMMARY_MAX,
                              widget=forms.Textarea,
                              help_text="The facts, briefly: what, where, who was involved",
                              error_messages={"required": "Enter what happened",
                                              "max_length": f"What happened must be "
                                              f"{SUMMARY_MAX} characters or fewer"})
    source_agency = forms.CharField(label="Which agency the information came from",
                                    max_length=150,
                                    help_text="For example: Children's services, school, "
                                    "police, health visitor, hospital",
                                    error_messages={"required": "Enter which agency the "
                                                    "information came from"})
    source_person = forms.CharField(label="Who said it", max_length=200, required=False,
                                    help_text="Their name and role, for example Mrs Khan, "
                                    "head teacher")
    impact = forms.CharField(label="Impact on the child", required=False, max_length=4000,
                             widget=forms.Textarea,
                             help_text="Your analysis: what this meant for the child at the "
                             "time, and how it adds to what went before")


class CorrectForm(EntryForm):
    reason = forms.CharField(label="Why you are correcting this entry", max_length=2000,
                             widget=forms.Textarea,
                             error_messages={"required": "Enter why you are correcting this "
                                             "entry"})
    version = forms.IntegerField(widget=forms.HiddenInput)
