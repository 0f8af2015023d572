"""Breaking the glass on a restricted record."""

from __future__ import annotations

from django import forms


class BreakGlassForm(forms.Form):
    reason = forms.CharField(label="Why do you need to see this record?", widget=forms.Textarea,
                             min_length=10, max_length=2000,
                             help_text="Your manager will be told, and this is recorded.",
                             error_messages={"required": "Enter why you need to see this record",
                                             "min_length": "Reason must be at least 10 characters"})
