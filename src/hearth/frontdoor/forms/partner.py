"""A partner's answer to a MASH request (R-MASH-4)."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hearth.core.forms import date_field


class AnswerForm(forms.Form):
    """A partner's dated, sourced answer (R-MASH-4)."""

    answer = forms.CharField(label="What your agency knows", widget=forms.Textarea,
                             max_length=10000,
                             help_text="If your agency holds nothing, say so",
                             error_messages={"required": "Enter what your agency knows (or that "
                                                         "it holds nothing)"})
    sources = forms.CharField(label="Where the information comes from", max_length=500,
                              widget=forms.Textarea,
                              help_text="For example: Police national database",
                              error_messages={"required": "Enter where the information comes "
                                                          "from"})
    information_date = date_field("Date of the information", required=True,
                                  hint="For example, 12/10/2026")

    def clean_information_date(self):
        day = self.cleaned_data["information_date"]
        if day > timezone.localdate():
            raise forms.ValidationError("Date of the information must be today or in the past")
        return day
