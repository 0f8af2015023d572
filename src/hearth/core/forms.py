"""GOV.UK form fields every app's forms use: dates and London date-times typed as people type
them, and one way to put an action's problems on the fields they name."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time

from django import forms
from django.utils import timezone

from hearth.calendar import LONDON
from hearth.core.sensible import sensible_date, sensible_datetime

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
        label = self.label or "The date and time"
        problem = sensible_datetime(naive)  # issue 13 item 1: nothing that cannot be shown
        if problem:
            raise forms.ValidationError(f"{label} {problem}", code="out_of_range")
        choices = _london_choices(naive)
        if zone:
            choices = [c for c in choices if c.tzname() == zone]
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


class SensibleDateField(forms.DateField):
    """A date from 1900 to 2199 (issue 13 item 1): a year-1 date is the field's error, never
    stored; what a date may be for its meaning (not in the future…) is the action's."""

    def to_python(self, value):
        found = super().to_python(value)
        problem = sensible_date(found) if found is not None else None
        if problem:
            raise forms.ValidationError(f"{self.label or 'The date'} {problem}",
                                        code="out_of_range")
        return found


def date_field(label: str, *, required: bool = False, hint: str = "For example, 14/9/2016"):
    return SensibleDateField(
        label=label, required=required, input_formats=DATE_FORMATS, help_text=hint,
        error_messages={"invalid": f"{label} must be a real date, for example 14/9/2016",
                        "required": f"Enter the {label.lower()}"},
    )



def add_problems(form: forms.Form, problems: dict[str, str],
                 field_for: dict[str, str] | None = None) -> None:
    """Put an action's or the rules' messages on the fields they name (``field_for`` renames
    an action's field to the form's), else on the form as a whole."""
    for field, message in problems.items():
        name = (field_for or {}).get(field, field)
        target = name if name in form.fields else None
        if target is None or not form.has_error(target):
            form.add_error(target, message)
