"""Merging two records of one person, and reversing a merge."""

from __future__ import annotations

from django import forms


class MergeForm(forms.Form):
    other = forms.ChoiceField(label="Which record is the same person?", widget=forms.RadioSelect,
                              error_messages={"required": "Select the duplicate record"})
    reason = forms.CharField(label="How do you know they are the same person?",
                             widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Enter how you know"})

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = list(choices)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="Reason", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Enter the reason"})
