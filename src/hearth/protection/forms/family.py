"""The core group meeting of several children of a family (issue 15): the shared part once,
the progress against each child's own plan."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.protection.forms.conferences import CoreGroupMeetingForm


class FamilyCoreGroupMeetingForm(CoreGroupMeetingForm):
    """``plans``: the family's open plans the reader may see; each gets a box to say its core
    group met too, and its own "progress against the plan"."""

    def __init__(self, *args, plans, chosen=(), **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["progress"]
        self.plans = list(plans)
        self.fields["plans"] = forms.TypedMultipleChoiceField(
            label="Whose core groups met", coerce=int, widget=forms.CheckboxSelectMultiple,
            choices=[(p.pk, f"{p.person.display_name}: plan from {p.start_on:%-d %B %Y}")
                     for p in self.plans],
            initial=list(chosen),
            error_messages={"required": "Choose the children whose core groups met together"})
        for plan in self.plans:
            self.fields[f"progress_{plan.pk}"] = forms.CharField(
                label=f"Progress against {plan.person.display_name}'s plan", required=False,
                widget=forms.Textarea, max_length=20000)
        # The date fields keep their order: shared part first, then each child's progress.
        self.order_fields(["held_on", "attendees", "plans", "actions", "next_meeting_on"])

    def progress_fields(self):
        return [self[f"progress_{plan.pk}"] for plan in self.plans]

    def chosen_plans(self) -> list:
        wanted = set(self.cleaned_data.get("plans") or [])
        return [p for p in self.plans if p.pk in wanted]


__all__ = ["FamilyCoreGroupMeetingForm", "date_field"]
