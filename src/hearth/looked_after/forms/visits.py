"""A statutory visit to a child looked after (R-CLA-4)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import datetime_field
from hearth.looked_after.forms.reviews import text_field

YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str, missing: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda v: v == "yes",
                                  error_messages={"required": missing})


class StatutoryVisitForm(forms.Form):
    starts_at = datetime_field("Date and time of the visit")
    place = forms.CharField(label="Where", max_length=200,
                            help_text="For example: the foster home, school",
                            error_messages={"required": "Enter where the visit took place"})
    child_seen = _yes_no("Was the child seen?", "Select whether the child was seen")
    child_seen_alone = _yes_no("Was the child seen alone?",
                               "Select whether the child was seen alone")
    not_seen_alone_reason = text_field(
        "If not seen alone, why not?",
        hint="For example, they refused, or are too young to understand")
    what_was_said = text_field("What was said", hint="The child's own words where you can")
