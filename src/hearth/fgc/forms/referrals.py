"""Referring a family (R-FGC-1, R-FGC-2), allocating or taking it, and ending it."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.fgc.codes import Ending, Reason
from hearth.fgc.forms.common import VersionForm, text_field
from hearth.fgc.rules.referrals import MAX_QUESTIONS, QUESTION_MAX

QUESTION_ROWS = range(1, MAX_QUESTIONS + 1)


def question_field(n: int) -> str:
    return f"question_{n}"


class ReferForm(forms.Form):
    children = forms.MultipleChoiceField(
        label="Which children is the conference for?", widget=forms.CheckboxSelectMultiple,
        required=False, help_text="Brothers and sisters are referred together",
        error_messages={"invalid_choice": "Choose children of this family"})
    reason = forms.ChoiceField(
        label="Why are you referring the family?", widget=forms.RadioSelect,
        choices=Reason.choices, required=False,
        error_messages={"invalid_choice": "Select why the family is referred, from the list"})
    background = text_field("What the family and the coordinator need to know", long=True,
                            hint="The worries, and the family's strengths")
    explained_on = date_field("Date you explained the process to the family",
                              hint="The day they agreed, for example 14/9/2026")
    process_explained = forms.BooleanField(
        label="I explained the Family Group Conference to the family, and that it is voluntary",
        required=False)
    family_agreed = forms.BooleanField(label="The family agreed to have a Family Group "
                                             "Conference", required=False)
    domestic_abuse = forms.BooleanField(
        label="There is domestic abuse in the family: the conference will be split into two "
              "meetings", required=False)
    split_requested = forms.BooleanField(label="Hold a split conference for another reason",
                                         required=False)
    pre_proceedings = forms.BooleanField(
        label="The family is in pre-proceedings (the steps before court)", required=False)

    def __init__(self, *args, children=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(str(c.pk), c.display_name) for c in children]
        for n in QUESTION_ROWS:
            self.fields[question_field(n)] = forms.CharField(
                label=f"Question {n}", required=False, max_length=QUESTION_MAX,
                error_messages={"max_length": f"Keep question {n} to {QUESTION_MAX} "
                                              "characters"})

    def questions(self) -> list[str]:
        return [self.cleaned_data.get(question_field(n)) or "" for n in QUESTION_ROWS]

    def question_fields(self):
        return [self[question_field(n)] for n in QUESTION_ROWS]

    def consent_fields(self):
        return [self[name] for name in ("explained_on", "process_explained", "family_agreed")]

    def more_fields(self):
        return [self[name] for name in ("domestic_abuse", "split_requested", "pre_proceedings")]


#: Where a refusal's fields show on the referral form.
REFER_FIELD_FOR = {"questions": question_field(1)}


class TakeForm(VersionForm):
    pass


class AllocateForm(VersionForm):
    coordinator = forms.TypedChoiceField(
        label="Coordinator", coerce=int, required=False,
        error_messages={"invalid_choice": "Choose one of the FGC coordinators"})

    def __init__(self, *args, coordinators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].choices = [("", "Choose a coordinator")] + [
            (u.pk, u.display_name) for u in coordinators]


class EndForm(VersionForm):
    outcome = forms.ChoiceField(label="What happened?", widget=forms.RadioSelect,
                                choices=Ending.choices, required=False,
                                error_messages={"invalid_choice": "Select what happened"})
    reason = text_field("Reason", long=True, hint="It is kept with the record")
