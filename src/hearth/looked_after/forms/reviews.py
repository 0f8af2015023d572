"""The IRO's forms: allocating the IRO, recording and correcting a review, bringing the next
review forward (R-CLA-3). Fields are optional here where the action's rules name what is
missing (one message, naming the field, page and API alike)."""

from __future__ import annotations

from django import forms

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.core.forms import date_field
from hearth.looked_after.codes import Participation

STALE_PAGE = "This page was out of date: go back to the child's care and try again"
STALE = ("Someone else changed this while you were working on it. Check it as it is now: "
         "what you entered is kept in the form.")


def text_field(label: str, *, hint: str = "", long: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint,
                           widget=forms.Textarea if long else None)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class AllocateIroForm(VersionForm):
    iro = forms.ModelChoiceField(
        label="Independent Reviewing Officer", queryset=User.objects.none(),
        empty_label="Choose an IRO",
        error_messages={"required": "Choose an Independent Reviewing Officer from the list",
                        "invalid_choice": "Choose an Independent Reviewing Officer from the "
                                          "list"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["iro"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(role=Role.IRO, is_active=True).order_by(
            "last_name", "first_name", "username")
        field.label_from_instance = lambda u: u.display_name


class ReviewForm(forms.Form):
    held_on = date_field("Date of the review")
    participation = forms.ChoiceField(
        label="How did the child take part?", choices=Participation.choices,
        widget=forms.RadioSelect, required=False,
        error_messages={"invalid_choice": "Select how the child took part in the review from "
                                          "the list"})
    decisions = text_field("Decisions of the review")
    iro_view = text_field("The IRO's view", hint="Whether the care plan meets the child's needs")
    concern = text_field("Any concern you raise", hint="Leave empty if there is none")


class NewReviewForm(ReviewForm):
    open_difference = forms.BooleanField(
        label="Raise the concern as a professional difference", required=False)


class CorrectReviewForm(VersionForm, ReviewForm):
    pass


class BringForwardForm(forms.Form):
    due_on = date_field("New date of the next review")
    reason = text_field("Why is the review brought forward?",
                        hint="For example, the child moved placement on 3 March")
