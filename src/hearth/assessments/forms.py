"""Page forms for assessments: clear messages that name the field (practice 8)."""

from __future__ import annotations

from django import forms

from hearth.assessments.codes import FACTORS, Outcome, SourceKind, SourceMethod
from hearth.core.forms import date_field


def _required(label: str, message: str, **kwargs) -> forms.CharField:
    return forms.CharField(label=label, error_messages={"required": message}, **kwargs)


class AssessmentForm(forms.Form):
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea)
    analysis = forms.CharField(label="Analysis", required=False, widget=forms.Textarea)
    outcome = forms.ChoiceField(label="Outcome", required=False,
                                choices=[("", "Not decided yet"), *Outcome.choices])
    factors = forms.MultipleChoiceField(
        label="Factors identified (DfE codes)", required=False,
        choices=[(code, f"{code} – {label}") for code, label in FACTORS],
        widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SourceForm(forms.Form):
    kind = forms.ChoiceField(label="Source", choices=[("", "Choose a source"),
                                                      *SourceKind.choices],
                             error_messages={"required": "Choose which source contributed"})
    who = _required("Who (name and role)", "Enter who contributed", max_length=200)
    contributed_on = date_field("Date they contributed", required=True)
    how = forms.ChoiceField(label="How", choices=[("", "Choose how"), *SourceMethod.choices],
                            error_messages={"required": "Choose how they contributed"})
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea)


class UnassessedAreaForm(forms.Form):
    """R-REC-5: an area not assessed must say why."""

    area = _required("Area that could not be assessed", "Enter the area that could not be "
                     "assessed", max_length=200)
    reason = _required("Why it could not be assessed", "Enter why this area could not be "
                       "assessed", widget=forms.Textarea)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ManagerForm(forms.Form):
    comment = forms.CharField(label="Manager's comment", required=False, widget=forms.Textarea)
    version = forms.IntegerField(widget=forms.HiddenInput)
