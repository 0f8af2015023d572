"""Page forms for copies of records: clear messages that name the field (practice 8)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import SensibleDateField
from hearth.releases import rules

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d %m %Y", "%Y-%m-%d", "%d/%m/%y"]


class StartForm(forms.Form):
    requested_by = forms.CharField(
        label="Who asked for the copy", max_length=200,
        help_text="Their name as they gave it, and who they are if not the person themselves",
        error_messages={"required": "Enter who asked for the copy"})
    requested_on = SensibleDateField(
        label="When they asked", input_formats=DATE_FORMATS,
        help_text="The day the request reached us, for example 16/11/2026. The copy is due "
                  "one calendar month later.",
        error_messages={"required": "Enter when they asked",
                        "invalid": "When they asked must be a real date, for example "
                                   "16/11/2026"})


class ReviewForm(forms.Form):
    """Tick suggested names, add terms, withhold an item with a reason, put items back."""

    terms = forms.MultipleChoiceField(
        label="Names to redact", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="People other than the person the records are about, found in the copy. "
                  "Ticked names are replaced by [redacted] wherever they appear.")
    extra_terms = forms.CharField(
        label="Other words to redact", required=False, widget=forms.Textarea,
        help_text="One on each line: for example a nickname, a phone number or a street. "
                  "Whole words only; capital letters do not matter.")
    withhold_item = forms.ChoiceField(label="Withhold an item", required=False)
    withhold_reason = forms.CharField(
        label="Why the item is withheld", required=False, max_length=rules.MAX_REASON_LENGTH,
        help_text="The exemption that applies, for example: crime and taxation (DPA 2018 "
                  "Schedule 2 paragraph 2). This stays in the record and is not printed.")
    restore = forms.MultipleChoiceField(label="Put withheld items back", required=False,
                                        widget=forms.CheckboxSelectMultiple)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, suggestions: list[str], saved_terms: list[str],
                 items: dict[str, str], withheld: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        posted = self.data.getlist("terms") if self.is_bound and hasattr(
            self.data, "getlist") else []
        offered = rules.clean_terms([*suggestions, *saved_terms, *posted])
        self.fields["terms"].choices = [(t, t) for t in offered]  # type: ignore[attr-defined]
        self.fields["withhold_item"].choices = [  # type: ignore[attr-defined]
            ("", "Choose an item"),
            *((key, f"{title} (withheld)" if key in withheld else title)
              for key, title in items.items())]
        self.fields["restore"].choices = [  # type: ignore[attr-defined]
            (key, items.get(key, "An item no longer in the records"))
            for key in withheld]
        self.withheld = dict(withheld)

    def clean_extra_terms(self) -> list[str]:
        terms = rules.clean_terms(self.cleaned_data.get("extra_terms", "").splitlines())
        for term in terms:
            problem = rules.term_problem(term)
            if problem:
                raise forms.ValidationError(problem)
        return terms

    def clean(self):
        data = super().clean()
        item, reason = data.get("withhold_item"), (data.get("withhold_reason") or "").strip()
        if item and not reason:
            self.add_error("withhold_reason", "Enter why the item is withheld")
        elif reason and not item:
            self.add_error("withhold_item", "Choose the item to withhold")
        return data

    def result(self) -> tuple[list[str], dict[str, str]]:
        """The terms and withheld items as they would be saved."""
        data = self.cleaned_data
        terms = rules.clean_terms([*data.get("terms", []), *data.get("extra_terms", [])])
        withheld = {k: v for k, v in self.withheld.items() if k not in data.get("restore", [])}
        if data.get("withhold_item"):
            withheld[data["withhold_item"]] = data["withhold_reason"].strip()
        return terms, withheld


class ReleaseForm(forms.Form):
    confirm = forms.BooleanField(
        label="I have checked the copy: other people's details are redacted and nothing is "
              "included that should be withheld",
        error_messages={"required": "Confirm that you have checked the copy before you "
                                    "release it"})
    version = forms.IntegerField(widget=forms.HiddenInput)
    sha256 = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
