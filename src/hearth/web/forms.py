"""Page forms. Messages follow the GOV.UK pattern: name the field and say how to fix it."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import Agency, Team
from hearth.core.forms import date_field
from hearth.people.codes import Disability, Ethnicity, NameKind, Sex
from hearth.people.rules import nhs_number_is_valid, normalise_nhs_number, upn_is_valid


class SignInForm(forms.Form):
    username = forms.CharField(label="Username", max_length=150,
                               error_messages={"required": "Enter your username"})
    password = forms.CharField(label="Password", widget=forms.PasswordInput,
                               error_messages={"required": "Enter your password"})


class SearchForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=200,
                           help_text="Given and family name, in any order. Aliases count.")
    dob = forms.CharField(label="Date of birth", required=False, max_length=20,
                          help_text="Full or partial, for example 14/9/2016, 09/2016 or 2016")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("name", "dob", "postcode")):
            raise forms.ValidationError("Enter a name, a date of birth or a postcode")
        return data


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


class BreakGlassForm(forms.Form):
    reason = forms.CharField(label="Why do you need to see this record?", widget=forms.Textarea,
                             min_length=10, max_length=2000,
                             help_text="Your manager will be told, and this is recorded.",
                             error_messages={"required": "Enter why you need to see this record",
                                             "min_length": "Reason must be at least 10 characters"})


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


class UserForm(forms.Form):
    username = forms.RegexField(label="Username", regex=r"^[a-zA-Z0-9._-]{2,150}$",
                                error_messages={"invalid": "Username can contain letters, "
                                                "numbers, dots, dashes and underscores only",
                                                "required": "Enter a username"})
    first_name = forms.CharField(label="First name", max_length=150, required=False)
    last_name = forms.CharField(label="Last name", max_length=150, required=False)
    email = forms.EmailField(label="Email address", required=False)
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False)
    agency = forms.ModelChoiceField(label="Partner agency", queryset=Agency.objects.all(),
                                    required=False)
    password = forms.CharField(label="Initial password", widget=forms.PasswordInput,
                               help_text="At least 10 characters",
                               error_messages={"required": "Enter an initial password"})


class EditUserForm(forms.Form):
    role = forms.ChoiceField(label="Role", choices=Role.choices)
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.all(), required=False)
    agency = forms.ModelChoiceField(label="Partner agency", queryset=Agency.objects.all(),
                                    required=False)
    is_active = forms.BooleanField(label="Can sign in", required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class TeamForm(forms.Form):
    from hearth.access.models.users import Service

    name = forms.CharField(label="Team name", max_length=120)
    service = forms.ChoiceField(label="Service", choices=Service.choices)


class RelationshipForm(forms.Form):
    from hearth.people.codes import RelationshipKind

    relative = forms.UUIDField(widget=forms.HiddenInput,
                               error_messages={"required": "Select the related person"})
    kind = forms.ChoiceField(label="Who are they to this person?",
                             choices=RelationshipKind.choices)
    parental_responsibility = forms.BooleanField(label="Has parental responsibility",
                                                 required=False)
    start_date = date_field("From", hint="For example, 1/6/2024. Leave blank if not known")


class RestrictionForm(forms.Form):
    restricted = forms.BooleanField(label="Only named people may see this record",
                                    required=False)
    reason = forms.CharField(label="Reason", widget=forms.Textarea, max_length=2000,
                             error_messages={"required": "Enter the reason"})


class NamedUserForm(forms.Form):
    username = forms.CharField(label="Username of the person to name", max_length=150,
                               error_messages={"required": "Enter a username"})


class JoinHouseholdForm(forms.Form):
    household = forms.ChoiceField(label="Which household?", widget=forms.RadioSelect,
                                  error_messages={"required": "Select a household"})
    name = forms.CharField(label="Name for the new household", max_length=120, required=False,
                           help_text="For example: Fletcher household, Mill Lane")
    start_date = date_field("Joined on", required=True)

    def __init__(self, *args, households=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["household"].choices = [*households, ("new", "A new household")]

    def clean(self):
        data = super().clean()
        if data.get("household") == "new" and not data.get("name"):
            self.add_error("name", "Enter a name for the new household")
        return data


class LeaveHouseholdForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
    end_date = date_field("Left on", required=True)
