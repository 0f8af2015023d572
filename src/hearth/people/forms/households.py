"""Who lives with whom, and when (R-PPL-3)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field


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
