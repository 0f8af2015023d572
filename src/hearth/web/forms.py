"""Page forms. Messages follow the GOV.UK pattern: name the field and say how to fix it."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from django import forms
from django.utils import timezone

from hearth.access.models import Agency, Team
from hearth.access.roles import Role
from hearth.calendar import LONDON
from hearth.people.codes import Disability, Ethnicity, NameKind, Sex
from hearth.people.rules import nhs_number_is_valid, normalise_nhs_number, upn_is_valid

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d %m %Y", "%Y-%m-%d", "%d/%m/%y"]
#: A date-time is typed with its time: a date alone is refused, never made midnight (issue 11).
DATETIME_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H.%M", "%d/%m/%Y %H:%M:%S",
                    "%d/%m/%Y %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M",
                    "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M:%S.%f"]
_ZONE_SUFFIX = re.compile(r"(.*\S)\s+(GMT|BST)", re.IGNORECASE)
AMBIGUOUS = ("{label} happened twice when the clocks went back: add BST or GMT, for example "
             "{example}")
IMAGINARY = "{label} did not happen: the clocks went forward past it"


def _london_choices(naive: datetime) -> list[datetime]:
    """The real instants a London wall-clock time can mean: none in the hour the clocks skip,
    two in the hour they repeat (BST first), otherwise one."""
    found: list[datetime] = []
    for fold in (0, 1):
        aware = naive.replace(tzinfo=LONDON, fold=fold)
        back = aware.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None)
        if back == naive and all(aware.utcoffset() != f.utcoffset() for f in found):
            found.append(aware)
    return found


def datetime_text(value: datetime) -> str:
    """A date-time as the date-time fields show and read it back: London time, to the second
    or microsecond only when it has them, with BST/GMT in the hour the clocks repeat. Posting
    it back unchanged gives exactly the same instant (nothing is silently changed)."""
    aware = value if timezone.is_aware(value) else value.replace(tzinfo=LONDON)
    local = aware.astimezone(LONDON)
    pattern = "%d/%m/%Y %H:%M"
    if local.microsecond:
        pattern = "%d/%m/%Y %H:%M:%S.%f"
    elif local.second:
        pattern = "%d/%m/%Y %H:%M:%S"
    text = local.strftime(pattern)
    if len(_london_choices(local.replace(tzinfo=None))) > 1:
        text += f" {local.tzname()}"
    return text


class LondonDateTimeField(forms.DateTimeField):
    """A date and time typed in London time; shown back as :func:`datetime_text`."""

    def prepare_value(self, value):
        return datetime_text(value) if isinstance(value, datetime) else value

    def to_python(self, value):
        if not isinstance(value, str):
            return super().to_python(value)
        text, zone = value.strip(), ""
        suffixed = _ZONE_SUFFIX.fullmatch(text)
        if suffixed:
            text, zone = suffixed.group(1), suffixed.group(2).upper()
        if not text:
            return None
        naive = forms.fields.BaseTemporalField.to_python(self, text)
        choices = _london_choices(naive)
        if zone:
            choices = [c for c in choices if c.tzname() == zone]
        label = self.label or "The date and time"
        if not choices:
            raise forms.ValidationError(
                IMAGINARY.format(label=label) if not zone else self.error_messages["invalid"],
                code="invalid")
        if len(choices) > 1:
            raise forms.ValidationError(AMBIGUOUS.format(
                label=label, example=f"{naive:%d/%m/%Y %H:%M} BST"), code="ambiguous")
        # In UTC: an instant in London's repeated hour never compares equal across zones
        # (PEP 495), and an unchanged value must compare equal to the stored one.
        return choices[0].astimezone(UTC)


def datetime_field(label: str, *, required: bool = True,
                   hint: str = "Date and time, for example 14/9/2026 15:30",
                   invalid: str = "", missing: str = "") -> LondonDateTimeField:
    """The one date-time field of every page: London time, a date without its time refused."""
    return LondonDateTimeField(
        label=label, required=required, input_formats=DATETIME_FORMATS, help_text=hint,
        error_messages={"invalid": invalid or f"{label} must be a real date and time, for "
                                              "example 14/9/2026 15:30",
                        "required": missing or f"Enter {label.lower()}"})


def input_text(field: forms.BoundField) -> str:
    """What a text input shows for ``field``: the field's own kind decides the shape, so a
    date-time is never shown as its date alone and a time is never lost (issue 11)."""
    value = field.value()
    if value is None:
        return ""
    kind = field.field
    if isinstance(value, datetime):
        if isinstance(kind, forms.DateTimeField):
            return datetime_text(value)
        local = value.astimezone(LONDON) if timezone.is_aware(value) else value
        if isinstance(kind, forms.TimeField):
            return local.strftime("%H:%M:%S" if local.second else "%H:%M")
        return local.strftime("%d/%m/%Y")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return str(value)


def date_field(label: str, *, required: bool = False, hint: str = "For example, 14/9/2016"):
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS, help_text=hint,
        error_messages={"invalid": f"{label} must be a real date, for example 14/9/2016",
                        "required": f"Enter the {label.lower()}"},
    )


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


def add_problems(form: forms.Form, problems: dict[str, str],
                 field_for: dict[str, str] | None = None) -> None:
    """Put an action's or the rules' messages on the fields they name (``field_for`` renames
    an action's field to the form's), else on the form as a whole."""
    for field, message in problems.items():
        name = (field_for or {}).get(field, field)
        target = name if name in form.fields else None
        if target is None or not form.has_error(target):
            form.add_error(target, message)
