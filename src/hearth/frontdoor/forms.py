"""Front-door page forms. Messages follow the GOV.UK pattern: name the field, say how to fix it.

The domain's own checks (``actions.validate_contact``) run inside the contact form, so a page
shows exactly the messages the API gives, on the field they are about.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.access.models import Agency, Team
from hearth.casework.codes import PrimaryNeed
from hearth.core.forms import date_field
from hearth.frontdoor import actions
from hearth.frontdoor.codes import (
    CallerKind,
    Channel,
    MashScope,
    Outcome,
    PersonRole,
    Rag,
    ReferralSource,
    ResponseMethod,
    Urgency,
)

YES_NO = [("yes", "Yes"), ("no", "No")]
REFERRAL_TEAM_SERVICES = ["family_help", "family_safeguarding", "jigsaw", "yps"]
TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]

# Where the domain's field names differ from the page's.
FIELD_FOR_ERROR = {"received_at": "received_date", "mash": "mash_scope", "scope": "mash_scope",
                   "rag": "mash_rag", "agencies": "mash_agencies", "people": None}


def add_domain_errors(form: forms.Form, errors: dict[str, str]) -> None:
    """Put an ``InvalidContact``'s messages on the form's fields (or above the form)."""
    for key, message in errors.items():
        field = FIELD_FOR_ERROR.get(key, key)
        if field not in form.fields:
            field = None
        if field is None or not form.has_error(field):
            form.add_error(field, message)


def _yes_no(label: str, required: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda v: v == "yes",
                                  error_messages={"required": required})


def _text(label: str, *, required: bool = False, hint: str = "", message: str = "",
          rows: bool = True, max_length: int = 5000) -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=hint, max_length=max_length,
                           widget=forms.Textarea if rows else forms.TextInput,
                           error_messages={"required": message or f"Enter {label.lower()}"})


class ContactForm(forms.Form):
    """The conversation (R-FD-1) and what the family knows (R-FD-2)."""

    caller_kind = forms.ChoiceField(label="Who is calling?", choices=CallerKind.choices,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": "Select who is calling"})
    caller_name = _text("Caller's name", required=True, rows=False, max_length=150,
                        message="Enter the caller's name")
    caller_agency = _text("Agency or organisation", rows=False, max_length=150,
                          hint="For example, Northam Primary School. Leave blank for a member "
                          "of the public")
    caller_role = _text("Caller's role", rows=False, max_length=150)
    caller_relationship = _text("Relationship to the child", rows=False, max_length=150,
                                hint="For example: teacher, neighbour, grandmother")
    caller_contact = _text("How to reach the caller", required=True, rows=False, max_length=200,
                           hint="A phone number, or how to get back to them",
                           message="Enter how to reach the caller")
    caller_email = forms.EmailField(
        label="Caller's email address", required=False, max_length=254,
        help_text="The written response is sent here",
        error_messages={"invalid": "Enter an email address in the correct format, like "
                        "name@example.org"})
    referral_source = forms.ChoiceField(
        label="Referral source", choices=[("", "Choose a referral source")] + [
            (code, f"{code} – {label}") for code, label in ReferralSource.choices],
        help_text="The Department for Education code for who made the contact",
        error_messages={"required": "Choose the referral source",
                        "invalid_choice": "Choose the referral source (a DfE code such as 2A "
                        "or 6)"})
    received_date = date_field("Date received", required=True, hint="For example, 17/11/2026")
    received_time = forms.TimeField(
        label="Time received", input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 14:30",
        error_messages={"required": "Enter the time the contact was received",
                        "invalid": "Time received must be a real time, for example 14:30"})
    channel = forms.ChoiceField(label="How did the contact come in?", choices=Channel.choices,
                                widget=forms.RadioSelect, initial=Channel.PHONE,
                                error_messages={"required": "Select how the contact came in"})
    urgency = forms.ChoiceField(  # no default: the worker chooses (R-FD-4)
        label="How urgent is it?", choices=Urgency.choices, widget=forms.RadioSelect,
        help_text="Immediate: a decision is due within hours, and the manager on duty is told "
        "at once",
        error_messages={"required": "Select how urgent the contact is",
                        "invalid_choice": "Select how urgent the contact is"})
    worries = _text("What is the caller worried about?", required=True,
                    message="Enter what the caller is worried about")
    strengths = _text("What is going well?", hint="Strengths in the family and around the child")
    caller_actions = _text("What has the caller already done?")
    child_words = _text("The child's own words", hint="Where known, exactly as the child said "
                        "them")
    questions_asked = _text("Questions you asked")
    advice_given = _text("Advice or coaching you gave")
    family_aware = _yes_no("Does the family know about this call?",
                           "Select whether the family knows about this call")
    family_told_sharing = _yes_no(
        "Was the family told that information would be shared?",
        "Select whether the family was told that information would be shared")
    not_told_reason = _text(
        "If not, why was the family not told?",
        hint="Only in exceptional circumstances: where telling them would place a child at "
        "risk of significant harm")

    def __init__(self, *args, now: datetime | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.now = now or timezone.now()
        if not self.is_bound:
            local = timezone.localtime(self.now, calendar.LONDON)
            self.initial.setdefault("received_date", local.date())
            self.initial.setdefault("received_time", local.strftime("%H:%M"))

    def clean(self):
        data = super().clean()
        day, at = data.get("received_date"), data.get("received_time")
        if day and at:
            data["received_at"] = datetime.combine(day, at, calendar.LONDON)
        checked = {k: v for k, v in data.items() if not self.has_error(k)}
        # Fields with their own message already are not checked twice.
        checked.setdefault("referral_source", ReferralSource.S10)
        checked.setdefault("family_told_sharing", True)
        if not (day and at):
            checked["received_at"] = self.now  # the date and time have their own messages
        errors = actions.validate_contact(checked, self.now)
        if "received_at" in errors and errors["received_at"].endswith("future"):
            errors["received_at"] = "Date and time received must be now or in the past"
        add_domain_errors(self, errors)
        return data

    def contact_fields(self) -> dict:
        """The cleaned values ``do_record_contact`` takes."""
        data = self.cleaned_data
        return {k: data[k] for k in actions.CONTACT_FIELDS if k in data}

    def draft(self) -> dict[str, str]:
        """What was typed, as plain strings (kept in the session between the two steps)."""
        return {name: str(self.data.get(name, "")) for name in self.fields}


class NewPersonForm(forms.Form):
    """Someone the caller named who has no record yet: checked for duplicates first."""

    given_name = forms.CharField(label="Given name", max_length=100,
                                 error_messages={"required": "Enter the given name"})
    family_name = forms.CharField(label="Family name", max_length=100,
                                  error_messages={"required": "Enter the family name"})
    date_of_birth = date_field("Date of birth", hint="If known, for example 14/9/2016")
    role = forms.ChoiceField(label="Are they a child or an adult?", choices=PersonRole.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Select child or adult"})

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born > timezone.localdate():
            raise forms.ValidationError("Date of birth must be today or in the past")
        return born


class LinkForm(forms.Form):
    person = forms.UUIDField(widget=forms.HiddenInput,
                             error_messages={"required": "Select the person to link"})
    role = forms.ChoiceField(choices=PersonRole.choices,
                             error_messages={"required": "Select child or adult"})


class EdtActionsForm(forms.Form):
    actions = _text("What did you do?", required=True,
                    hint="Who you spoke to, visits, where the child is now and who is with them",
                    message="Enter what you did")


class DecisionForm(forms.Form):
    """The next step (R-FD-5). The contact's version comes back so that a race is caught."""

    outcome = forms.ChoiceField(label="What happens next?", choices=Outcome.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": "Select what happens next"})
    rationale = _text("Reasons for the decision", required=True,
                      message="Enter the reasons for the decision")
    advice = _text("Advice given to the referrer")
    referrer_plan = _text("Steps the referring agency agreed to take",
                          hint="The plan agreed with the referrer")
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), required=False,
                                  empty_label="Choose a team")
    mash_scope = forms.ChoiceField(label="Information gathering", required=False,
                                   choices=[("", "Choose targeted or full"), *MashScope.choices])
    mash_rag = forms.ChoiceField(label="RAG rating", required=False,
                                 choices=[("", "Choose a RAG rating"), *Rag.choices],
                                 help_text="Red: answers within 4 hours; amber: 1 working day; "
                                 "green: 3 working days")
    mash_agencies = forms.ModelMultipleChoiceField(
        label="Agencies to ask", queryset=Agency.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple, help_text="For targeted information gathering")
    primary_need = forms.ChoiceField(
        label="Primary need", required=False,
        choices=[("", "Not yet known")] + [(c, f"{c} – {label}")
                                           for c, label in PrimaryNeed.choices],
        error_messages={"invalid_choice": "Choose a primary need code N0 to N9"})
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(  # type: ignore[attr-defined]
            service__in=REFERRAL_TEAM_SERVICES).order_by("name")
        self.fields["mash_agencies"].queryset = Agency.objects.exclude(  # type: ignore[attr-defined]
            kind="social_care").order_by("name")

    def clean(self):
        data = super().clean()
        outcome = data.get("outcome")
        if outcome == Outcome.NFA:
            for field, message in (("advice", "Enter the advice given to the referrer"),
                                   ("referrer_plan", "Enter the steps the referring agency "
                                    "agreed to take")):
                if not (data.get(field) or "").strip():
                    self.add_error(field, message)
        if outcome == Outcome.REFERRAL and not data.get("team"):
            self.add_error("team", "Choose the team the child is referred to")
        if outcome == Outcome.MASH:
            if not data.get("mash_scope"):
                self.add_error("mash_scope", "Choose targeted or full information gathering")
            if not data.get("mash_rag"):
                self.add_error("mash_rag", "Choose a RAG rating: red, amber or green")
            if data.get("mash_scope") == MashScope.TARGETED and not data.get("mash_agencies"):
                self.add_error("mash_agencies", "Choose the agencies to ask")
        return data

    def action_arguments(self) -> dict:
        data = self.cleaned_data
        outcome = data["outcome"]
        return {
            "outcome": outcome, "rationale": data["rationale"],
            "expected_version": data["version"],
            "advice": data["advice"], "referrer_plan": data["referrer_plan"],
            "team": data["team"] if outcome == Outcome.REFERRAL else None,
            "primary_need": data["primary_need"],
            "mash": {"scope": data["mash_scope"], "rag": data["mash_rag"],
                     "agencies": list(data["mash_agencies"])}
            if outcome == Outcome.MASH else None,
        }


class ReturnForm(forms.Form):
    comment = _text("Comment for the worker", required=True,
                    hint="What needs to change before you can authorise it",
                    message="Enter a comment for the worker")


class ResponseForm(forms.Form):
    method = forms.ChoiceField(label="How will the response be sent?",
                               choices=ResponseMethod.choices, widget=forms.RadioSelect,
                               initial=ResponseMethod.EMAIL,
                               error_messages={"required": "Select how the response is sent"})
    sent_to = _text("Send to", required=True, rows=False, max_length=200,
                    hint="An email address, or the postal address for a letter",
                    message="Enter where the response is sent")


class TimelinessForm(forms.Form):
    start = date_field("From", required=True, hint="For example, 1/11/2026")
    end = date_field("To", required=True, hint="For example, 30/11/2026")

    @staticmethod
    def default_range() -> dict:
        today = timezone.localdate()
        return {"start": today - timedelta(weeks=4), "end": today}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", "To must be the same as or after From")
        return data
