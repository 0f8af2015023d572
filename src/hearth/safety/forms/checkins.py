"""Lone-working page forms (R-SAFE-4): messages that name the field and say how to fix it."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.access.models import User
from hearth.core.forms import date_field
from hearth.safety import rules
from hearth.safety.forms.common import staff_choices, version_field
from hearth.visits.forms import TIME_FORMATS

STALE_PAGE = "This page was out of date: go back to the check-in and try again"
#: Where an action's field shows on the page (the person and the visit plan are not inputs
#: the worker can change here: a refusal about them is about the page as a whole).
FIELD_FOR = {"expected_back": "back_time", "person": "", "visit_plan": "", "version": ""}


def time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label, input_formats=TIME_FORMATS, help_text="24-hour clock, for example 15:30",
        error_messages={"required": f"Enter the {label.lower()}",
                        "invalid": f"{label} must be a real time, for example 15:30"})


def london_at(data: dict, day_field: str, time_name: str) -> datetime | None:
    """The London date and time of two of a form's fields (None while either is missing)."""
    day, clock = data.get(day_field), data.get(time_name)
    return datetime.combine(day, clock, calendar.LONDON) if day and clock else None


class ExpectedBackForm(forms.Form):
    """When the worker expects to be back: a date (today unless changed) and a time."""

    back_date = date_field("Date you expect to be back", required=True,
                           hint="For example, 17/11/2026")
    back_time = time_field("Time you expect to be back")

    def __init__(self, *args, now: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        if not self.is_bound and "back_date" not in self.initial:
            self.initial["back_date"] = timezone.localtime(self.now, calendar.LONDON).strftime(
                "%d/%m/%Y")

    def clean(self):
        data = super().clean()
        data["expected_back"] = london_at(data, "back_date", "back_time")
        if not self.has_error("back_date") and not self.has_error("back_time"):
            problem = rules.expected_back_problem(data["expected_back"], now=self.now,
                                                  limit=rules.max_ahead())
            if problem:
                self.add_error("back_time", problem)
        return data


class StartForm(ExpectedBackForm):
    where = forms.CharField(
        label="Where are you going?", max_length=200,
        help_text="The address, or where you are meeting if it is not at home",
        error_messages={"required": "Enter where you are going",
                        "max_length": "Where you are going must be 200 characters or fewer"})
    joint_worker = forms.ChoiceField(
        label="Who is going with you?", required=False,
        help_text="A colleague or manager on this visit with you. Where a worker-safety warning "
                  "says visits need two workers, name them here or start from an agreed visit "
                  "plan",
        error_messages={"invalid_choice": "Choose the second worker from the list"})
    person = forms.UUIDField(required=False, widget=forms.HiddenInput)
    visit_plan = forms.IntegerField(required=False, widget=forms.HiddenInput)

    field_order = ["where", "back_date", "back_time", "joint_worker", "person", "visit_plan"]

    def __init__(self, *args, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joint_worker"].choices = staff_choices(getattr(worker, "pk", None))

    def joint_worker_user(self) -> User | None:
        chosen = self.cleaned_data.get("joint_worker")
        return User.objects.filter(pk=chosen).first() if chosen else None


class ExtendForm(ExpectedBackForm):
    version = version_field(STALE_PAGE)


class CheckOutForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why are you closing this check-in?", required=False, max_length=2000,
        widget=forms.Textarea,
        help_text="How you know they are safe, for example: they phoned me at 15:10")
