"""The review of the family's plan: how each item is going (R-FGC-4)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.fgc.codes import Progress
from hearth.fgc.forms.common import VersionForm, text_field


class ReviewForm(VersionForm):
    held_on = date_field("Date of the review")
    notes = text_field("Anything else from the review", long=True)
    next_review_on = date_field("Date of the next review, if there is one")

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            n = item.position
            self.fields[f"item_{n}_progress"] = forms.ChoiceField(
                label=f"How is item {n} going?", widget=forms.RadioSelect,
                choices=Progress.choices, required=False,
                error_messages={"invalid_choice": f"Select how item {n} is going"})
            self.fields[f"item_{n}_note"] = text_field(f"What has happened with item {n}",
                                                       long=True)

    def rows(self):
        return [(item, self[f"item_{item.position}_progress"],
                 self[f"item_{item.position}_note"]) for item in self.items]

    def progress(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {item.pk: (data.get(f"item_{item.position}_progress") or "",
                          data.get(f"item_{item.position}_note") or "")
                for item in self.items}
