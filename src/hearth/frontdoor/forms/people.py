"""The people concerned in a contact (R-FD-3): someone with no record yet, checked for
duplicates first (R-PPL-2), and linking a person as a child or an adult."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from hearth.core.forms import date_field
from hearth.frontdoor.codes import PersonRole


class NewPersonForm(forms.Form):
    """Someone the caller named who has no record yet: checked for duplicates first."""

    given_name = forms.CharField(label="Given name", max_length=100,
                                 error_messages={"required": "Enter the given name"})
    family_name = forms.CharField(label="Family name", max_length=100,
                                  error_messages={"required": "Enter the family name"})
    date_of_birth = date_field("Date of birth", hint="If known, for example 14/9/2016")
    role = forms.ChoiceField(label="Are they a child or an adult?", choices=PersonRole.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select child or adult"})

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born > timezone.localdate():
            raise forms.ValidationError("Date of birth must be today or in the past")
        return born


class LinkForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput,
                             error_messages={"required": "Select the person to link"})
    role = forms.ChoiceField(choices=PersonRole.choices,
                             error_messages={"required": "Select child or adult"})
