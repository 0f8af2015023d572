"""Care plan (with the permanence plan) and placement plan (R-CLA-2)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.looked_after.codes import PermanencePlan
from hearth.looked_after.forms.reviews import text_field


class CarePlanForm(forms.Form):
    agreed_on = date_field("Date the care plan was agreed")
    permanence_plan = forms.ChoiceField(
        label="Permanence plan", choices=[("", "Choose the permanence plan"),
                                          *PermanencePlan.choices], required=False,
        error_messages={"invalid_choice": "Select the permanence plan from the list"})
    summary = text_field("What the care plan says")


class PlacementPlanForm(forms.Form):
    agreed_on = date_field("Date the placement plan was agreed")
    summary = text_field("What the placement plan says")
