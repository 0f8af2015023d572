"""The coordinator's preparation: a visit, someone the family invites, the arrangements and
each child's part in the conference (R-FGC-3)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field, datetime_field
from hearth.fgc.codes import Attendance, NetworkKind, ReachedBy
from hearth.fgc.forms.common import VersionForm, text_field

PARTS = ("attendance", "attends_for", "supported_by", "wishes_and_feelings")


class VisitForm(forms.Form):
    visited_on = date_field("Date of the visit")
    who_seen = text_field("Who you saw", hint="For example: Jack on his own, then his mum")
    notes = text_field("What you talked about", long=True,
                       hint="Who the family want to invite, where and when to meet")


class NetworkForm(forms.Form):
    name = text_field("Name")
    relationship = text_field("Relationship to the child",
                              hint="For example: grandmother, uncle, family friend")
    kind = forms.ChoiceField(label="Family or friend?", widget=forms.RadioSelect,
                             choices=NetworkKind.choices, required=False,
                             error_messages={"invalid_choice": "Select family or friend"})
    reached_by = forms.ChoiceField(label="How did you reach them?", widget=forms.RadioSelect,
                                   choices=ReachedBy.choices, required=False,
                                   error_messages={"invalid_choice": "Select how you reached "
                                                                     "them"})


class ArrangementsForm(VersionForm):
    venue = text_field("Venue", hint="A neutral place, for example the local family hub")
    conference_at = datetime_field("Date and time of the conference", required=False)

    def __init__(self, *args, children=(), **kwargs):
        """``children``: the FGC's children (``FGCChild``), each with its ``person``."""
        super().__init__(*args, **kwargs)
        self.children = list(children)
        for child in self.children:
            name = child.person.given_name or child.person.display_name
            k = f"child_{child.pk}"
            self.fields[f"{k}_attendance"] = forms.ChoiceField(
                label=f"Will {name} attend the conference?", widget=forms.RadioSelect,
                choices=Attendance.choices, required=False,
                error_messages={"invalid_choice": f"Select whether {name} will attend"})
            self.fields[f"{k}_attends_for"] = text_field(
                f"Which part {name} attends", hint="If part of it: for example the start, "
                                                   "then the plan")
            self.fields[f"{k}_supported_by"] = text_field(
                f"Who supports {name}", hint="Someone they know and trust")
            self.fields[f"{k}_wishes_and_feelings"] = text_field(
                f"{name}'s wishes and feelings", long=True,
                hint="If they do not attend: what they want the family to hear, in their "
                     "words or as a safe adult shares them")

    def rows(self):
        return [(child, [self[f"child_{child.pk}_{part}"] for part in PARTS])
                for child in self.children]

    def participation(self) -> dict[int, dict[str, str]]:
        data = self.cleaned_data
        return {child.pk: {part: data.get(f"child_{child.pk}_{part}") or "" for part in PARTS}
                for child in self.children}
