"""The conference's three stages, the family's plan and the referrer's decision on it."""

from __future__ import annotations

from django import forms

from hearth.core.forms import SensibleDateField, date_field
from hearth.fgc.codes import Stage
from hearth.fgc.forms.common import VersionForm, text_field
from hearth.fgc.rules.conferences import PlanLine

DATE_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d %m %Y"]
#: The plan page's rows (a plan has at most ``MAX_ITEMS``; a longer one shows them all).
PLAN_ROWS = 8


class ConferenceForm(VersionForm):
    held_on = date_field("Date the conference was held")

    def __init__(self, *args, split: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        hints = {Stage.INFORMATION: "What the referrer and others shared, and the family's "
                                    "questions",
                 Stage.PRIVATE_TIME: "How long the family had on their own, and who was "
                                     "nearby to help",
                 Stage.PLAN: "How the family shared their plan, and what was said about it"}
        for stage in Stage:
            self.fields[stage.value] = text_field(stage.label, long=True, hint=hints[stage])
        if split:
            self.fields["split_arrangements"] = text_field(
                "How the split conference was held", long=True,
                hint="Who came to each of the two meetings")


def row_fields(n: int) -> tuple[str, str, str]:
    return f"item_{n}_who", f"item_{n}_what", f"item_{n}_by_when"


class PlanForm(VersionForm):
    review_on = date_field("Date of the review", hint="Set at the conference, for example "
                                                      "14/9/2026")

    def __init__(self, *args, rows: int = PLAN_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_numbers = range(1, rows + 1)
        for n in self.row_numbers:
            who, what, by_when = row_fields(n)
            self.fields[who] = forms.CharField(label="Who", max_length=150, required=False,
                                               help_text="The person who will do it")
            self.fields[what] = forms.CharField(label="What they will do", required=False,
                                                widget=forms.Textarea)
            self.fields[by_when] = SensibleDateField(
                label="By when", required=False, input_formats=DATE_FORMATS,
                help_text="For example 24/11/2026",
                error_messages={"invalid": f"The date for item {n} must be a real date, for "
                                           "example 24/11/2026"})

    def item_rows(self):
        return [(n, [self[name] for name in row_fields(n)]) for n in self.row_numbers]

    def lines(self) -> list[PlanLine]:
        data = self.cleaned_data
        return [PlanLine(who=data.get(who) or "", what=data.get(what) or "",
                         by_when=data.get(by_when))
                for who, what, by_when in (row_fields(n) for n in self.row_numbers)]


PLAN_FIELD_FOR = {"items": row_fields(1)[0]}


class DecisionForm(VersionForm):
    agreed = forms.TypedChoiceField(
        label="Do you agree the family's plan?", widget=forms.RadioSelect, required=False,
        choices=[("yes", "Yes, I agree the plan"),
                 ("no", "No: it would place a child at risk")],
        coerce=lambda value: value == "yes", empty_value=None,
        error_messages={"invalid_choice": "Select whether you agree the family's plan"})
    reason = text_field("Why you cannot agree it", long=True,
                        hint="How the plan would place a child at risk")
