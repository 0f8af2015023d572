"""The page form for a parent's summary (R-REC-8): three "who must do what by when" rows,
blank rows allowed, a row with any value complete. There is no "given by" or "written at"
field: the system sets them."""

from __future__ import annotations

from datetime import date

from django import forms

from hearth.core.forms import SensibleDateField, add_problems, datetime_field
from hearth.people.models import Person
from hearth.records.codes import SUMMARY_ACTION_ROWS, DeliveryMethod
from hearth.records.rules import summaries as rules

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %m %Y"]
ACTION_ROWS = range(1, SUMMARY_ACTION_ROWS + 1)


def row_fields(n: int) -> tuple[str, str, str]:
    return f"action_{n}_who", f"action_{n}_what", f"action_{n}_by_when"


class SummaryForm(forms.Form):
    child = forms.ModelChoiceField(
        label="Which child is it about?", queryset=Person.objects.none(), required=False,
        empty_label="Not about one child",
        error_messages={"invalid_choice": "Choose one of the parent's children"})
    purpose = forms.CharField(
        label="Why we met", widget=forms.Textarea,
        help_text="In plain words, for example: To see how Jack is getting on at home.",
        error_messages={"required": "Enter why you met"})
    what_was_done = forms.CharField(
        label="What we did", widget=forms.Textarea,
        help_text="What was talked about and what happened",
        error_messages={"required": "Enter what was done"})
    method = forms.ChoiceField(
        label="How was the summary given?", widget=forms.RadioSelect,
        choices=DeliveryMethod.choices,
        error_messages={"required": "Select how the summary was given",
                        "invalid_choice": "Select how the summary was given"})
    language = forms.CharField(
        label="Language it was given in", max_length=60, required=False,
        help_text="Filled in from the parent's first language: change it to English if the "
                  "summary was not translated or interpreted")
    interpreter = forms.CharField(label="Interpreter (name or service), if one was used",
                                  max_length=200, required=False)
    delivered_at = datetime_field("When it was given",
                                  missing="Enter when the summary was given")
    visit = forms.IntegerField(required=False, widget=forms.HiddenInput)
    note = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, children, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["child"].queryset = children  # type: ignore[attr-defined]
        for n in ACTION_ROWS:
            who, what, by_when = row_fields(n)
            self.fields[who] = forms.CharField(label="Who", max_length=200, required=False)
            self.fields[what] = forms.CharField(label="What they will do", required=False,
                                                widget=forms.Textarea)
            self.fields[by_when] = SensibleDateField(
                label="By when", required=False, input_formats=DATE_FORMATS,
                help_text="For example 24/11/2026",
                error_messages={"invalid": f"The date for action {n} must be a real date, "
                                           "for example 24/11/2026"})

    def detail_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("child", "purpose", "what_was_done")]

    def action_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(n, [self[name] for name in row_fields(n)]) for n in ACTION_ROWS]

    def lines(self) -> list[rules.ActionLine]:
        data = self.cleaned_data
        return [rules.ActionLine(who=data.get(who) or "", what=data.get(what) or "",
                                 by_when=data.get(by_when))
                for who, what, by_when in (row_fields(n) for n in ACTION_ROWS)]

    def clean(self):
        data = super().clean()
        if any(self.has_error(name) for n in ACTION_ROWS for name in row_fields(n)):
            return data
        add_problems(self, rules.action_problems(self.lines(), self.today), FIELD_FOR)
        return data


#: Where a problem shows: "actions" on the first action row; the visit or case note the
#: summary ends on the form as a whole (they are hidden).
FIELD_FOR = {"actions": row_fields(1)[0], "note": "", "visit": ""}
