"""Health checks and personal education plans (R-CLA-5)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.looked_after.codes import CheckKind, SdqReason
from hearth.looked_after.forms.reviews import text_field

YES_NO = [("yes", "Yes"), ("no", "No")]


class HealthCheckForm(forms.Form):
    kind = forms.ChoiceField(label="What was done?", choices=CheckKind.choices,
                             widget=forms.RadioSelect, required=False,
                             error_messages={"invalid_choice": "Select what was done from the "
                                                               "list"})
    done_on = date_field("Date")
    up_to_date = forms.TypedChoiceField(
        label="Immunisations: are they up to date?", choices=YES_NO, widget=forms.RadioSelect,
        coerce=lambda v: v == "yes", required=False, empty_value=None)
    sdq_score = forms.IntegerField(
        label="SDQ score", required=False, help_text="A whole number from 0 to 40",
        error_messages={"invalid": "The SDQ score must be a whole number from 0 to 40"})
    sdq_reason = forms.ChoiceField(
        label="Why there is no SDQ score", required=False,
        choices=[("", "There is a score"), *SdqReason.choices],
        error_messages={"invalid_choice": "Select why there is no SDQ score from the list"})
    notes = text_field("Notes")


class EducationPlanForm(forms.Form):
    held_on = date_field("Date of the personal education plan meeting")
    school = forms.CharField(label="School", required=False, max_length=200)
    notes = text_field("Notes")
