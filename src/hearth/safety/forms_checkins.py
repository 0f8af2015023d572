"""Lone-working page forms (R-SAFE-4): messages that name the field and say how to fix it."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.access.models import User
from hearth.access.rules import MANAGER_ROLES
from hearth.core.forms import date_field
from hearth.safety import checkins
from hearth.visits.forms import TIME_FORMATS

STALE_PAGE = "This page was out of date: go back to the check-in and try again"
#: Where an action's field shows on the page.
FIELD_FOR_ERROR = {"expected_back": "back_time", "starts_at": "from_time", "ends_at": "to_time"}


def _time(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label, input_formats=TIME_FORMATS, help_text="24-hour clock, for example 15:30",
        error_messages={"required": f"Enter the {label.lower()}",
                        "invalid": f"{label} must be a real time, for example 15:30"})


def _at(data: dict, day_field: str, time_field: str) -> datetime | None:
    day, at = data.get(day_field), data.get(time_field)
    return datetime.combine(day, at, calendar.LONDON) if day and at else None


class ExpectedBackForm(forms.Form):
    """When the worker expects to be back: a date (today unless changed) and a time."""

    back_date = date_field("Date you expect to be back", required=True,
                           hint="For example, 17/11/2026")
    back_time = _time("Time you expect to be back")

    def __init__(self, *args, now: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        if not self.is_bound and "back_date" not in self.initial:
            self.initial["back_date"] = timezone.localtime(self.now, calendar.LONDON).strftime(
                "%d/%m/%Y")

    def clean(self):
        data = super().clean()
        data["expected_back"] = _at(data, "back_date", "back_time")
        if not self.has_error("back_date") and not self.has_error("back_time"):
            problem = checkins.expected_back_problem(data["expected_back"], now=self.now,
                                                     limit=checkins.max_ahead())
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
        from hearth.safety.forms import _staff_choices

        super().__init__(*args, **kwargs)
        self.fields["joint_worker"].choices = _staff_choices(getattr(worker, "pk", None))

    def joint_worker_user(self) -> User | None:
        chosen = self.cleaned_data.get("joint_worker")
        return User.objects.filter(pk=chosen).first() if chosen else None


class ExtendForm(ExpectedBackForm):
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class CheckOutForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why are you closing this check-in?", required=False, max_length=2000,
        widget=forms.Textarea,
        help_text="How you know they are safe, for example: they phoned me at 15:10")


class OnCallForm(forms.Form):
    user = forms.ChoiceField(label="Manager on call",
                             error_messages={"required": "Select the manager on call"})
    from_date = date_field("Date on call from", required=True, hint="For example, 17/11/2026")
    from_time = _time("Time on call from")
    to_date = date_field("Date on call until", required=True, hint="For example, 18/11/2026")
    to_time = _time("Time on call until")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        managers = User.objects.filter(is_active=True, role__in=MANAGER_ROLES).order_by(
            "last_name", "first_name", "username")
        self.fields["user"].choices = [("", "Select a manager")] + [
            (str(u.pk), f"{u.display_name} ({u.get_role_display().lower()})") for u in managers]

    def clean(self):
        data = super().clean()
        data["starts_at"] = _at(data, "from_date", "from_time")
        data["ends_at"] = _at(data, "to_date", "to_time")
        if data["starts_at"] and data["ends_at"] and data["ends_at"] <= data["starts_at"]:
            self.add_error("to_time", "The end of the on-call period must be after its start")
        return data


def add_error(form: forms.Form, field: str | None, message: str) -> None:
    target = FIELD_FOR_ERROR.get(field or "", field)
    form.add_error(target if target in form.fields and target not in (
        "person", "visit_plan", "version") else None, message)


def add_refusal(form: forms.Form, refusal: checkins.CheckInRefused) -> None:
    """Every problem of a refusal, each at its field (or for the page as a whole)."""
    for field, message in refusal.problems.items():
        add_error(form, field or None, message)
