"""Page forms for conferences, plans and core groups. Messages name the field and say how to
fix it; the actions run the same rules, and their refusals land on the same fields.

Rows (a conference's invitees, the family members at a conference) are small forms with the
prefixes ``invitees-<i>`` / ``family-<i>`` and a ``<prefix>-count``; "Add another" re-renders
the page with one more row, so no script is needed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils import timezone

from hearth.core.forms import add_problems, date_field
from hearth.protection.codes import (
    DECISIONS_FOR,
    Attendance,
    Category,
    ConferenceKind,
    FamilyParticipation,
    PlanEndReason,
)
from hearth.protection.rules import conferences as rules

STALE_PAGE = "This page was out of date: open it again and try again"
MAX_ROWS = 40
OTHER_CHAIR = "other"


def _text(label: str, hint: str = "", *, required: bool = False, message: str = "",
          rows: bool = True, max_length: int = 20000) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=hint,
                           max_length=max_length,
                           widget=forms.Textarea if rows else forms.TextInput,
                           error_messages={"required": message or f"Enter {label.lower()}"})


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


def _choices(field: forms.Field, choices: Iterable) -> None:
    field.choices = list(choices)  # type: ignore[attr-defined]


# --- rows -------------------------------------------------------------------------------------

class Rows:
    """Numbered row forms sharing a prefix: built from posted data (bound), or from initial
    values (unbound) with ``add`` more blank rows."""

    def __init__(self, form_class, prefix: str, *, data=None, initial: Iterable[dict] = (),
                 blank: int = 1, add: int = 0, **kwargs: Any):
        self.prefix = prefix
        if data is not None and not add:
            count = _count(data, prefix)
            self.forms = [form_class(data, prefix=f"{prefix}-{i}", **kwargs)
                          for i in range(count)]
        else:
            rows = list(initial) if data is None else [
                _raw(form_class, data, f"{prefix}-{i}") for i in range(_count(data, prefix))]
            rows += [{} for _ in range(blank if data is None else add)]
            self.forms = [form_class(prefix=f"{prefix}-{i}", initial=row, **kwargs)
                          for i, row in enumerate(rows[:MAX_ROWS])]

    @property
    def count(self) -> int:
        return len(self.forms)

    def is_valid(self) -> bool:
        return all([f.is_valid() for f in self.forms])

    def filled(self) -> list[tuple[int, forms.Form]]:
        """The rows with anything entered, with their numbers."""
        return [(i, f) for i, f in enumerate(self.forms)
                if f.is_valid() and f.is_filled()]  # type: ignore[attr-defined]

    def add_problems(self, problems: Mapping[str, str], numbers: list[int]) -> dict[str, str]:
        """Put ``<prefix>-<n>-<field>`` problems (``n`` counting the filled rows) on their row;
        return the others."""
        rest = {}
        for key, message in problems.items():
            parts = key.split("-", 2)
            if len(parts) == 3 and parts[0] == self.prefix and parts[1].isdigit() \
                    and int(parts[1]) < len(numbers):
                row = self.forms[numbers[int(parts[1])]]
                add_problems(row, {parts[2]: message})
            else:
                rest[key] = message
        return rest


def _count(data, prefix: str) -> int:
    try:
        return max(0, min(int(data.get(f"{prefix}-count", 0)), MAX_ROWS))
    except (TypeError, ValueError):
        return 0


def _raw(form_class, data, prefix: str) -> dict:
    return {name: data.get(f"{prefix}-{name}", "") for name in form_class.base_fields}


class InviteeForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150, required=False)
    agency = forms.CharField(label="Agency", max_length=150, required=False,
                             help_text="For example: Hampshire Police, Northam Primary School")
    role = forms.CharField(label="Role", max_length=150, required=False,
                           help_text="For example: investigating officer, school nurse")

    def is_filled(self) -> bool:
        return any(self.cleaned_data.get(f) for f in ("name", "agency", "role"))

    def row(self) -> dict:
        return {f: self.cleaned_data.get(f, "") for f in ("name", "agency", "role")}


class FamilyForm(forms.Form):
    person = forms.ChoiceField(label="Who", required=False)
    name = forms.CharField(label="Name, if not listed", max_length=150, required=False)
    relationship = forms.CharField(label="Who they are to the child", max_length=100,
                                   required=False, help_text="For example: mother, stepfather")
    participation = forms.ChoiceField(label="How they took part", required=False,
                                      choices=FamilyParticipation.choices,
                                      widget=forms.RadioSelect)
    excluded_from = forms.CharField(
        label="Which part they were excluded from", max_length=200, required=False,
        help_text="Only for an exclusion from part of the conference: for example, the police "
                  "update on the criminal investigation")
    exclusion_reason = _text("Why they were excluded",
                             "Always recorded for an exclusion: the reason, in plain words")

    def __init__(self, *args, people: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        _choices(self.fields["person"], [("", "Someone else (enter their name)"),
                                         *[(str(p.pk), f"{p.display_name} ({relation})")
                                           for p, relation in people]])
        self.people = {str(p.pk): p for p, _ in people}

    def is_filled(self) -> bool:
        return any(self.cleaned_data.get(f) for f in (
            "person", "name", "participation", "excluded_from", "exclusion_reason"))

    def row(self) -> dict:
        data = dict(self.cleaned_data)
        data["person"] = self.people.get(data.get("person") or "")
        if not data.get("name") and data["person"] is not None:
            data["name"] = data["person"].display_name
        return data


# --- conferences ------------------------------------------------------------------------------

class ArrangeForm(forms.Form):
    held_on = date_field("Date of the conference", required=True,
                         hint="For example, 1/12/2026")
    chair = forms.ChoiceField(label="Chair", required=False)
    chair_name = forms.CharField(label="Chair's name, if not listed", max_length=150,
                                 required=False)

    def __init__(self, *args, chairs: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.chairs = {str(c.pk): c for c in chairs}
        _choices(self.fields["chair"], [("", "Select the chair"),
                                        *[(pk, c.display_name) for pk, c in self.chairs.items()],
                                        (OTHER_CHAIR, "Someone else (enter their name)")])

    def clean(self):
        data = super().clean()
        chosen = data.get("chair") or ""
        data["chair_user"] = self.chairs.get(chosen)
        if chosen != OTHER_CHAIR:
            data["chair_name"] = ""
        if data["chair_user"] is None and not data.get("chair_name"):
            self.add_error("chair", "Select the conference chair, or enter their name")
        return data


class OutcomeForm(forms.Form):
    held_on = date_field("Date it was held", required=True, hint="For example, 30/11/2026")
    decision = forms.ChoiceField(label="Decision", widget=forms.RadioSelect,
                                 error_messages={"required": "Select the conference's decision"})
    category = forms.ChoiceField(label="Category of abuse", required=False)
    lead_social_worker = forms.ChoiceField(label="Lead social worker", required=False)
    minutes = _text("Minutes", "What was discussed, the views of the agencies and the family, "
                    "and the reasons for the decision", required=True,
                    message="Enter the minutes of the conference")
    outline_plan = _text("Outline child protection plan",
                         "Needed when the child is to be subject to a plan: what must change, "
                         "who will do what, and by when")
    version = _version()

    def __init__(self, *args, conference, invitees: Iterable = (), leads: Iterable = (),
                 plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.conference, self.plan = conference, plan
        self.invitees = list(invitees)
        kind = ConferenceKind(conference.kind)
        _choices(self.fields["decision"], [(d.value, d.label) for d in DECISIONS_FOR[kind]])
        if kind == ConferenceKind.RCPC:
            current = plan.get_latest_category_display() if plan else ""
            _choices(self.fields["category"],
                     [("", f"No change{f' ({current})' if current else ''}"),
                      *Category.choices])
            self.fields["category"].help_text = "Only if the conference changed the category"
            self.fields["outline_plan"].label = "Changes to the child protection plan"
            self.fields["outline_plan"].help_text = "What the conference changed in the plan"
            del self.fields["lead_social_worker"]
        else:
            _choices(self.fields["category"], [("", "Select a category"), *Category.choices])
            self.fields["category"].help_text = "Needed when the child is to be subject to a plan"
            self.leads = {str(u.pk): u for u in leads}
            _choices(self.fields["lead_social_worker"],
                     [("", "Select the lead social worker"),
                      *[(pk, u.display_name) for pk, u in self.leads.items()]])
            self.fields["lead_social_worker"].help_text = ("Needed when the child is to be "
                                                           "subject to a plan")
        for invitee in self.invitees:
            self.fields[f"attendance_{invitee.pk}"] = forms.ChoiceField(
                label="Attendance", choices=[("", "Select"), *[
                    c for c in Attendance.choices if c[0] != Attendance.NOT_KNOWN]],
                required=False)
            self.fields[f"report_{invitee.pk}"] = forms.BooleanField(
                label="Report submitted", required=False)
        self.order_fields(["held_on", *[f for f in self.fields
                                        if f.startswith(("attendance_", "report_"))]])

    def clean(self):
        """The outcome rules too, so that every problem shows at once."""
        data = super().clean()
        kind = self.conference.kind
        problems = rules.outcome_problems(
            kind=kind, held_on=data.get("held_on"), today=timezone.localdate(),
            decision=data.get("decision") or "", category=data.get("category") or "",
            minutes=data.get("minutes") or "", outline_plan=data.get("outline_plan") or "",
            lead_chosen=kind == ConferenceKind.RCPC or self.lead() is not None,
            attendance={i.pk: (i.name, data.get(f"attendance_{i.pk}") or "")
                        for i in self.invitees},
            plan_start=self.plan.start_on if self.plan else None,
            plan_open=self.plan.end_on is None if self.plan else None,
            enquiry_started=(self.conference.enquiry.started_on if self.conference.enquiry
                             else None))
        if self.has_error("held_on"):
            problems.pop("held_on", None)
        add_problems(self, problems)
        return data

    def attendance_fields(self) -> list[tuple[Any, forms.BoundField, forms.BoundField]]:
        return [(i, self[f"attendance_{i.pk}"], self[f"report_{i.pk}"]) for i in self.invitees]

    def attendance(self) -> dict[int, dict]:
        return {i.pk: {"attendance": self.cleaned_data.get(f"attendance_{i.pk}") or "",
                       "report_submitted": bool(self.cleaned_data.get(f"report_{i.pk}"))}
                for i in self.invitees}

    def lead(self):
        chosen = self.cleaned_data.get("lead_social_worker") or ""
        return getattr(self, "leads", {}).get(chosen)

    @staticmethod
    def initial_for(conference, *, lead=None) -> dict:
        initial: dict[str, Any] = {"held_on": conference.held_on, "version": conference.version,
                                   "lead_social_worker": str(lead.pk) if lead else ""}
        for invitee in conference.invitees.all():
            if invitee.attendance != Attendance.NOT_KNOWN:
                initial[f"attendance_{invitee.pk}"] = invitee.attendance
            initial[f"report_{invitee.pk}"] = invitee.report_submitted
        return initial


# --- plans and core groups --------------------------------------------------------------------

class PlanEndForm(forms.Form):
    end_on = date_field("Date the plan ended", required=True, hint="For example, 17/11/2026")
    reason = forms.ChoiceField(label="Why did the plan end?", choices=PlanEndReason.choices,
                               widget=forms.RadioSelect,
                               error_messages={"required": "Select why the plan ended"})
    notes = _text("Notes", "Needed when the reason is Other")
    version = _version()

    def clean(self):
        data = super().clean()
        end = data.get("end_on")
        if end is not None and end > timezone.localdate():
            self.add_error("end_on", "The date the plan ended must be today or in the past")
        return data


class MemberForm(forms.Form):
    name = forms.CharField(label="Name", max_length=150, required=False,
                           help_text="Leave blank for a family member chosen below")
    person = forms.ChoiceField(label="Or a family member", required=False)
    agency = forms.CharField(label="Agency", max_length=150, required=False,
                             help_text="For example: Northam Primary School, or Family")
    partner_agency = forms.ChoiceField(
        label="Partner agency in Hearth", required=False,
        help_text="Its staff will be able to read this core group and see the child's record")
    role = forms.CharField(label="Role in the core group", max_length=200,
                           help_text="For example: class teacher, health visitor, mother",
                           error_messages={"required": "Enter their role in the core group"})
    tasks = _text("Tasks", "What they agreed to do, in plain words the family will understand",
                  required=True, message="Enter the tasks they agreed to, in plain language")

    def __init__(self, *args, people: Iterable = (), agencies: Iterable = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p, _ in people}
        _choices(self.fields["person"], [("", "Not a family member"),
                                         *[(str(p.pk), f"{p.display_name} ({relation})")
                                           for p, relation in people]])
        self.agencies = {str(a.pk): a for a in agencies}
        _choices(self.fields["partner_agency"], [("", "None"), *[
            (pk, a.name) for pk, a in self.agencies.items()]])

    def clean(self):
        data = super().clean()
        data["person_obj"] = self.people.get(data.get("person") or "")
        data["agency_obj"] = self.agencies.get(data.get("partner_agency") or "")
        if not data.get("name") and data["person_obj"] is None:
            self.add_error("name", "Enter the core group member's name")
        if data["person_obj"] is not None and not data.get("agency"):
            data["agency"] = "Family"
        if not data.get("agency") and data["agency_obj"] is None:
            self.add_error("agency", "Enter their agency, or Family for a family member")
        return data


class MemberEditForm(forms.Form):
    role = forms.CharField(label="Role in the core group", max_length=200,
                           error_messages={"required": "Enter their role in the core group"})
    tasks = _text("Tasks", "What they agreed to do, in plain words the family will understand",
                  required=True, message="Enter the tasks they agreed to, in plain language")
    left_on = date_field("Date they left the core group",
                         hint="Only if they have left: for example, 17/11/2026")
    version = _version()

    @staticmethod
    def initial_for(member) -> dict:
        return {"role": member.role, "tasks": member.tasks, "version": member.version}


class CoreGroupMeetingForm(forms.Form):
    held_on = date_field("Date of the meeting", required=True, hint="For example, 24/11/2026")
    attendees = _text("Who attended", "Name and agency of each person, and the family members",
                      required=True, message="Enter who attended")
    progress = _text("Progress against the plan", required=True,
                     message="Enter the progress against the plan")
    actions = _text("Actions agreed", "Who will do what, by when")
    next_meeting_on = date_field("Date of the next meeting", hint="For example, 8/12/2026")
