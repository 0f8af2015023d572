"""Page forms for a team's casework changes: allocation, closure, reallocation and co-allocated
secondary workers.
Messages follow the GOV.UK pattern: name the field and say how to fix it (practice 8)."""

from __future__ import annotations

from datetime import date

from django import forms

from hearth.access.models import User
from hearth.casework import rules
from hearth.casework.codes import ClosureReason, SecondaryRole
from hearth.core.forms import date_field

STALE_PAGE = "This page was out of date: go back and try again"


def _day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


def _worker_field(label: str, workers, describe) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int,
        choices=[("", "Choose a worker")] + [(w.pk, describe(w)) for w in workers],
        error_messages={"required": "Choose a worker",
                        "invalid_choice": "Choose a worker from the list"})


def secondary_candidates(involvement) -> list[User]:
    """Active practitioners of any team (Building Bridges is its own team) who may be
    co-allocated and are not already working on the case."""
    busy = set(involvement.secondary_workers.filter(end_date__isnull=True)
               .values_list("worker_id", flat=True))
    if involvement.worker_id:
        busy.add(involvement.worker_id)
    return list(User.objects.filter(is_active=True, role__in=rules.SECONDARY_ROLES)
                .exclude(pk__in=busy).select_related("team")
                .order_by("team__name", "first_name", "last_name", "username"))


class AllocateForm(forms.Form):
    worker = forms.TypedChoiceField(label="Allocate to", coerce=int)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {w.pk: w for w in workers}
        self.fields["worker"].choices = [("", "Choose a worker"), *self.choices_of(workers)]
        self.fields["worker"].error_messages["required"] = "Choose a worker to allocate to"

    @staticmethod
    def choices_of(workers) -> list[tuple[int, str]]:
        """Each worker, with their open cases beside their name."""
        return [(w.pk, f"{w.display_name} ({w.open_cases} open "
                       f"case{'s' if w.open_cases != 1 else ''})") for w in workers]


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label="Reason for closure", choices=ClosureReason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Choose a reason for closure",
                                               "invalid_choice": "Choose a reason for closure "
                                                                 "(RC1 to RC9)"})
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReallocateForm(forms.Form):
    version = _version()

    def __init__(self, *args, workers, **kwargs):
        super().__init__(*args, **kwargs)
        self.workers = {w.pk: w for w in workers}
        self.fields["worker"] = _worker_field(
            "Reallocate to", workers,
            lambda w: f"{w.display_name} ({w.open_cases} open "
                      f"case{'s' if w.open_cases != 1 else ''})")
        self.fields["worker"].error_messages["required"] = "Choose a worker to reallocate to"
        self.fields["reason"] = forms.CharField(
            label="Why is the case being reallocated?", widget=forms.Textarea, max_length=2000,
            help_text="For example: Sam is leaving the team; a worker with experience of "
                      "exploitation is needed",
            error_messages={"required": "Enter why the case is being reallocated"})
        self.order_fields(["worker", "reason", "version"])


class SecondaryWorkerForm(forms.Form):
    role = forms.ChoiceField(label="What will they do?", choices=SecondaryRole.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose the secondary worker's role",
                                             "invalid_choice": "Choose the secondary "
                                                               "worker's role"})
    start_date = date_field("Start date", hint="For example, 17/11/2026. Leave it empty for "
                            "today.")
    version = _version()

    def __init__(self, *args, involvement, workers, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.involvement = involvement
        self.today = today
        self.workers = {w.pk: w for w in workers}
        self.fields["worker"] = _worker_field(
            "Worker to co-allocate", workers,
            lambda w: f"{w.display_name} ({w.team.name if w.team else 'no team'}, "
                      f"{w.get_role_display().lower()})")
        self.order_fields(["worker", "role", "start_date", "version"])

    def clean_start_date(self):
        start = self.cleaned_data.get("start_date")
        if start is None:
            return None
        if start > self.today:
            raise forms.ValidationError("The start date cannot be in the future")
        if start < self.involvement.opened_on:
            raise forms.ValidationError(
                "The start date cannot be before the involvement opened on "
                f"{_day(self.involvement.opened_on)}")
        return start


class EndSecondaryWorkerForm(forms.Form):
    end_date = date_field("End date", hint="For example, 17/11/2026. Leave it empty for today.")
    version = _version()

    def __init__(self, *args, link, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.link = link
        self.today = today

    def clean_end_date(self):
        end = self.cleaned_data.get("end_date")
        if end is None:
            return None
        if end > self.today:
            raise forms.ValidationError("The end date cannot be in the future")
        if end < self.link.start_date:
            raise forms.ValidationError(
                f"The end date cannot be before the start date, {_day(self.link.start_date)}")
        return end
