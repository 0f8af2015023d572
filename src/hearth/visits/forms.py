"""The record-a-visit page form: clear messages that name the field (practice 8)."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.core.forms import date_field
from hearth.visits import queries, rules
from hearth.visits.codes import (
    CHILD_FIELDS,
    SHARED_FIELDS,
    Engagement,
    VisitKind,
    VisitPurpose,
)

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
YES_NO = [("yes", "Yes"), ("no", "No")]

#: The answers a visit records, as ``do_record_visit`` takes them.
VISIT_FIELDS = ("kind", "starts_at", "place", "who_present", "child_seen", "child_seen_alone",
                "bedroom_seen", "home_conditions", "parent_child_interaction", "what_was_said",
                "outcome", "unknown_adult_seen", "unknown_adult_details", "purpose",
                "not_seen_alone_reason")

#: Where a rule's field (the action's name) shows on the page.
FIELD_FOR_ERROR = {"starts_at": "visit_date"}
UNKNOWN_ADULT_NEEDS_DETAILS = "Describe the adult who was there and who they seemed to be"
TO_ALL_MISSING = "Select whether the correction applies to the visits to the other children"
STALE_PAGE = "This page was out of date: go back to the visit and try again"


def _yes_no(label: str, required: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda v: v == "yes",
                                  error_messages={"required": required})


def _text(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, max_length=10000,
                           widget=forms.Textarea)


PURPOSE_HINT = ("A statutory visit counts towards the child's plan: seen at least as often as "
                "the plan's visit frequency")
REASON_HINT = "For a statutory visit, when the child was seen but not alone"


def _purpose(label: str = "What was the visit for?") -> forms.ChoiceField:
    """Not chosen is "Other visit" (visits recorded before purposes existed were too)."""
    return forms.ChoiceField(label=label, choices=VisitPurpose.choices,
                             widget=forms.RadioSelect, required=False, help_text=PURPOSE_HINT,
                             error_messages={"invalid_choice": "Select what the visit was for"})


def _purpose_or_other(value: str) -> str:
    return value or VisitPurpose.OTHER


class VisitForm(forms.Form):
    purpose = _purpose()
    kind = forms.ChoiceField(label="Kind of visit", choices=VisitKind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select whether the visit was planned "
                                             "or unannounced"})
    visit_date = date_field("Date of the visit", required=True, hint="For example, 17/11/2026")
    visit_time = forms.TimeField(
        label="Time of the visit", input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 07:45 or 18:30",
        error_messages={"required": "Enter the time of the visit",
                        "invalid": "Time of the visit must be a real time, for example 18:30"})
    place = forms.CharField(label="Where", max_length=200,
                            help_text="For example: the family home, school, contact centre",
                            error_messages={"required": "Enter where the visit took place"})
    who_present = _text("Who was present")
    child_seen = _yes_no("Was the child seen?", "Select whether the child was seen")
    child_seen_alone = _yes_no("Was the child seen alone?",
                               "Select whether the child was seen alone")
    not_seen_alone_reason = _text("Why was the child not seen alone?", hint=REASON_HINT)
    bedroom_seen = _yes_no("Was the child's bedroom seen?",
                           "Select whether the child's bedroom was seen")
    home_conditions = _text("Home conditions")
    parent_child_interaction = _text(
        "What you saw of the parent and child together",
        hint="Your direct observation of how they interact, especially for a baby or a child "
        "who does not yet talk")
    what_was_said = _text("What was said", hint="By whom; the child's own words where you can")
    outcome = forms.ChoiceField(label="How did the visit go?", choices=Engagement.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": "Select how the visit went"})
    unknown_adult_seen = forms.TypedChoiceField(
        label="Was an adult there who is not known to us?", choices=YES_NO,
        widget=forms.RadioSelect, coerce=lambda v: v == "yes", required=False,
        help_text="Someone not in the family's record, for example a new partner or a visitor")
    unknown_adult_details = _text(
        "Who was the adult and who did they seem to be?",
        hint="What they said their name was, what they looked like, how they seemed to be "
        "connected to the family")

    joint_worker = forms.ChoiceField(
        label="Did a colleague go with you?", required=False,
        help_text="Where a worker-safety warning says visits need two workers, name the "
                  "colleague who went too",
        error_messages={"invalid_choice": "Choose the colleague who went with you from the list"})

    def __init__(self, *args, now: datetime | None = None, worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        joint = self.fields["joint_worker"]
        assert isinstance(joint, forms.ChoiceField)
        joint.choices = queries.colleague_choices(getattr(worker, "pk", None))

    def clean_purpose(self) -> str:
        return _purpose_or_other(self.cleaned_data.get("purpose") or "")

    def clean_unknown_adult_seen(self) -> bool:
        """Not answered is "No": the question was added after visits were first recorded."""
        return self.cleaned_data.get("unknown_adult_seen") is True

    def clean(self):
        data = super().clean()
        day, at = data.get("visit_date"), data.get("visit_time")
        starts_at = datetime.combine(day, at, calendar.LONDON) if day and at else None
        data["starts_at"] = starts_at
        problems = rules.visit_problems(
            starts_at=starts_at, outcome=data.get("outcome", ""),
            child_seen=bool(data.get("child_seen")),
            child_seen_alone=bool(data.get("child_seen_alone")), now=self.now,
            purpose=data.get("purpose") or VisitPurpose.OTHER,
            not_seen_alone_reason=data.get("not_seen_alone_reason") or "")
        for field, message in problems.items():
            target = FIELD_FOR_ERROR.get(field, field)
            if not self.has_error(target):
                self.add_error(target, message)
        if data.get("unknown_adult_seen") and not (data.get("unknown_adult_details") or "").strip():
            self.add_error("unknown_adult_details", UNKNOWN_ADULT_NEEDS_DETAILS)
        return data

    def visit_fields(self) -> dict:
        """The cleaned values ``do_record_visit`` takes (``do_amend_visit``: without
        ``joint_worker``)."""
        data = self.cleaned_data
        return {k: data[k] for k in VISIT_FIELDS}

    def joint_worker_user(self):
        chosen = self.cleaned_data.get("joint_worker")
        return queries.colleague(chosen) if chosen else None


class VisitEditForm(VisitForm):
    """Correcting a visit (R-REC-4): the same questions, why it is being corrected, and the
    version the worker started from."""

    reason = forms.CharField(
        label="Why are you correcting the visit?", required=False, max_length=2000,
        widget=forms.Textarea,
        help_text="Shown on the visit with your name, the time, and what it said before")
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})

    def __init__(self, *args, visit=None, together=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.together = list(together)
        del self.fields["joint_worker"]  # who went is part of recording it, not of correcting
        if self.together:
            names = [o.child.display_name for o in self.together]
            listed = names[0] if len(names) == 1 else (
                f"{', '.join(names[:-1])} and {names[-1]}")
            self.fields["to_all"] = forms.TypedChoiceField(
                label=f"Does this correction apply to the visits to {listed} too?",
                choices=YES_NO, widget=forms.RadioSelect, coerce=lambda v: v == "yes",
                required=False, empty_value=None,
                help_text="The visit was recorded once for the children together. If yes, "
                "what you correct of the shared part (when, where, who was present, home "
                "conditions, how the visit went, an adult not known to us) is corrected on "
                "their visits too, each shown with your reason. What you record of this child "
                "alone is never copied to another child.")

    def clean(self):
        """A change needs a reason (R-REC-4), asked for with the other errors at once (the
        action refuses it too); a change of a shared part of a visit recorded for several
        children asks whether it applies to the others' visits."""
        data = super().clean()
        if self.visit is None:
            return data
        typed = {k: data[k] for k in VISIT_FIELDS if k in data and data[k] is not None}
        changed = {k for k, v in typed.items() if getattr(self.visit, k) != v}
        if changed and not (data.get("reason") or "").strip():
            self.add_error("reason", rules.REASON_MISSING)
        if (self.together and changed & set(SHARED_FIELDS) and data.get("to_all") is None
                and not self.has_error("to_all")):
            self.add_error("to_all", TO_ALL_MISSING)
        return data

    @staticmethod
    def initial_for(visit) -> dict:
        """The visit as the form shows it: London date and time, yes / no answers."""
        local = timezone.localtime(visit.starts_at, calendar.LONDON)
        initial = {field: getattr(visit, field) for field in (
            "kind", "place", "who_present", "home_conditions", "parent_child_interaction",
            "what_was_said", "outcome", "unknown_adult_details", "purpose",
            "not_seen_alone_reason")}
        for field in ("child_seen", "child_seen_alone", "bedroom_seen", "unknown_adult_seen"):
            initial[field] = "yes" if getattr(visit, field) else "no"
        return {**initial, "visit_date": local.strftime("%d/%m/%Y"),
                "visit_time": local.strftime("%H:%M"), "version": visit.version}


class FamilyVisitForm(VisitForm):
    """A visit to several children of a family (issue 15): the part recorded once for them
    all. Each child's own part is a ``ChildPartForm``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in CHILD_FIELDS:
            del self.fields[field]

    def visit_fields(self) -> dict:
        return {k: self.cleaned_data[k] for k in SHARED_FIELDS}


class ChildPartForm(forms.Form):
    """One child's part of a visit to the family (R-REC-6): whether they were part of it,
    seen, seen alone, their bedroom seen; what they said and what was observed."""

    included = forms.BooleanField(required=False)
    child_seen = forms.TypedChoiceField(choices=YES_NO, widget=forms.RadioSelect,
                                        coerce=lambda v: v == "yes", required=False)
    child_seen_alone = forms.TypedChoiceField(choices=YES_NO, widget=forms.RadioSelect,
                                              coerce=lambda v: v == "yes", required=False)
    bedroom_seen = forms.TypedChoiceField(choices=YES_NO, widget=forms.RadioSelect,
                                          coerce=lambda v: v == "yes", required=False)
    what_was_said = _text("What was said", hint="The child's own words where you can")
    parent_child_interaction = _text(
        "What you saw of the parent and child together",
        hint="Your direct observation of how they interact, especially for a baby or a child "
        "who does not yet talk")
    purpose = _purpose()
    not_seen_alone_reason = _text("Why was the child not seen alone?", hint=REASON_HINT)

    def __init__(self, *args, child, **kwargs):
        super().__init__(*args, prefix=f"child-{child.pk}", **kwargs)
        self.child = child
        name = child.given_name or child.display_name
        self.fields["included"].label = f"{name} was part of this visit"
        self.fields["child_seen"].label = f"Was {name} seen?"
        self.fields["child_seen_alone"].label = f"Was {name} seen alone?"
        self.fields["bedroom_seen"].label = f"Was {name}'s bedroom seen?"
        self.fields["what_was_said"].label = f"What {name} said, and what was said about them"
        self.fields["parent_child_interaction"].label = (
            f"What you saw of {name} and their parent together")
        self.fields["purpose"].label = f"What was the visit to {name} for?"
        self.fields["not_seen_alone_reason"].label = f"Why was {name} not seen alone?"

    def clean_purpose(self) -> str:
        return _purpose_or_other(self.cleaned_data.get("purpose") or "")

    def clean(self):
        """The questions must be answered for a child who was part of the visit (and only
        then)."""
        data = super().clean()
        if not data.get("included"):
            return data
        name = self.child.given_name or self.child.display_name
        for field, question in (("child_seen", f"whether {name} was seen"),
                                ("child_seen_alone", f"whether {name} was seen alone"),
                                ("bedroom_seen", f"whether {name}'s bedroom was seen")):
            if data.get(field) in (None, "") and not self.has_error(field):
                self.add_error(field, f"Select {question}")
        if data.get("child_seen_alone") is True and data.get("child_seen") is False:
            self.add_error("child_seen_alone", rules.SEEN_ALONE_NOT_SEEN)
        return data

    def part(self) -> dict:
        """This child's part, as ``do_record_family_visit`` takes it."""
        return {"child": self.child, **{k: self.cleaned_data[k] for k in CHILD_FIELDS}}
