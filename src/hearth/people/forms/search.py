"""The person search form (R-PPL-2): a term the search cannot understand is a problem on the
field it is about, found by the search's own reading of the terms."""

from __future__ import annotations

from django import forms

from hearth.core.refusals import Refused
from hearth.people.queries.search import build_query


class SearchForm(forms.Form):
    name = forms.CharField(label="Name", required=False, max_length=200,
                           help_text="Given and family name, in any order. Aliases count.")
    dob = forms.CharField(label="Date of birth", required=False, max_length=20,
                          help_text="Full or partial, for example 14/9/2016, 09/2016 or 2016")
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in ("name", "dob", "postcode")):
            raise forms.ValidationError("Enter a name, a date of birth or a postcode")
        if not self.errors:
            try:
                build_query(**{k: data.get(k) or "" for k in ("name", "dob", "postcode")})
            except Refused as refusal:
                self.add_error(search_error_field(refusal.message), refusal.message)
        return data


def search_error_field(message: str) -> str | None:
    """Search messages start with the field they are about ("Postcode: …")."""
    for prefix, field in (("name", "name"), ("date of birth", "dob"), ("postcode", "postcode")):
        if message.lower().startswith(prefix + ":"):
            return field
    return None
