"""Page forms for worker-safety warnings (R-SAFE-1): messages that name the field and say how
to fix it (practice 8)."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.safety.codes import WarningKind
from hearth.safety.forms.common import YES_NO, text_field, version_field


class WarningForm(forms.Form):
    kind = forms.ChoiceField(label="Type of risk", choices=WarningKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select the type of risk"})
    profession = forms.CharField(
        label="Which profession (for hostility to a profession)", required=False,
        max_length=100, help_text="For example: social workers, police, health visitors",
        error_messages={"max_length": "Which profession must be 100 characters or fewer"})
    what_happened = text_field("What happened", required=True, message="Enter what happened",
                          hint="Facts: what was said or done, by whom, to whom")
    source = forms.CharField(
        label="Where this came from", max_length=200,
        help_text="For example: police PNC check 3/11/2026, Kerry said it on the phone, "
                  "witnessed by the worker",
        error_messages={"required": "Enter where this information came from",
                        "max_length": "Where this came from must be 200 characters or fewer"})
    occurred_on = date_field("Date it happened", required=True, hint="For example, 3/11/2026")
    disclosed_to_person = forms.TypedChoiceField(
        label="Has the person been told about this warning?", choices=YES_NO,
        widget=forms.RadioSelect, coerce=lambda v: v == "yes",
        error_messages={"required": "Select whether the person has been told"})
    not_disclosed_reason = text_field("Why they have not been told",
                                 hint="Needed when they have not been told, for example: telling "
                                      "them would put the worker or the child at risk")
    requires_joint_visit = forms.BooleanField(
        label="Visits need two workers (a joint visit) or a manager's agreement", required=False)
    review_on = date_field("Review date", hint="Leave empty to review in six months. For "
                                               "example, 3/5/2027")

    def warning_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["review_on"] = data.get("review_on") or None
        return data


class SignOffForm(forms.Form):
    version = version_field()


class ReviewForm(forms.Form):
    review_on = date_field("Next review date", required=True, hint="For example, 3/5/2027")
    note = text_field("What the review considered", required=True,
                 message="Enter what the review considered")
    version = version_field()


class EndForm(forms.Form):
    reason = text_field("Why the warning is ending", required=True,
                   message="Enter why the warning is ending")
    version = version_field()
