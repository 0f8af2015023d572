"""The forms of a LADO matter: the notification (a consultation, or from a front-door
contact), the criteria (R-LADO-1), the response (R-LADO-2), the employer's actions, the
outcome and the referrals (R-LADO-4), and closing. Each change posts the matter's version
back; the action checks the rules and its problems land on the fields they name."""

from __future__ import annotations

from django import forms

from hearth.core.forms import date_field, datetime_field
from hearth.lado.codes import (
    Criterion,
    Disciplinary,
    Investigation,
    Outcome,
    Police,
    Sector,
    Setting,
    SocialCare,
    Suspension,
)
from hearth.lado.forms.common import RowsForm, choice, line, text, version, yes_no
from hearth.lado.rules.children import ChildLine
from hearth.lado.rules.matters import CONTACT_MAX, NAME_MAX
from hearth.lado.rules.notifications import Notification

#: Rows for naming children on a notification (more are added on the matter's page).
CHILD_ROWS = 3
CHILD = ("given_name", "family_name", "date_of_birth")
DATE_HINT = "For example, 14/9/2026"


class NotificationForm(RowsForm):
    GROUPS = {"children": ("child", CHILD)}

    notifier_name = line("Name of the person who notified",
                         message="Enter the name of the person who notified the LADO")
    notifier_role = line("Role of the person who notified", required=False,
                         hint="For example, headteacher or designated safeguarding lead")
    notifier_organisation = line("Organisation that notified",
                                 message="Enter the organisation that notified the LADO")
    notifier_contact = line("Phone number or email address to reach them",
                            max_length=CONTACT_MAX,
                            message="Enter how to reach the person who notified")
    dsl_name = line("Designated safeguarding lead", required=False,
                    hint="The employer's designated safeguarding lead, if not the person who "
                         "notified")
    incident_on = date_field("Date of the incident", required=True, hint=DATE_HINT)
    concern_shared_at = datetime_field(
        "When the concern was shared",
        hint="When the person who notified first heard of it. Date and time, for example "
             "14/9/2026 15:30")
    notified_at = datetime_field("When the LADO was told",
                                 hint="Date and time, for example 14/9/2026 15:30")
    subject_given_name = line("Their given name", max_length=NAME_MAX,
                              message="Enter the given name of the person the allegation is "
                                      "about")
    subject_family_name = line("Their family name", max_length=NAME_MAX,
                               message="Enter the family name of the person the allegation "
                                       "is about")
    subject_date_of_birth = date_field("Their date of birth", hint="If known. " + DATE_HINT)
    subject_employer = line("Their employer or organisation",
                            message="Enter their employer or organisation")
    subject_role = line("Their job or voluntary role", message="Enter their role",
                        hint="For example, class teacher, football coach, foster carer")
    sector = choice("Sector they work in", [("", "Choose a sector"), *Sector.choices],
                    radio=False, message="Select the sector the person works in")
    setting = choice("Where it happened", Setting.choices,
                     message="Select where it happened")
    allegation = text("What is alleged", message="Enter what is alleged",
                      hint="What happened or was seen or said, to which child, and when")

    def __init__(self, *args, extra_children: int = CHILD_ROWS, **kwargs):
        super().__init__(*args, **kwargs)
        self.child_count = extra_children
        for n in range(1, extra_children + 1):
            self.fields[f"child_{n}_given_name"] = line(f"Child {n} given name",
                                                        required=False, max_length=NAME_MAX)
            self.fields[f"child_{n}_family_name"] = line(f"Child {n} family name",
                                                         required=False, max_length=NAME_MAX)
            self.fields[f"child_{n}_date_of_birth"] = date_field(f"Child {n} date of birth",
                                                                 hint=DATE_HINT)

    def child_rows(self):
        return self.rows_of("children", self.child_count)

    def notification(self) -> Notification:
        return Notification.of(self.cleaned_data)

    def children(self) -> list[ChildLine]:
        return [ChildLine(row["given_name"] or "", row["family_name"] or "",
                          row["date_of_birth"])
                for row in self.filled("children", self.child_count)]


class CriteriaForm(forms.Form):
    criteria = forms.MultipleChoiceField(
        label="Which criteria are met?", choices=Criterion.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="In the workplace, the community or home life. Select none if none is met: "
                  "it is then a low-level concern, which the employer handles.",
        error_messages={"invalid_choice": "Select only the criteria listed"})
    advice = text("Advice given", required=False,
                  hint="Needed when no criterion is met: your advice to the employer, and the "
                       "matter closes as a low-level concern")
    version = version()


class ResponseForm(forms.Form):
    responded_at = datetime_field("When you responded",
                                  hint="Date and time, for example 14/9/2026 15:30")
    response = text("Your response", message="Enter your response: the advice given and what "
                    "happens next", hint="The advice given to the employer and what happens "
                                         "next")
    version = version()


class EmployerForm(forms.Form):
    suspension_considered = yes_no("Did the employer consider suspension?",
                                   "Select whether the employer considered suspension",
                                   required=False)
    suspension = choice("The employer's decision on suspension", Suspension.choices,
                        required=False, message="Select the decision on suspension")
    investigation = choice("Employer's investigation", Investigation.choices, required=False,
                           message="Select the investigation")
    disciplinary = choice("Disciplinary action", Disciplinary.choices, required=False,
                          message="Select the disciplinary action")
    employer_notes = text("Notes on the employer's actions", required=False)
    police = choice("Police involvement", Police.choices, required=False,
                    message="Select the police's involvement")
    social_care = choice("Children's social care involvement", SocialCare.choices,
                         required=False, message="Select children's social care's involvement")
    agencies_notes = text("Notes on the police and children's social care", required=False)
    version = version()


class OutcomeForm(forms.Form):
    outcome = choice("Outcome", Outcome.choices,
                     message="Select the outcome: substantiated, false, malicious, "
                             "unsubstantiated or unfounded")
    outcome_on = date_field("Date of the outcome", required=True, hint=DATE_HINT)
    outcome_notes = text("Notes on the outcome", required=False)
    version = version()


class ReferralsForm(forms.Form):
    dbs_referred_on = date_field("Date of the referral to the DBS",
                                 hint="The Disclosure and Barring Service. " + DATE_HINT)
    regulator = line("Name of the regulator", required=False,
                     hint="For example, Teaching Regulation Agency, Social Work England, "
                          "Ofsted, Nursing and Midwifery Council")
    regulator_referred_on = date_field("Date of the referral to the regulator", hint=DATE_HINT)
    version = version()


class CloseForm(forms.Form):
    version = version()
