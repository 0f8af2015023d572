"""The care leavers' page forms: clear messages that name the field (practice 8). Coded
answers offer only the SSDA903 codes (ACCOM: only the valid letter-digit combinations)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.leaving_care.codes import ACCOMMODATION, KIT_AGES, Activity, ContactMethod, InTouch

YES_NO = [("yes", "Yes"), ("no", "No")]
ACCOMMODATION_CHOICES = [("", "Choose the accommodation"),
                         *((code, f"{code}: {label}") for code, label in ACCOMMODATION.items())]
ACTIVITY_CHOICES = [("", "Choose the main activity"),
                    *((code, f"{code}: {label}") for code, label in Activity.choices)]


def _choice(label: str, choices, required: str, **kwargs) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=choices,
                             error_messages={"required": required}, **kwargs)


class Versioned(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)


class AdviserForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    adviser: forms.ModelChoiceField = forms.ModelChoiceField(
        label="Personal adviser", queryset=None, empty_label="Choose a personal adviser",
        error_messages={"required": "Choose a personal adviser",
                        "invalid_choice": "Choose a personal adviser from the list"})

    def __init__(self, *args, advisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["adviser"].queryset = advisers  # type: ignore[attr-defined]
        self.fields["adviser"].label_from_instance = lambda u: u.display_name  # type: ignore[attr-defined]


class ContactForm(Versioned):
    contacted_on = date_field("Date of the contact", required=True)
    in_touch = forms.TypedChoiceField(label="Was the young person in touch?", choices=YES_NO,
                                      widget=forms.RadioSelect, coerce=lambda v: v == "yes",
                                      error_messages={"required": "Select whether the young "
                                                      "person was in touch"})
    method = _choice("How", ContactMethod.choices, "Select how the contact was made",
                     widget=forms.RadioSelect)
    accommodation = _choice("Accommodation and whether it is suitable", ACCOMMODATION_CHOICES,
                            "Choose the accommodation")
    activity = _choice("Main activity", ACTIVITY_CHOICES, "Choose the main activity")
    activity_reason = forms.CharField(label="If not in education, employment or training: why",
                                      max_length=300, required=False)
    notes = forms.CharField(label="Notes", required=False, max_length=10000,
                            widget=forms.Textarea)


class KeepingInTouchForm(Versioned):
    age = forms.TypedChoiceField(label="Birthday", coerce=int,
                                 choices=[(a, f"{a}th birthday") for a in KIT_AGES],
                                 error_messages={"required": "Choose the birthday"})
    in_touch = _choice("In touch (IN_TOUCH)", InTouch.choices,
                       "Select whether the authority is in touch", widget=forms.RadioSelect)
    activity = _choice("Main activity (ACTIV)", ACTIVITY_CHOICES, "Choose the main activity")
    accommodation = _choice("Accommodation (ACCOM)", ACCOMMODATION_CHOICES,
                            "Choose the accommodation")


class PlanForm(Versioned):
    assessed_on = date_field("Date of the needs assessment", required=True)
    planned_on = date_field("Date the pathway plan was written or reviewed", required=True)
    summary = forms.CharField(label="What the pathway plan says", max_length=20000,
                              widget=forms.Textarea,
                              error_messages={"required": "Enter what the pathway plan says"})


class SupportForm(Versioned):
    requested_on = date_field("Date the young person asked for support up to 25",
                              required=True)
