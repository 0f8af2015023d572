"""What the FGC forms share: the hidden version every change posts back."""

from __future__ import annotations

from django import forms

STALE_PAGE = "This page was out of date: go back to the Family Group Conference and try again"
STALE = ("Someone else changed this Family Group Conference while you were working on it. "
         "Check it as it is now: what you entered is kept in the form.")


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


def text_field(label: str, *, hint: str = "", long: bool = False,
               max_length: int | None = None) -> forms.CharField:
    """Optional here: the action's rules say what is missing, naming the field."""
    return forms.CharField(label=label, required=False, help_text=hint, max_length=max_length,
                           widget=forms.Textarea if long else None)
