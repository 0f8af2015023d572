"""Deciding on a contact (R-FD-5): the worker's decision, and the manager's comment when they
return it."""

from __future__ import annotations

from django import forms

from hearth.access.models import Agency, Team
from hearth.casework.codes import PrimaryNeed
from hearth.frontdoor.codes import MashScope, Outcome, Rag
from hearth.frontdoor.forms.common import text_field

REFERRAL_TEAM_SERVICES = ["family_help", "family_safeguarding", "jigsaw", "yps"]
#: Where the action's field names differ from the page's.
FIELD_FOR = {"mash": "mash_scope", "scope": "mash_scope", "rag": "mash_rag",
             "agencies": "mash_agencies"}


class DecisionForm(forms.Form):
    """The next step (R-FD-5). The contact's version comes back so that a race is caught."""

    outcome = forms.ChoiceField(label="What happens next?", choices=Outcome.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": "Select what happens next"})
    rationale = text_field("Reasons for the decision", required=True,
                           message="Enter the reasons for the decision")
    advice = text_field("Advice given to the referrer")
    referrer_plan = text_field("Steps the referring agency agreed to take",
                               hint="The plan agreed with the referrer")
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), required=False,
                                  empty_label="Choose a team")
    mash_scope = forms.ChoiceField(label="Information gathering", required=False,
                                   choices=[("", "Choose targeted or full"), *MashScope.choices])
    mash_rag = forms.ChoiceField(label="RAG rating", required=False,
                                 choices=[("", "Choose a RAG rating"), *Rag.choices],
                                 help_text="Red: answers within 4 hours; amber: 1 working day; "
                                 "green: 3 working days")
    mash_agencies = forms.ModelMultipleChoiceField(
        label="Agencies to ask", queryset=Agency.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="For targeted information gathering")
    primary_need = forms.ChoiceField(
        label="Primary need", required=False,
        choices=[("", "Not yet known")] + [(c, f"{c} – {label}")
                                           for c, label in PrimaryNeed.choices],
        error_messages={"invalid_choice": "Choose a primary need code N0 to N9"})
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(  # type: ignore[attr-defined]
            service__in=REFERRAL_TEAM_SERVICES).order_by("name")
        self.fields["mash_agencies"].queryset = Agency.objects.exclude(  # type: ignore[attr-defined]
            kind="social_care").order_by("name")

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == Outcome.NFA:
            for field, message in (("advice", "Enter the advice given to the referrer"),
                                   ("referrer_plan", "Enter the steps the referring agency "
                                    "agreed to take")):
                if not (data.get(field) or "").strip():
                    self.add_error(field, message)
        if outcome == Outcome.REFERRAL and not data.get("team"):
            self.add_error("team", "Choose the team the child is referred to")
        if outcome == Outcome.MASH:
            if not data.get("mash_scope"):
                self.add_error("mash_scope", "Choose targeted or full information gathering")
            if not data.get("mash_rag"):
                self.add_error("mash_rag", "Choose a RAG rating: red, amber or green")
            if data.get("mash_scope") == MashScope.TARGETED and not data.get("mash_agencies"):
                self.add_error("mash_agencies", "Choose the agencies to ask")
        return data

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        outcome = data["outcome"]
        return {
            "outcome": outcome, "rationale": data["rationale"],
            "expected_version": data["version"],
            "advice": data["advice"], "referrer_plan": data["referrer_plan"],
            "team": data["team"] if outcome == Outcome.REFERRAL else None,
            "primary_need": data["primary_need"],
            "mash": {"scope": data["mash_scope"], "rag": data["mash_rag"],
                     "agencies": list(data["mash_agencies"])}
            if outcome == Outcome.MASH else None,
        }


class ReturnForm(forms.Form):
    comment = text_field("Comment for the worker", required=True,
                         hint="What needs to change before you can authorise it",
                         message="Enter a comment for the worker")
