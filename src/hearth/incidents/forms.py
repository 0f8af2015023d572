"""Page forms for incidents, plans and meetings: messages name the field and say how to fix it.
The forms run the same rules as the actions, so every problem shows at once."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.core import forms as core_forms
from hearth.core.forms import date_field
from hearth.incidents import rules
from hearth.incidents.codes import IncidentKind, Investigation, PoliceComplaint
from hearth.safety.forms.warnings import WarningForm as SafetyWarningForm

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
YES_NO = [("yes", "Yes"), ("no", "No")]
STALE_PAGE = "This page was out of date: open the incident again and try again"
NOT_AT_ADDRESS = "none"

#: Where an action's field shows on the page.
FIELD_FOR = {"occurred_at": "occurred_date"}


def _text(label: str, hint: str = "", required: bool = False,
          required_message: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=hint, max_length=10000,
                           widget=forms.Textarea,
                           error_messages={"required": required_message or f"Enter {label}"})


def _yes_no(label: str, required: str, hint: str = "") -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda v: v == "yes", help_text=hint,
                                  error_messages={"required": required})


def _set_choices(field: forms.Field, choices: list) -> None:
    field.choices = choices  # type: ignore[attr-defined]


def _choose_worker(field, user, colleagues) -> None:
    """Whose incident or plan it is: the user's own unless they choose a colleague."""
    field.choices = [(user.pk, f"Me ({user.display_name})"),
                     *[(c.pk, c.display_name) for c in colleagues]]
    field.initial = user.pk
    if len(field.choices) == 1:
        field.widget = forms.HiddenInput()


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label="What kind of incident was it?", choices=IncidentKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select what kind of incident it was"})
    worker = forms.TypedChoiceField(label="Who did it happen to?", coerce=int, required=False)
    occurred_date = date_field("Date it happened", required=True, hint="For example, 17/11/2026")
    occurred_time = forms.TimeField(
        label="Time it happened", input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 07:45 or 18:30",
        error_messages={"required": "Enter the time it happened",
                        "invalid": "Time it happened must be a real time, for example 18:30"})
    where = forms.CharField(label="Where did it happen?", max_length=200,
                            help_text="For example: at the front door of the family home, in "
                                      "the office reception, on the phone",
                            error_messages={"required": "Enter where it happened"})
    address = forms.ChoiceField(label="Was it at their address?", widget=forms.RadioSelect,
                                required=False)
    what_happened = _text("What happened", hint="What was said and done, by whom, in their "
                          "words where you can", required=True,
                          required_message="Enter what happened")
    injured = _yes_no("Was anyone injured?", "Select whether anyone was injured")

    def __init__(self, *args, user, colleagues=(), addresses=(), now: datetime | None = None,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        _choose_worker(self.fields["worker"], user, colleagues)
        if addresses:
            _set_choices(self.fields["address"], [*[(str(a.pk), str(a)) for a in addresses],
                                                  (NOT_AT_ADDRESS, "No, somewhere else")])
            self.fields["address"].required = True
            self.fields["address"].error_messages["required"] = (
                "Select whether it happened at their address")
        else:
            del self.fields["address"]

    def clean(self):
        data = super().clean()
        day, at = data.get("occurred_date"), data.get("occurred_time")
        data["occurred_at"] = (datetime.combine(day, at, calendar.LONDON)
                               if day and at else None)
        if data["occurred_at"] is not None and data["occurred_at"] > self.now:
            self.add_error("occurred_date", rules.NOT_IN_FUTURE)
        return data


class PostIncidentForm(forms.Form):
    debrief_on = date_field("Date of the debrief", hint="For example, 18/11/2026")
    debrief_by = forms.TypedChoiceField(label="Who gave the debrief", coerce=int,
                                        required=False, empty_value=None)
    support_offered = _text("Support offered", hint="For example: time to talk it through, "
                            "the employee assistance programme, joint visits, a change of "
                            "worker")
    investigation = forms.ChoiceField(
        label="Investigation of what happened", choices=Investigation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select where the investigation is"})
    investigation_notes = _text("Investigation notes", hint="What was looked into, what was "
                                "found and what the team will do differently")
    police_complaint = forms.ChoiceField(
        label="Was a complaint made to the police?", choices=PoliceComplaint.choices,
        widget=forms.RadioSelect,
        help_text="Violence and threats of violence are criminal offences: the service should "
                  "complain to the police on the worker's behalf",
        error_messages={"required": "Select whether a complaint was made to the police"})
    police_reference = forms.CharField(label="Police reference", max_length=60, required=False,
                                       help_text="The crime or incident number, if there is one")
    version = _version()

    def __init__(self, *args, managers=(), **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["debrief_by"],
                     [("", "Not yet"), *[(m.pk, m.display_name) for m in managers]])

    @staticmethod
    def initial_for(incident) -> dict:
        return {"debrief_on": incident.debrief_on, "debrief_by": incident.debrief_by_id,
                "support_offered": incident.support_offered,
                "investigation": incident.investigation,
                "investigation_notes": incident.investigation_notes,
                "police_complaint": incident.police_complaint,
                "police_reference": incident.police_reference, "version": incident.version}


class CloseForm(forms.Form):
    version = _version()


class WarningForm(SafetyWarningForm):
    """The worker-safety warning form itself (``hearth.safety.forms.WarningForm``), prefilled
    from the incident, with the choice of person or address when the incident names both."""

    on = forms.ChoiceField(label="Is the warning about the person or the address?",
                           widget=forms.RadioSelect, required=False)
    version = _version()
    field_order = ["on"]

    def __init__(self, *args, incident, **kwargs):
        super().__init__(*args, **kwargs)
        if incident.person is not None and incident.address is not None:
            _set_choices(self.fields["on"], [
                ("person", f"The person: {incident.person.display_name}"),
                ("address", f"The address: {incident.address}")])
            self.fields["on"].required = True
            self.fields["on"].error_messages["required"] = (
                "Select whether the warning is about the person or the address")
        else:
            del self.fields["on"]

    @staticmethod
    def initial_for(incident) -> dict:
        """The warning the incident suggests (R-SAFE-5): its kind, what happened, who
        reported it and when."""
        return {"kind": rules.warning_kind_for(incident.kind),
                "what_happened": incident.what_happened,
                "source": f"Incident reported by {incident.reported_by.display_name}",
                "occurred_on": timezone.localtime(incident.occurred_at, calendar.LONDON).date(),
                "on": "person", "version": incident.version}

    def warning_fields(self) -> dict:
        data = super().warning_fields()
        data.pop("version", None)
        data["on"] = data.get("on") or ""
        return data


class LinkWarningForm(forms.Form):
    warning = forms.TypedChoiceField(label="Which warning?", coerce=int,
                                     widget=forms.RadioSelect,
                                     error_messages={"required": "Select the warning"})
    note = _text("What this incident adds to the warning", required=True,
                 required_message="Enter what this incident adds to the warning")
    version = _version()

    def __init__(self, *args, warnings=(), **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["warning"], [
            (w.pk, f"{w.get_kind_display()}, {w.occurred_on:%-d %B %Y}: {w.what_happened}")
            for w in warnings])


class PlanForm(forms.Form):
    worker = forms.TypedChoiceField(label="Whose plan is it?", coerce=int, required=False)
    plan = _text("The plan", hint="How the risk to the worker will be reduced: for example "
                 "joint visits, visits at the office, no visits after dark")
    shared_with_family = _text(
        "What will be shared with the family",
        hint="What the family will be told about this plan, how and when")
    review_on = date_field("Review date", required=True, hint="For example, 17/2/2027")
    agree = forms.BooleanField(label="I agree this plan as the worker's manager",
                               required=False)

    def __init__(self, *args, user, colleagues=(), **kwargs):
        super().__init__(*args, **kwargs)
        _choose_worker(self.fields["worker"], user, colleagues)
        if not user.has_hearth_permission("incidents.manage"):
            del self.fields["agree"]

    def clean(self):
        data = super().clean()
        problems = rules.plan_problems(plan=data.get("plan", ""),
                                       shared_with_family=data.get("shared_with_family", ""),
                                       review_on=data.get("review_on"),
                                       today=timezone.localdate())
        if self.has_error("review_on"):
            problems.pop("review_on", None)
        core_forms.add_problems(self, problems, FIELD_FOR)
        return data


class AgreeForm(forms.Form):
    version = _version()


class MeetingForm(forms.Form):
    held_on = date_field("Date of the meeting", required=True, hint="For example, 17/11/2026")
    attendees = _text("Who attended", hint="Name, role and agency of each practitioner")
    discussion = _text("What was discussed", hint="The concerns, information and strategies "
                       "shared")
    plan = _text("The work plan", hint="Who will do what, and how decisions and "
                 "responsibilities are shared")
    shared_with_family = _text(
        "What will be shared with the family",
        hint="What, how and when the family will be told about this meeting")

    def clean(self):
        data = super().clean()
        problems = rules.meeting_problems(
            held_on=data.get("held_on"), attendees=data.get("attendees", ""),
            discussion=data.get("discussion", ""), plan=data.get("plan", ""),
            shared_with_family=data.get("shared_with_family", ""), today=timezone.localdate())
        if self.has_error("held_on"):
            problems.pop("held_on", None)
        core_forms.add_problems(self, problems, FIELD_FOR)
        return data
