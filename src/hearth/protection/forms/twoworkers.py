"""Forms for two workers: the team manager's decision (R-TWO-3) and complex needs."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.protection.rules import twoworkers as rules

YES_NO = [("yes", "Yes, two workers are allocated"), ("no", "No, one worker is allocated")]


class DecisionForm(forms.Form):
    two_workers = forms.ChoiceField(
        label="Are two workers allocated to this family?", choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": rules.ANSWER_TWO_WORKERS,
                        "invalid_choice": rules.ANSWER_TWO_WORKERS})
    reasons = forms.CharField(
        label="Reasons for the decision", widget=forms.Textarea, max_length=5000,
        help_text="What you weighed up: the criteria met, the risks to workers, what the "
                  "family needs, and who will do what.",
        error_messages={"required": rules.ENTER_REASONS})
    decided_on = date_field("Date decided", required=True, hint="For example, 17/11/2026")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].error_messages["required"] = rules.ENTER_DATE

    def clean_reasons(self) -> str:
        value = self.cleaned_data["reasons"].strip()
        if not value:
            raise forms.ValidationError(rules.ENTER_REASONS)
        return value

    def decision(self) -> dict:
        data = self.cleaned_data
        return {"two_workers": data["two_workers"] == "yes", "reasons": data["reasons"],
                "decided_on": data["decided_on"]}


class ComplexNeedsForm(forms.Form):
    description = forms.CharField(
        label="What are the family's complex needs?", widget=forms.Textarea, max_length=5000,
        help_text="For example: a parent's learning disability, a child's complex health "
                  "needs, several agencies involved, language and interpreting needs.",
        error_messages={"required": "Describe the family's complex needs"})
