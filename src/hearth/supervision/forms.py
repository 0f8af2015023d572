"""Supervision page forms: clear messages that name the field (practice 8)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import cast

from django import forms
from django.utils import timezone

from hearth.core.forms import date_field
from hearth.supervision import rules
from hearth.supervision.codes import (
    MAX_EVERY_DAYS,
    MIN_EVERY_DAYS,
    SELF_CHECK_QUESTIONS,
    YES_NO,
    SessionStatus,
)

STALE_PAGE = "This page was out of date: go back to the supervision and try again"
STATUS_CHOICES = [(SessionStatus.HELD.value, "Yes, it has taken place: record it"),
                  (SessionStatus.PLANNED.value, "No, it is planned for this date")]
SAFETY_FIELDS = ("impact_on_worker", "health_and_safety", "visit_action_plan")


def _text(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, max_length=20000,
                           widget=forms.Textarea)


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    return cast(forms.ChoiceField, form.fields[name])


def note_field(key: str) -> str:
    return f"{rules.self_check_field(key)}_note"


class SessionForm(forms.Form):
    """Recording or planning a supervision. The hostile-family part (R-SUP-2, R-SAFE-3) is on
    the form when any case that may be discussed needs it."""

    status = forms.ChoiceField(
        label="Has this supervision taken place?", choices=STATUS_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the supervision has taken place or is "
                                    "planned"})
    session_date = date_field("Date of the supervision", required=True,
                              hint="For example, 17/11/2026")
    attendees = _text("Who attended", "For example: Sam Worker (social worker), Tina Manager "
                                      "(team manager)")
    cases = forms.MultipleChoiceField(
        label="Cases discussed", required=False, widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Select only cases you can see"})
    discussion = _text("Discussion", "What was discussed about each case, including the "
                                     "risks to the children")
    decisions = _text("Decisions")
    impact_on_worker = _text(
        "Impact on the worker and on the work with the family",
        "Is the family's behaviour stopping the work being done? How is it affecting you?")
    health_and_safety = _text(
        "Health and safety",
        "Required once the supervision has taken place: the risks to the worker and what is "
        "being done about them")
    visit_action_plan = _text(
        "Action plan for the next visit",
        "How the risk will be managed or reduced at the next visit. The visit safety plan "
        "shows it")

    def __init__(self, *args, candidates: Iterable = (), flagged: dict | None = None,
                 needs_safety: Callable[[list], bool] = lambda ids: False,
                 today: date | None = None, previous_status: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        flagged = flagged or {}
        self.today = today or timezone.localdate()
        self.previous_status = previous_status
        self.needs_safety = needs_safety
        self.show_safety = bool(flagged)
        _choices(self, "cases").choices = [
            (str(p.pk), _case_label(p, flagged.get(p.pk))) for p in candidates]
        if previous_status == SessionStatus.HELD:
            _choices(self, "status").choices = STATUS_CHOICES[:1]
        if not self.show_safety:
            for name in SAFETY_FIELDS:
                del self.fields[name]
            return
        for key, question in SELF_CHECK_QUESTIONS:
            self.fields[rules.self_check_field(key)] = forms.ChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect, required=False)
            self.fields[note_field(key)] = forms.CharField(
                label="Note (optional)", required=False, max_length=5000, widget=forms.Textarea)

    def general_fields(self):
        names = ["status", "session_date", "attendees", "cases", "discussion", "decisions"]
        if not _choices(self, "cases").choices:
            names.remove("cases")  # nothing to choose: the page says so
        return [self[name] for name in names]

    def safety_fields(self):
        return [self[name] for name in SAFETY_FIELDS if name in self.fields]

    def self_check_fields(self):
        if not self.show_safety:
            return []
        return [{"answer": self[rules.self_check_field(key)], "note": self[note_field(key)]}
                for key, _question in SELF_CHECK_QUESTIONS]

    def self_check_values(self) -> dict:
        if not self.show_safety:
            return {}
        data = self.cleaned_data
        return {key: {"answer": data.get(rules.self_check_field(key)) or "",
                      "note": data.get(note_field(key)) or ""}
                for key, _question in SELF_CHECK_QUESTIONS}

    def clean(self):
        data = super().clean()
        if self.has_error("cases"):
            return data
        selected = data.get("cases") or []
        problems = rules.session_problems(
            status=data.get("status") or "", session_date=data.get("session_date"),
            today=self.today, needs_safety_items=bool(selected) and self.needs_safety(selected),
            health_and_safety=data.get("health_and_safety") or "",
            self_check=self.self_check_values(), previous_status=self.previous_status)
        for field, message in problems.items():
            target = field if field in self.fields else None
            if target and self.has_error(target):
                continue
            self.add_error(target, message)
        return data

    def session_values(self) -> dict:
        """What the actions take (``cases`` still as ids)."""
        data = self.cleaned_data
        values = {name: data[name] for name in ("status", "session_date", "cases", "attendees",
                                                "discussion", "decisions")}
        if self.show_safety:
            values.update({name: data[name] for name in SAFETY_FIELDS})
            values["self_check"] = self.self_check_values()
        return values


class SessionEditForm(SessionForm):
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})

    @staticmethod
    def initial_for(session, case_ids: Iterable) -> dict:
        initial = {
            "status": session.status, "session_date": session.held_on or session.scheduled_for,
            "cases": [str(pk) for pk in case_ids], "version": session.version,
            **{name: getattr(session, name) for name in (
                "attendees", "discussion", "decisions", *SAFETY_FIELDS)}}
        for key, _question in SELF_CHECK_QUESTIONS:
            item = (session.self_check or {}).get(key) or {}
            initial[rules.self_check_field(key)] = item.get("answer", "")
            initial[note_field(key)] = item.get("note", "")
        return initial


def _case_label(person, reasons: list[str] | None) -> str:
    born = f" (born {person.date_of_birth:%d/%m/%Y})" if person.date_of_birth else ""
    flag = f" – {'; '.join(reasons)}" if reasons else ""
    return f"{person.display_name}{born}{flag}"


class CancelForm(forms.Form):
    reason = forms.CharField(label="Why was it cancelled?", widget=forms.Textarea,
                             max_length=5000,
                             error_messages={"required": "Enter why the supervision was "
                                                         "cancelled"})
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class ActionForm(forms.Form):
    what = forms.CharField(label="What is to be done", widget=forms.Textarea, max_length=5000,
                           error_messages={"required": "Enter what is to be done"})
    owner = forms.ChoiceField(label="Who will do it",
                              error_messages={"required": "Select who will do it",
                                              "invalid_choice": "Select who will do it"})
    due_on = date_field("Due by", required=True, hint="For example, 1/12/2026")

    def __init__(self, *args, owners: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "owner").choices = [("", "Choose a person"),
                                        *[(str(u.pk), u.display_name) for u in owners]]


class FrequencyForm(forms.Form):
    target = forms.ChoiceField(label="Who is it for?",
                               error_messages={"required": "Select a team or a worker",
                                               "invalid_choice": "Select a team or a worker"})
    every_days = forms.IntegerField(
        label="Every how many days?", min_value=MIN_EVERY_DAYS, max_value=MAX_EVERY_DAYS,
        help_text=f"From {MIN_EVERY_DAYS} to {MAX_EVERY_DAYS}; for example 28 for every 4 "
                  "weeks, 35 for every 5 weeks",
        error_messages={
            "required": "Enter how often supervision happens, in days",
            "invalid": "Enter how often supervision happens as a whole number of days",
            "min_value": f"Supervision cannot be more often than every {MIN_EVERY_DAYS} days",
            "max_value": f"Supervision must be at least every {MAX_EVERY_DAYS} days"})

    def __init__(self, *args, targets: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self, "target").choices = [("", "Choose a team or a worker"), *targets]


class ClearFrequencyForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput,
                             error_messages={"required": "Select the setting to remove"})
