"""Restricting a record to named users."""

from __future__ import annotations

from django import forms


class RestrictionForm(forms.Form):
    restricted = forms.BooleanField(label="Only named people may see this record",
                                    required=False)
    reason = forms.CharField(label="Reason", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Enter the reason"})


class NamedUserForm(forms.Form):
    username = forms.CharField(label="Username of the person to name", max_length=150,
                               error_messages={"required": "Enter a username"})
