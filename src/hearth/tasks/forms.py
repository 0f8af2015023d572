"""The task pages' forms (GOV.UK): set a task, mark it done, cancel it with why."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field
from hearth.tasks import rules

STALE_PAGE = "This page was out of date: go back to the task and try again"


class SetTaskForm(forms.Form):
    what = forms.CharField(label="What needs doing", widget=forms.Textarea,
                           max_length=rules.WHAT_MAX,
                           help_text="For example: ring the school about Jack's attendance",
                           error_messages={"required": rules.WHAT_MISSING,
                                           "max_length": rules.WHAT_TOO_LONG})
    assigned_to = forms.TypedChoiceField(label="Who is it for", coerce=int,
                                         error_messages={"required": "Select who the task is "
                                                                     "for",
                                                         "invalid_choice": "Select who the "
                                                                           "task is for"})
    due_on = date_field("Date due", required=True, hint="For example, 14/9/2026")

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].choices = [("", "Choose someone")] + [
            (u.pk, u.display_name + (f" ({u.team.name})" if u.team_id else ""))
            for u in people]


class CloseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class CancelForm(CloseForm):
    reason = forms.CharField(label="Why is the task cancelled", widget=forms.Textarea,
                             max_length=rules.REASON_MAX,
                             error_messages={"required": rules.REASON_MISSING,
                                             "max_length": rules.REASON_TOO_LONG})
