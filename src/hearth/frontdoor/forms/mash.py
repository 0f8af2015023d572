"""MASH page forms (R-MASH-3..5). Messages follow the GOV.UK pattern: name the field, say how to
fix it. The actions (``frontdoor.actions.mash``) decide what is allowed; these only parse."""

from __future__ import annotations

from datetime import datetime, time

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.core.forms import date_field
from hearth.frontdoor.codes import ConsentStatus


class ConsentForm(forms.Form):
    """One person's answer; the page shows one form per person with parental responsibility,
    each with its own prefix so that the ids on the page stay unique."""

    status = forms.ChoiceField(label="Consent", choices=ConsentStatus.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Select the consent answer",
                                               "invalid_choice": "Select the consent answer"})
    sought_by = forms.CharField(label="Who sought consent, and how", max_length=150,
                                required=False, help_text="For example: Fran, by phone")
    answered_on = date_field("Date of the answer",
                             hint="For example, 17/11/2026. Leave blank if there is no answer yet")
    note = forms.CharField(label="Note", widget=forms.Textarea, max_length=2000, required=False)

    def clean_answered_on(self) -> datetime | None:
        day = self.cleaned_data.get("answered_on")
        if day is None:
            return None
        recorded = self.initial.get("answered_on")
        if isinstance(recorded, datetime) and (
                timezone.localtime(recorded, calendar.LONDON).date() == day):
            return recorded  # the day is unchanged: so is the time recorded (issue 11)
        if day > timezone.localdate():
            raise forms.ValidationError("Date of the answer must be today or in the past")
        if day == timezone.localdate():
            return timezone.now()
        return datetime.combine(day, time(12, 0), calendar.LONDON)


class OverrideForm(forms.Form):
    justification = forms.CharField(
        label="Why would seeking consent place a child at risk of significant harm?",
        widget=forms.Textarea, max_length=4000,
        help_text="A CRS manager (out of hours, the on-call senior manager) must approve this",
        error_messages={"required": "Enter why seeking consent would place a child at risk of "
                                    "significant harm"})


class StartForm(forms.Form):
    question = forms.CharField(label="What do you want to ask the partners? (optional)",
                               widget=forms.Textarea, max_length=4000, required=False)


class AnalysisForm(forms.Form):
    analysis = forms.CharField(label="Your analysis of what the partners said",
                               widget=forms.Textarea, max_length=10000,
                               error_messages={"required": "Enter your analysis of what the "
                                                           "partners said"})


class ReturnAnalysisForm(forms.Form):
    """R-MASH-5: a CRS manager returns the analysis to the worker with a reason."""

    reason = forms.CharField(label="What should the worker look at again?",
                             widget=forms.Textarea, max_length=4000,
                             error_messages={"required": "Enter what the worker should look at "
                                                         "again"})
