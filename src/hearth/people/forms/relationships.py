"""Who is related to whom (R-PPL-1)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.people.codes import RelationshipKind


class RelationshipForm(forms.Form):
    relative = forms.UUIDField(widget=forms.HiddenInput,
                               error_messages={"required": "Select the related person"})
    kind = forms.ChoiceField(label="Who are they to this person?",
                             choices=RelationshipKind.choices)
    parental_responsibility = forms.BooleanField(label="Has parental responsibility",
                                                 required=False)
    start_date = date_field("From", hint="For example, 1/6/2024. Leave blank if not known")
