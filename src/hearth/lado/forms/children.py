"""Naming another child on a matter, and linking a named child to their record."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.lado.forms.common import line, version
from hearth.lado.rules.children import ChildLine
from hearth.lado.rules.matters import NAME_MAX


class ChildForm(forms.Form):
    given_name = line("Child's given name", max_length=NAME_MAX,
                      message="Enter the child's given name")
    family_name = line("Child's family name", max_length=NAME_MAX,
                       message="Enter the child's family name")
    date_of_birth = date_field("Child's date of birth",
                               hint="If known: Hearth can then find their record. For "
                                    "example, 14/9/2016")
    version = version()

    def child(self) -> ChildLine:
        data = self.cleaned_data
        return ChildLine(data["given_name"], data["family_name"], data["date_of_birth"])


class LinkForm(forms.Form):
    person = forms.ChoiceField(label="Which record is this child's?", widget=forms.RadioSelect,
                               error_messages={"required": "Select the child's record",
                                               "invalid_choice": "Select the child's record"})
    version = version()

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [
            (str(p.pk), f"{p.display_name}, born {p.date_of_birth:%-d %B %Y}"
             if p.date_of_birth else p.display_name) for p in people]
