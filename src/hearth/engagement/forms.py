"""Page forms for engagement: clear messages that name the field (practice 8)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.chronology.codes import OWN_SERVICE
from hearth.core.forms import date_field
from hearth.engagement import rules
from hearth.engagement.codes import (
    ALERT_QUESTIONS,
    Behaviour,
    CancelledBy,
    EventKind,
    HostilityForm,
    TellMethod,
)

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
BELIEVED = [("yes", "Yes"), ("no", "No"), ("unsure", "Not sure")]
OUTSIDE_METHODS = [(v, label) for v, label in TellMethod.choices if v != TellMethod.HEARTH]
OTHER_ROWS = 3
STALE_PAGE = "This page was out of date: go back to the task and try again"

#: Where an action's field shows on the page.
FIELD_FOR_ERROR = {"occurred_at": "event_date", "visit": "kind", "involvement": "kind"}


class EventForm(forms.Form):
    kind = forms.ChoiceField(label="What happened?", choices=EventKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select what happened"})
    cancelled_by = forms.ChoiceField(label="Who cancelled the visit?",
                                     choices=CancelledBy.choices, widget=forms.RadioSelect,
                                     required=False, help_text="For a cancelled visit")
    believed_in = forms.ChoiceField(label="Did you believe someone was in?", choices=BELIEVED,
                                    widget=forms.RadioSelect, required=False,
                                    help_text="For no answer at the door")
    form = forms.ChoiceField(label="What form did the hostility take?",
                             choices=HostilityForm.choices, widget=forms.RadioSelect,
                             required=False, help_text="For hostility")
    behaviours = forms.MultipleChoiceField(
        label="Threatening behaviour seen", choices=Behaviour.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="For hostility: select all that apply",
        error_messages={"invalid_choice": "Choose threatening behaviours from the list"})
    event_date = date_field("Date it happened", required=True, hint="For example, 17/11/2026")
    event_time = forms.TimeField(
        label="Time it happened", input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 07:45 or 18:30",
        error_messages={"required": "Enter the time it happened",
                        "invalid": "Time it happened must be a real time, for example 18:30"})
    agency = forms.CharField(label="Which agency met it?", max_length=rules.AGENCY_MAX,
                             initial=OWN_SERVICE,
                             help_text="For example Children's services, Orchard Primary School "
                                       "or the health visiting team",
                             error_messages={"required": "Enter which agency it happened to"})
    by_person = forms.ChoiceField(label="Who was it?", required=False,
                                  help_text="Someone on the family's record")
    by_whom = forms.CharField(label="Or describe who it was", required=False,
                              max_length=rules.WHO_MAX,
                              help_text="For example: a man at the door who would not give "
                                        "his name")
    account = forms.CharField(label="Your account", required=False, widget=forms.Textarea,
                              max_length=rules.ACCOUNT_MAX,
                              help_text="What happened, what was said and done, in your own "
                                        "words. Required for hostility.")
    visit = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, family=(), now: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        self.family = {str(p.pk): p for p in family}
        by_person: forms.ChoiceField = self.fields["by_person"]  # type: ignore[assignment]
        by_person.choices = [("", "Not someone on the record"),
                             *((k, p.display_name) for k, p in self.family.items())]

    def clean(self):
        data = super().clean()
        kind = data.get("kind", "")
        # Answers given for another kind (a reveal the worker later hid) are not kept.
        if kind != EventKind.CANCELLED_VISIT:
            data["cancelled_by"] = ""
        if kind != EventKind.NO_ANSWER:
            data["believed_in"] = ""
        if kind != EventKind.HOSTILITY:
            data["form"], data["behaviours"] = "", []
        day, at = data.get("event_date"), data.get("event_time")
        data["occurred_at"] = datetime.combine(day, at, calendar.LONDON) if day and at else None
        for field, message in rules.event_problems(self.event_fields(), self.now).items():
            if field == "occurred_at" and data["occurred_at"] is None:
                continue  # the date or time field already says what is wrong
            target = FIELD_FOR_ERROR.get(field, field)
            if target in self.fields and not self.has_error(target):
                self.add_error(target, message)
        return data

    def event_fields(self) -> dict:
        """The cleaned values ``do_record_event`` takes (without the visit)."""
        data = self.cleaned_data
        believed = data.get("believed_in", "")
        return {"kind": data.get("kind", ""), "occurred_at": data.get("occurred_at"),
                "agency": data.get("agency", ""), "cancelled_by": data.get("cancelled_by", ""),
                "believed_in": {"yes": True, "no": False}.get(believed),
                "form": data.get("form", ""), "behaviours": data.get("behaviours", []),
                "by_person": self.family.get(data.get("by_person") or ""),
                "by_whom": data.get("by_whom", ""), "account": data.get("account", "")}


class CompleteForm(forms.Form):
    outcome = forms.CharField(label="What was done, and what happened", widget=forms.Textarea,
                              max_length=rules.ACCOUNT_MAX,
                              help_text="For example: an unannounced visit at 7:45, the children "
                                        "were seen; a practitioners' meeting is booked",
                              error_messages={"required": "Enter what was done to follow up "
                                                          "and what happened"})
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class AlertForm(forms.Form):
    """Seed 004 §4.2 questions, the practitioners involved, and anyone else who was told."""

    users = forms.MultipleChoiceField(
        label="Practitioners in Hearth", required=False, widget=forms.CheckboxSelectMultiple,
        help_text="They will get a notification in Hearth")
    not_shared_reason = forms.CharField(
        label="If you are not sharing it, why not?", required=False, widget=forms.Textarea,
        max_length=rules.ACCOUNT_MAX,
        help_text="Needed when you answered yes to any question but told nobody")

    def __init__(self, *args, practitioners=(), agencies=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.practitioners = {str(row["user"].pk): row["user"] for row in practitioners}
        users: forms.MultipleChoiceField = self.fields["users"]  # type: ignore[assignment]
        users.choices = [
            (str(row["user"].pk), f"{row['user'].display_name} ({', '.join(row['roles'])})")
            for row in practitioners]
        questions = {}
        for key, text in ALERT_QUESTIONS:
            questions[f"answer_{key}"] = forms.ChoiceField(
                label=text, choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect,
                error_messages={"required": "Answer yes or no to each question"})
        self.fields = {**questions, **self.fields}
        self.agencies = {str(row["agency"].pk): row for row in agencies}
        for pk, row in self.agencies.items():
            name = row["agency"].name
            self.fields[f"agency_{pk}"] = forms.BooleanField(label=f"{name} was told",
                                                             required=False)
            self.fields[f"agency_{pk}_name"] = forms.CharField(
                label=f"Who at {name} was told", required=False, max_length=200,
                help_text="Leave blank if you told the agency's team rather than a person")
            self.fields[f"agency_{pk}_method"] = forms.ChoiceField(
                label=f"How {name} was told", required=False,
                choices=[("", "Choose how"), *OUTSIDE_METHODS])
        for n in range(1, OTHER_ROWS + 1):
            self.fields[f"other_{n}_name"] = forms.CharField(label="Name", required=False,
                                                             max_length=200)
            self.fields[f"other_{n}_agency"] = forms.CharField(label="Agency", required=False,
                                                               max_length=150)
            self.fields[f"other_{n}_method"] = forms.ChoiceField(
                label="How they were told", required=False,
                choices=[("", "Choose how"), *OUTSIDE_METHODS])

    def question_fields(self):
        return [self[f"answer_{key}"] for key, _ in ALERT_QUESTIONS]

    def agency_rows(self):
        return [(f"{row['agency'].name} ({', '.join(row['why'])})", self[f"agency_{pk}"],
                 self[f"agency_{pk}_name"], self[f"agency_{pk}_method"])
                for pk, row in self.agencies.items()]

    def other_rows(self):
        return [(n, self[f"other_{n}_name"], self[f"other_{n}_agency"],
                 self[f"other_{n}_method"]) for n in range(1, OTHER_ROWS + 1)]

    def clean(self):
        from hearth.engagement.actions import Recipient

        data = super().clean()
        others = []
        for pk, row in self.agencies.items():
            if not data.get(f"agency_{pk}"):
                continue
            method = data.get(f"agency_{pk}_method", "")
            if not method:
                self.add_error(f"agency_{pk}_method",
                               f"Select how {row['agency'].name} was told")
            name = (data.get(f"agency_{pk}_name") or "").strip() or row["agency"].name
            others.append(Recipient(name, row["agency"].name, method))
        for n in range(1, OTHER_ROWS + 1):
            name = (data.get(f"other_{n}_name") or "").strip()
            agency = (data.get(f"other_{n}_agency") or "").strip()
            method = data.get(f"other_{n}_method", "")
            if not (name or agency or method):
                continue
            if not name:
                self.add_error(f"other_{n}_name", "Enter the name of the person you told")
            if not method:
                self.add_error(f"other_{n}_method", "Select how they were told")
            others.append(Recipient(name, agency, method))
        data["others"] = others
        data["told_users"] = [self.practitioners[pk] for pk in data.get("users", [])
                              if pk in self.practitioners]
        data["answers"] = {key: data.get(f"answer_{key}") == "yes"
                           for key, _ in ALERT_QUESTIONS if data.get(f"answer_{key}")}
        return data
