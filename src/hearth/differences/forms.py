"""The professional differences pages' forms (GOV.UK): raise one, record a stage's outcome,
escalate it, resolve it, record that the allocated worker was told, and the managers' page's
filters. Text is checked by the actions' rules (one set of messages for pages and the API);
the forms parse dates and choices."""

from __future__ import annotations

from django import forms

from hearth.access.models import Agency
from hearth.core.forms import date_field
from hearth.differences import rules
from hearth.differences.codes import LAST_STAGE, AgencyKind, RaisedBefore, StageNumber
from hearth.differences.queries import report

STALE_PAGE = "This page was out of date: go back to the professional difference and try again"
YES_NO = [("yes", "Yes"), ("no", "No")]
PARTNER = "partner:"
KIND = "kind:"


def _text(label: str, *, hint: str = "", limit: int = rules.TEXT_MAX,
          area: bool = True) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=limit, help_text=hint,
                           widget=forms.Textarea if area else forms.TextInput,
                           error_messages={"max_length": f"{label} must be {limit:,} "
                                                         "characters or fewer"})


def _version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput,
                              error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


def _person_choices(people, empty: str) -> list[tuple[str, str]]:
    def name(u) -> str:
        where = u.agency.name if u.agency_id else (u.team.name if u.team_id else "")
        return u.display_name + (f" ({where})" if where else "")

    return [("", empty)] + [(str(u.pk), name(u)) for u in people]


class RaiseForm(forms.Form):
    decision = _text("What was the decision or practice?",
                     hint="What was decided or done for the child, and when")
    decision_by = _text("Who made the decision?", area=False, limit=rules.NAME_MAX,
                        hint="Their name and role, for example: Sam Worker, social worker")
    decision_agency = forms.ChoiceField(label="Which agency made it?", required=False)
    why = _text("Why do you disagree?",
                hint="What worries you about it, and how it might put the child at risk of "
                     "harm")
    raised_before = forms.ChoiceField(
        label="Where did you raise it first?", required=False, widget=forms.RadioSelect,
        choices=RaisedBefore.choices,
        help_text="Raise it in the usual way first, where the child's timescale allows: at a "
                  "child in need meeting or another multi-agency meeting")
    raised_before_note = _text(
        "Notes: which meeting and when, or why there was no time",
        hint="Needed for another meeting, and when the child's timescale did not allow it")

    def __init__(self, *args, partners=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.partners = {str(a.pk): a for a in partners}
        self.fields["decision_agency"].choices = (
            [("", "Choose an agency")]
            + [(f"{PARTNER}{a.pk}", f"{a.name} ({a.get_kind_display().lower()})")
               for a in partners]
            + [(f"{KIND}{code}", label) for code, label in AgencyKind.choices])

    def agency(self) -> tuple[str, Agency | None]:
        """The agency chosen: its kind's code, and the partner agency when it is one."""
        chosen = self.cleaned_data.get("decision_agency") or ""
        if chosen.startswith(PARTNER) and chosen[len(PARTNER):] in self.partners:
            partner = self.partners[chosen[len(PARTNER):]]
            return partner.kind, partner
        return chosen[len(KIND):] if chosen.startswith(KIND) else "", None


class OutcomeForm(forms.Form):
    version = _version()
    held_on = date_field("Date of the discussion", hint="For example, 14/9/2026")
    who = _text("Who took part", area=False, limit=rules.PEOPLE_MAX)
    with_whom = _text("Who they discussed it with", area=False, limit=rules.PEOPLE_MAX)
    discussed = _text("What was discussed", limit=rules.DISCUSSION_MAX)
    chaired_by = _text("Who chaired the resolution meeting", area=False, limit=rules.NAME_MAX,
                       hint="The independent scrutineer or the partnership's chair")
    resolved = forms.TypedChoiceField(label="Did it resolve the difference?", choices=YES_NO,
                                      widget=forms.RadioSelect, required=False,
                                      coerce=lambda v: v == "yes", empty_value=None)

    HINTS = {1: ("The practitioner who raised it", "Their line manager or safeguarding lead"),
             2: ("The practitioner who raised it", "The practitioner they disagree with"),
             3: ("The line manager or safeguarding lead of the agency that raised it",
                 "Their equivalent in the other agency"),
             4: ("The head or director of service of the agency that raised it",
                 "The head or director of service of the other agency"),
             5: ("The partnership members for the agency that raised it",
                 "The partnership members for the other agency")}

    def __init__(self, *args, number: int, **kwargs):
        super().__init__(*args, **kwargs)
        ours, theirs = self.HINTS[number]
        self.fields["who"].help_text = f"Names and roles: {ours.lower()}"
        self.fields["with_whom"].help_text = f"Names and roles: {theirs.lower()}"
        if number != LAST_STAGE:
            del self.fields["chaired_by"]


class EscalateForm(forms.Form):
    version = _version()
    owner = forms.ChoiceField(label="Who leads the next stage?", required=False,
                              help_text="They record its outcome; it is on their list of what "
                                        "is due")

    def __init__(self, *args, people=(), number: int = 2, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(u.pk): u for u in people}
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.label = f"Who leads stage {number}?"
        owner.choices = _person_choices(people, "Choose someone")[1:]


class ResolveForm(forms.Form):
    version = _version()
    agreed = _text("What was agreed?")
    teller = forms.ChoiceField(label="Who tells the allocated worker?", required=False)

    def __init__(self, *args, people=(), worker=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(u.pk): u for u in people}
        self.fields["teller"].choices = _person_choices(people, "Choose someone")
        self.fields["teller"].help_text = (
            f"They tell {worker.display_name}, the child's allocated worker, what was agreed"
            if worker is not None else "The child has no allocated worker now: they tell "
                                       "whoever holds the child's case")


class ToldForm(forms.Form):
    version = _version()
    told_on = date_field("Date the allocated worker was told", hint="For example, 14/9/2026")


class ReportFilterForm(forms.Form):
    """The managers' page's filters; anything that is not a choice falls back to none."""

    status = forms.ChoiceField(label="Status", required=False,
                               choices=list(report.STATUSES.items()))
    stage = forms.ChoiceField(label="Stage", required=False,
                              choices=[("", "Any stage")]
                              + [(str(n), f"{n}: {label}") for n, label in StageNumber.choices])
    agency = forms.ChoiceField(label="Agency (either side)", required=False,
                               choices=[("", "Any agency"), *AgencyKind.choices])
    overdue = forms.BooleanField(label="Only overdue stages", required=False)

    def filters(self) -> report.Filters:
        self.is_valid()  # the fields that are valid stay in cleaned_data
        data = self.cleaned_data
        stage = data.get("stage")
        return report.Filters(status=data.get("status") or report.OPEN,
                              stage=int(stage) if stage else None,
                              agency=data.get("agency") or "",
                              overdue=bool(data.get("overdue")))
