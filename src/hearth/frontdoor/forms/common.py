"""Fields the front door's forms share."""

from __future__ import annotations

from django import forms

YES_NO = [("yes", "Yes"), ("no", "No")]


def yes_no_field(label: str, required: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda v: v == "yes",
                                  error_messages={"required": required})


def text_field(label: str, *, required: bool = False, hint: str = "", message: str = "",
               rows: bool = True, max_length: int = 5000) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=hint, max_length=max_length,
                           widget=forms.Textarea if rows else forms.TextInput,
                           error_messages={"required": message or f"Enter {label.lower()}"})
