"""Page forms for worker-safety warnings and visit plans: messages that name the field and
say how to fix it (practice 8)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings

from hearth.access import queries as staff
from hearth.access.models import User
from hearth.core.forms import date_field
from hearth.safety.codes import PLAN_QUESTIONS, WarningKind

YES_NO = [("yes", "Yes"), ("no", "No")]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
STALE_PAGE = "This page was out of date: open the page again and try again"


def _text(label: str, *, required: bool = False, message: str = "", hint: str = "",
          max_length: int = 10_000) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=hint,
                           max_length=max_length, widget=forms.Textarea,
                           error_messages={"required": message or f"Enter {label.lower()}",
                                           "max_length": f"{label} must be {max_length} "
                                                         "characters or fewer"})


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class WarningForm(forms.Form):
    kind = forms.ChoiceField(label="Type of risk", choices=WarningKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select the type of risk"})
    profession = forms.CharField(
        label="Which profession (for hostility to a profession)", required=False,
        max_length=100, help_text="For example: social workers, police, health visitors",
        error_messages={"max_length": "Which profession must be 100 characters or fewer"})
    what_happened = _text("What happened", required=True, message="Enter what happened",
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
    not_disclosed_reason = _text("Why they have not been told",
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
    version = _version()


class ReviewForm(forms.Form):
    review_on = date_field("Next review date", required=True, hint="For example, 3/5/2027")
    note = _text("What the review considered", required=True,
                 message="Enter what the review considered")
    version = _version()


class EndForm(forms.Form):
    reason = _text("Why the warning is ending", required=True,
                   message="Enter why the warning is ending")
    version = _version()


# --- Visit plans ------------------------------------------------------------------------------


def _staff_choices(exclude_id: int | None) -> list[tuple[str, str]]:
    return staff.colleague_choices("safety.checkin", exclude_id, nobody="Nobody: I will go alone")


class PlanForm(forms.Form):
    """The questions of seed 004 §8.1 (R-SAFE-2), each answered yes or no, with notes."""

    visit_date = date_field("Date of the visit", required=True, hint="For example, 24/11/2026")
    visit_time = forms.TimeField(
        label="Time of the visit", input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 10:30",
        error_messages={"required": "Enter the time of the visit",
                        "invalid": "Time of the visit must be a real time, for example 10:30"})
    joint_worker = forms.ChoiceField(
        label="Joint worker", required=False, help_text="A colleague or manager going with you",
        error_messages={"invalid_choice": "Choose the joint worker from the list"})
    notes = _text("Anything else about keeping safe on this visit")

    def __init__(self, *args, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joint_worker"].choices = _staff_choices(getattr(worker, "pk", None))
        for key, question in PLAN_QUESTIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect,
                coerce=lambda v: v == "yes", error_messages={"required": f"Answer: {question}"})
            self.fields[f"{key}_note"] = _text("Notes", hint="What you will do about it")

    @property
    def question_fields(self) -> list[tuple]:
        return [(self[key], self[f"{key}_note"]) for key, _ in PLAN_QUESTIONS]

    def plan_fields(self) -> dict:
        data = self.cleaned_data
        zone = ZoneInfo(settings.TIME_ZONE)
        planned_for = datetime.combine(data["visit_date"], data["visit_time"], tzinfo=zone)
        joint = data.get("joint_worker")
        return {
            "planned_for": planned_for,
            "answers": {key: {"answer": data.get(key), "note": data.get(f"{key}_note", "")}
                        for key, _ in PLAN_QUESTIONS},
            "notes": data.get("notes", ""),
            "joint_worker": User.objects.filter(pk=joint).first() if joint else None,
        }

    @classmethod
    def initial_for(cls, plan) -> dict:
        from django.utils import timezone

        local = timezone.localtime(plan.planned_for)
        initial = {"visit_date": local.date(), "visit_time": local.strftime("%H:%M"),
                   "joint_worker": str(plan.joint_worker_id or ""), "notes": plan.notes,
                   "version": plan.version}
        for key, _ in PLAN_QUESTIONS:
            answer = (plan.answers or {}).get(key) or {}
            if answer.get("answer") in (True, False):
                initial[key] = "yes" if answer["answer"] else "no"
            initial[f"{key}_note"] = answer.get("note", "")
        return initial


class PlanEditForm(PlanForm):
    version = _version()


class AgreeForm(forms.Form):
    note = _text("Your note", hint="For example: visit in the office car park only; ring "
                                   "me on arrival and on leaving")
    version = _version()


def add_error(form: forms.Form, field: str | None, message: str) -> None:
    form.add_error(field if field in form.fields else None, message)
