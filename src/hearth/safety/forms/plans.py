"""Page forms for visit safety plans (R-SAFE-2, R-SAFE-3): the questions of seed 004 §8.1,
the joint worker, and a manager's agreement."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.utils import timezone

from hearth.access.models import User
from hearth.core.forms import date_field
from hearth.safety.codes import PLAN_QUESTIONS
from hearth.safety.forms.common import (
    TIME_FORMATS,
    YES_NO,
    staff_choices,
    text_field,
    version_field,
)


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
    notes = text_field("Anything else about keeping safe on this visit")

    def __init__(self, *args, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["joint_worker"].choices = staff_choices(getattr(worker, "pk", None))
        for key, question in PLAN_QUESTIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect,
                coerce=lambda v: v == "yes", error_messages={"required": f"Answer: {question}"})
            self.fields[f"{key}_note"] = text_field("Notes", hint="What you will do about it")

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
    version = version_field()


class AgreeForm(forms.Form):
    note = text_field("Your note", hint="For example: visit in the office car park only; ring "
                                   "me on arrival and on leaving")
    version = version_field()
