"""Taking a call: the conversation (R-FD-1), what the family knows (R-FD-2), and what EDT did
out of hours (R-EDT-2). Messages follow the GOV.UK pattern: name the field, say how to fix it.

The rules' own checks (``rules.contact_problems``) run inside the contact form, so a page shows
exactly the messages the API gives, on the field they are about.
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.core.forms import add_problems, date_field
from hearth.frontdoor import rules
from hearth.frontdoor.actions.contacts import CONTACT_FIELDS
from hearth.frontdoor.codes import CallerKind, Channel, ReferralSource, Urgency
from hearth.frontdoor.forms.common import text_field, yes_no_field

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
#: Where the rules' field names differ from the page's.
FIELD_FOR = {"received_at": "received_date"}


class ContactForm(forms.Form):
    """The conversation (R-FD-1) and what the family knows (R-FD-2)."""

    caller_kind = forms.ChoiceField(label="Who is calling?", choices=CallerKind.choices,
                                    widget=forms.RadioSelect,
                                    error_messages={"required": "Select who is calling"})
    caller_name = text_field("Caller's name", required=True, rows=False, max_length=150,
                             message="Enter the caller's name")
    caller_agency = text_field("Agency or organisation", rows=False, max_length=150,
                               hint="For example, Northam Primary School. Leave blank for a member "
                               "of the public")
    caller_role = text_field("Caller's role", rows=False, max_length=150)
    caller_relationship = text_field("Relationship to the child", rows=False, max_length=150,
                                     hint="For example: teacher, neighbour, grandmother")
    caller_contact = text_field("How to reach the caller", required=True, rows=False,
                                max_length=200, hint="A phone number, or how to get back to them",
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
    worries = text_field("What is the caller worried about?", required=True,
                         message="Enter what the caller is worried about")
    strengths = text_field("What is going well?",
                           hint="Strengths in the family and around the child")
    caller_actions = text_field("What has the caller already done?")
    child_words = text_field("The child's own words", hint="Where known, exactly as the child said "
                             "them")
    questions_asked = text_field("Questions you asked")
    advice_given = text_field("Advice or coaching you gave")
    family_aware = yes_no_field("Does the family know about this call?",
                                "Select whether the family knows about this call")
    family_told_sharing = yes_no_field(
             "Was the family told that information would be shared?",
             "Select whether the family was told that information would be shared")
    not_told_reason = text_field(
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
        errors = rules.contact_problems(checked, self.now)
        if "received_at" in errors and errors["received_at"].endswith("future"):
            errors["received_at"] = "Date and time received must be now or in the past"
        add_problems(self, errors, FIELD_FOR)
        return data

    def contact_fields(self) -> dict:
        """The cleaned values ``do_record_contact`` takes."""
        data = self.cleaned_data
        return {k: data[k] for k in CONTACT_FIELDS if k in data}

    def draft(self) -> dict[str, str]:
        """What was typed, as plain strings (kept in the session between the two steps)."""
        return {name: str(self.data.get(name, "")) for name in self.fields}


class EdtActionsForm(forms.Form):
    actions = text_field("What did you do?", required=True,
                         hint="Who you spoke to, visits, where the child is now and who is "
                         "with them",
                         message="Enter what you did")


