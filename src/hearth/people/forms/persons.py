"""The person record's forms: create, change, add an address or a name. Messages follow the
GOV.UK pattern: name the field and say how to fix it."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from hearth.core.forms import date_field
from hearth.people.codes import Disability, Ethnicity, NameKind, Sex
from hearth.people.rules.persons import nhs_number_is_valid, normalise_nhs_number, upn_is_valid


class PersonForm(forms.Form):
    given_name = forms.CharField(label="Given name", max_length=100,
                                 error_messages={"required": "Enter the given name"})
    middle_names = forms.CharField(label="Middle names", max_length=150, required=False)
    family_name = forms.CharField(label="Family name", max_length=100,
                                  error_messages={"required": "Enter the family name"})
    date_of_birth = date_field("Date of birth")
    expected_date_of_birth = date_field("Expected date of birth",
                                        hint="For an unborn child, for example 1/3/2027")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, initial=Sex.UNKNOWN)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=Ethnicity.choices,
                                  initial=Ethnicity.NOBT)
    disabilities = forms.MultipleChoiceField(label="Disabilities", choices=Disability.choices,
                                             required=False, widget=forms.CheckboxSelectMultiple)
    first_language = forms.CharField(label="First language", max_length=60, required=False)
    interpreter_needed = forms.BooleanField(label="Needs an interpreter", required=False)
    literacy_needs = forms.CharField(label="Literacy needs", max_length=200, required=False,
                                     help_text="For example: needs letters read aloud")
    nhs_number = forms.CharField(label="NHS number", max_length=12, required=False,
                                 help_text="10 digits, for example 943 476 5919")
    upn = forms.CharField(label="Unique pupil number (UPN)", max_length=13, required=False)
    date_of_death = date_field("Date of death", hint="Only if the person has died")

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data["nhs_number"]
        if value and not nhs_number_is_valid(value):
            raise forms.ValidationError("NHS number must be 10 digits with a correct check digit")
        return normalise_nhs_number(value)

    def clean_upn(self) -> str:
        value = self.cleaned_data["upn"].strip().upper()
        if value and not upn_is_valid(value):
            raise forms.ValidationError("UPN must be 13 characters with a correct check letter")
        return value

    def clean_disabilities(self) -> list[str]:
        value = self.cleaned_data["disabilities"]
        if "NONE" in value and len(value) > 1:
            raise forms.ValidationError("Select “No disability” or the disabilities, not both")
        return sorted(value)

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        born: date | None = data.get("date_of_birth")
        if born and born > today:
            self.add_error("date_of_birth", "Date of birth must be today or in the past; use "
                           "the expected date of birth for an unborn child")
        died = data.get("date_of_death")
        if died and born and died < born:
            self.add_error("date_of_death", "Date of death must be after the date of birth")
        if died and died > today:
            self.add_error("date_of_death", "Date of death must be today or in the past")
        return data


class EditPersonForm(PersonForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    original = forms.JSONField(widget=forms.HiddenInput, required=False,
                               help_text="the values the editor opened, for merging a late save")

    def clean_original(self) -> dict:
        value = self.cleaned_data.get("original")
        return value if isinstance(value, dict) else {}


class AddressForm(forms.Form):
    line1 = forms.CharField(label="Address line 1", max_length=120,
                            error_messages={"required": "Enter address line 1"})
    line2 = forms.CharField(label="Address line 2", max_length=120, required=False)
    town = forms.CharField(label="Town or city", max_length=80, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    start_date = date_field("Moved in", hint="For example, 1/6/2024. Leave blank if not known")


class NameForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of name", choices=NameKind.choices)
    given_name = forms.CharField(label="Given name", max_length=100, required=False)
    family_name = forms.CharField(label="Family name", max_length=100, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("given_name") and not data.get("family_name"):
            raise forms.ValidationError("Enter a given name or a family name")
        return data
