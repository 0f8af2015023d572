"""Page forms for strategy discussions, Section 47 visits and outcomes. Rows (participants,
actions, the two workers) are numbered fields in fieldsets; blank rows are left out. The forms
run the same rules as the actions, so every problem shows at once; a problem about a group of
rows as a whole (``participants``, ``workers``) shows at the top of the group."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.utils import timezone

from hearth import calendar
from hearth.access.models.users import AgencyKind
from hearth.core.forms import date_field
from hearth.protection.codes import S47Outcome, StrategyDecision, WorkerKind
from hearth.protection.queries.strategy import SOCIAL_WORK_ROLES
from hearth.protection.rules import strategy as rules

TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M", "%I:%M%p", "%I:%M %p", "%I%p", "%I %p"]
YES_NO = [("yes", "Yes"), ("no", "No")]
STALE_PAGE = "This page was out of date: open the enquiry again and try again"
PARTICIPANT_ROWS = 6
ACTION_ROWS = 4
MORE_ROWS = 3
MAX_ROWS = 30
WORKER_ROWS = 2

#: Where a field the action names shows on the page.
FIELD_FOR = {"visited_at": "visit_date"}


def _text(label: str, *, required: bool = False, hint: str = "",
          message: str = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, help_text=hint, max_length=10000,
                           widget=forms.Textarea,
                           error_messages={"required": message or f"Enter {label.lower()}"})


def _line(label: str, *, max_length: int = rules.NAME_MAX, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=max_length, help_text=hint,
        error_messages={"max_length": f"{label} must be {max_length} characters or fewer"})


def _yes_no(label: str, required: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(label=label, choices=YES_NO, widget=forms.RadioSelect,
                                  coerce=lambda v: v == "yes",
                                  error_messages={"required": required,
                                                  "invalid_choice": required})


def _rows(value, default: int) -> int:
    try:
        return max(default, min(int(value), MAX_ROWS))
    except (TypeError, ValueError):
        return default


class RowsForm(forms.Form):
    """A form with groups of numbered rows. ``group_errors`` holds the problems about a group
    as a whole (by group name), shown at the top of its fieldset and in the error summary."""

    #: group name (as the action names it) -> the field prefix of its rows
    GROUPS: dict[str, str] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.group_errors: dict[str, str] = {}
        #: group -> row numbers (1-based) of the rows passed to the action, in order
        self.row_numbers: dict[str, list[int]] = {group: [] for group in self.GROUPS}

    def row_fields(self, prefix: str, n: int, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[f"{prefix}_{n}_{name}"] for name in names]

    def field_for(self, key: str) -> str | None:
        """The form field an action's problem key names (None: the form as a whole)."""
        parts = key.split(".")
        if parts[0] in self.GROUPS and len(parts) == 3:
            numbers = self.row_numbers.get(parts[0], [])
            index = int(parts[1]) if parts[1].isdigit() else -1
            if 0 <= index < len(numbers):
                name = f"{self.GROUPS[parts[0]]}_{numbers[index]}_{parts[2]}"
                return name if name in self.fields else None
            return None
        name = FIELD_FOR.get(key, key)
        return name if name in self.fields else None

    def add_problems(self, problems: dict[str, str]) -> None:
        for key, message in problems.items():
            if key in self.GROUPS:
                self.group_errors.setdefault(key, message)
                continue
            name = self.field_for(key)
            if name is None:
                if message not in self.non_field_errors():
                    self.add_error(None, message)
            elif not self.has_error(name):
                self.add_error(name, message)

    @property
    def has_problems(self) -> bool:
        return bool(self.errors or self.group_errors)


# --- strategy discussion ---------------------------------------------------------------------

PARTICIPANT = ("name", "agency", "agency_kind", "role")
ACTION = ("action", "owner", "owner_user", "due_on")
KIND_CHOICES = [("", "Another agency"), *AgencyKind.choices]


class StrategyForm(RowsForm):
    GROUPS = {"participants": "participant", "actions": "action"}

    held_on = date_field("Date of the discussion", required=True, hint="For example, 16/11/2026")
    information_shared = _text("Information shared", required=True,
                               hint="What each agency knew and shared about the child and "
                                    "family")
    decision = forms.ChoiceField(label="Decision", choices=StrategyDecision.choices,
                                 widget=forms.RadioSelect,
                                 error_messages={"required": "Select the decision",
                                                 "invalid_choice": "Select the decision"})
    decision_reasons = _text("Reasons for the decision", required=True,
                             message="Enter the reasons for the decision")

    def __init__(self, *args, owners=(), agency_kinds: dict[str, str] | None = None,
                 today: date | None = None, participants: int = 0, actions: int = 0,
                 siblings=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Record once for a family (issue 15): the same discussion about brothers and sisters,
        # each with their own decision when it differs.
        self.siblings = list(siblings)
        decisions = [("", "The same decision"), *StrategyDecision.choices]
        for child in self.siblings:
            self.fields[f"also_{child.pk}"] = forms.BooleanField(
                label=f"Also about {child.display_name}", required=False)
            self.fields[f"decision_{child.pk}"] = forms.ChoiceField(
                label=f"What was decided for {child.display_name}", choices=decisions,
                required=False, error_messages={"invalid_choice": "Select the decision"})
            self.fields[f"reasons_{child.pk}"] = _text(
                f"Why, for {child.display_name}",
                hint="Leave empty when the reasons are the same")
        self.today = today or timezone.localdate()
        self.agency_kinds = agency_kinds or {}
        data = self.data if self.is_bound else {}
        self.participant_count = _rows(participants or data.get("participant_rows"),
                                       PARTICIPANT_ROWS)
        self.action_count = _rows(actions or data.get("action_rows"), ACTION_ROWS)
        self.owners = list(owners)
        for n in range(1, self.participant_count + 1):
            self.fields[f"participant_{n}_name"] = _line("Name")
            self.fields[f"participant_{n}_agency"] = _line(
                "Agency", hint="For example: Hampshire Police, Westfield Primary School")
            self.fields[f"participant_{n}_agency_kind"] = forms.ChoiceField(
                label="Kind of agency", choices=KIND_CHOICES, required=False, error_messages={
                    "invalid_choice": f"Select the kind of agency of participant {n}"})
            self.fields[f"participant_{n}_role"] = _line("Role")
        owner_choices = [("", "Not chosen"), *[(str(u.pk), u.display_name) for u in self.owners]]
        for n in range(1, self.action_count + 1):
            self.fields[f"action_{n}_action"] = _line("Action", max_length=2000)
            self.fields[f"action_{n}_owner"] = _line(
                "Owner", hint="The person and agency responsible")
            self.fields[f"action_{n}_owner_user"] = forms.ChoiceField(
                label="Owner in Hearth (optional)", choices=owner_choices, required=False,
                error_messages={"invalid_choice": f"Choose the owner of action {n} from the "
                                                  "list of colleagues"})
            self.fields[f"action_{n}_due_on"] = date_field(
                f"Action {n} due date", hint="For example, 24/11/2026")
            self.fields[f"action_{n}_due_on"].label = "Due date"

    def sibling_rows(self) -> list[tuple]:
        return [(child, self[f"also_{child.pk}"], self[f"decision_{child.pk}"],
                 self[f"reasons_{child.pk}"]) for child in self.siblings]

    def sibling_parts(self) -> list[dict]:
        """The brothers and sisters the discussion was also about, each with their own
        decision and reasons (empty: the same as the child's)."""
        data = self.cleaned_data
        return [{"person": child, "decision": data.get(f"decision_{child.pk}") or "",
                 "decision_reasons": data.get(f"reasons_{child.pk}") or ""}
                for child in self.siblings if data.get(f"also_{child.pk}")]

    def participant_rows_fields(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(n, self.row_fields("participant", n, PARTICIPANT))
                for n in range(1, self.participant_count + 1)]

    def action_rows_fields(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(n, self.row_fields("action", n, ACTION))
                for n in range(1, self.action_count + 1)]

    def participants(self) -> list[dict]:
        data, rows = self.cleaned_data, []
        self.row_numbers["participants"] = []
        for n in range(1, self.participant_count + 1):
            row = {name: data.get(f"participant_{n}_{name}") or "" for name in PARTICIPANT}
            if any(str(v).strip() for v in row.values()):
                rows.append(row)
                self.row_numbers["participants"].append(n)
        return rows

    def actions(self) -> list[dict]:
        data, rows = self.cleaned_data, []
        owners = {str(u.pk): u for u in self.owners}
        self.row_numbers["actions"] = []
        for n in range(1, self.action_count + 1):
            values = {name: data.get(f"action_{n}_{name}") for name in ACTION}
            if not any(values.values()):
                continue
            rows.append({"action": values["action"] or "", "owner": values["owner"] or "",
                         "owner_user": owners.get(values["owner_user"] or ""),
                         "due_on": values["due_on"]})
            self.row_numbers["actions"].append(n)
        return rows

    def clean(self):
        data = super().clean()
        if any(self.has_error(name) for name in self.fields if name.startswith(
                ("participant_", "action_"))):
            return data
        people = [rules.Participant(
            name=p["name"].strip(), agency=p["agency"].strip(), role=p["role"],
            agency_kind=p["agency_kind"] or self.agency_kinds.get(
                " ".join(p["agency"].lower().split()), ""))
            for p in self.participants()]
        lines = [rules.ActionLine(action=a["action"].strip(),
                                  owner=a["owner"].strip() or (
                                      a["owner_user"].display_name if a["owner_user"] else ""),
                                  due_on=a["due_on"]) for a in self.actions()]
        self.add_problems(rules.strategy_problems(
            held_on=data.get("held_on"), today=self.today, participants=people,
            information_shared=data.get("information_shared", "") or "",
            decision=data.get("decision", "") or "",
            decision_reasons=data.get("decision_reasons", "") or "", actions=lines))
        return data


# --- Section 47 visit ------------------------------------------------------------------------

WORKER = ("kind", "user", "name", "agency")


class VisitForm(RowsForm):
    GROUPS = {"workers": "worker"}

    visit_date = date_field("Date of the visit", required=True, hint="For example, 17/11/2026")
    visit_time = forms.TimeField(
        label="Time of the visit", input_formats=TIME_FORMATS,
        help_text="24-hour clock, for example 07:45 or 18:30",
        error_messages={"required": "Enter the time of the visit",
                        "invalid": "Time of the visit must be a real time, for example 18:30"})
    place = forms.CharField(label="Where", max_length=200,
                            help_text="For example: the family home, school",
                            error_messages={"required": "Enter where the visit took place"})
    child_seen = _yes_no("Was the child seen?", "Select whether the child was seen")
    child_seen_alone = _yes_no("Was the child seen alone?",
                               "Select whether the child was seen alone")
    notes = _text("What was seen and said", required=True,
                  hint="By whom; the child's own words where you can",
                  message="Enter what was seen and said")

    def __init__(self, *args, colleagues=(), user=None, joint: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.colleagues = list(colleagues)
        self.joint = joint
        if joint:
            # R-TWO-1: on a joint enquiry the police officer goes, or why they could not.
            self.fields["police_could_not_attend"] = forms.BooleanField(
                label="The police could not attend this visit", required=False)
            self.fields["police_absence_reason"] = _text(
                "Why the police could not attend",
                hint="For example: no officer was available before the child left school")
        choices = [("", "Not a colleague: enter their name"),
                   *[(str(u.pk), f"{u.display_name} ({(u.team or u.agency).name})"
                      if (u.team or u.agency) else u.display_name) for u in self.colleagues]]
        for n in range(1, WORKER_ROWS + 1):
            self.fields[f"worker_{n}_kind"] = forms.ChoiceField(
                label="Kind of worker", choices=[("", "Select"), *WorkerKind.choices],
                required=False, error_messages={
                    "invalid_choice": f"Select what kind of worker worker {n} is"})
            self.fields[f"worker_{n}_user"] = forms.ChoiceField(
                label="Colleague", choices=choices, required=False, error_messages={
                    "invalid_choice": f"Choose worker {n} from the list of colleagues"})
            self.fields[f"worker_{n}_name"] = _line(
                "Name, if not a colleague", hint="For example: DC Pat Officer")
            self.fields[f"worker_{n}_agency"] = _line("Agency", hint="For example: "
                                                      "Hampshire Police")
        if user is not None and not self.is_bound:
            self.initial["worker_1_user"] = str(user.pk)
            if user.role in SOCIAL_WORK_ROLES:
                self.initial["worker_1_kind"] = WorkerKind.SOCIAL_WORKER

    def worker_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        return [(n, self.row_fields("worker", n, WORKER)) for n in range(1, WORKER_ROWS + 1)]

    def visited_at(self) -> datetime | None:
        day, at = self.cleaned_data.get("visit_date"), self.cleaned_data.get("visit_time")
        return datetime.combine(day, at, calendar.LONDON) if day and at else None

    def workers(self) -> list[dict]:
        data, rows = self.cleaned_data, []
        users = {str(u.pk): u for u in self.colleagues}
        self.row_numbers["workers"] = []
        for n in range(1, WORKER_ROWS + 1):
            values = {name: data.get(f"worker_{n}_{name}") or "" for name in WORKER}
            if not any(values.values()):
                continue
            rows.append({"kind": values["kind"], "user": users.get(values["user"]),
                         "name": values["name"], "agency": values["agency"]})
            self.row_numbers["workers"].append(n)
        return rows

    def worker_lines(self) -> list[rules.Worker]:
        return [rules.Worker(kind=w["kind"], name=w["name"].strip() or (
            w["user"].display_name if w["user"] else ""),
            user_id=w["user"].pk if w["user"] else None, agency=w["agency"],
            qualified=bool(w["user"] and w["kind"] == WorkerKind.SOCIAL_WORKER
                           and w["user"].role in SOCIAL_WORK_ROLES))
            for w in self.workers()]

    def police_absence(self) -> dict:
        """Whether the police could not attend, and why (a joint enquiry only: R-TWO-1)."""
        data = self.cleaned_data
        return {"police_could_not_attend": bool(data.get("police_could_not_attend")),
                "police_absence_reason": data.get("police_absence_reason", "") or ""}

    def check(self, enquiry, now: datetime) -> None:
        """Run the visit rules for ``enquiry`` (called once the fields have parsed)."""
        data = self.cleaned_data
        problems = rules.visit_problems(
            visited_at=self.visited_at(), now=now, started_on=enquiry.started_on,
            outcome_on=enquiry.outcome_on, place=data.get("place", "") or "",
            child_seen=data.get("child_seen"), child_seen_alone=data.get("child_seen_alone"),
            notes=data.get("notes", "") or "", workers=self.worker_lines(),
            joint=enquiry.joint, **self.police_absence())
        if self.has_error("visit_date") or self.has_error("visit_time"):
            problems.pop("visited_at", None)
        self.add_problems(problems)


# --- outcome ---------------------------------------------------------------------------------


class OutcomeForm(RowsForm):
    outcome = forms.ChoiceField(label="Outcome of the enquiry", choices=S47Outcome.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": "Select the outcome of the enquiry",
                                                "invalid_choice": "Select the outcome of the "
                                                                  "enquiry"})
    reasons = _text("Reasons", hint="Required when the concerns are not substantiated or no "
                    "conference is needed: what was found, and why")
    outcome_on = date_field("Date of the outcome", required=True, hint="For example, 24/11/2026")
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})

    def check(self, enquiry, today: date) -> None:
        data = self.cleaned_data
        problems = rules.outcome_problems(
            outcome=data.get("outcome", "") or "", reasons=data.get("reasons", "") or "",
            outcome_on=data.get("outcome_on"), started_on=enquiry.started_on, today=today)
        self.add_problems(problems)

    @staticmethod
    def initial_for(enquiry) -> dict:
        """The outcome proposed (waiting or returned), else the outcome in effect."""
        if enquiry.proposed_outcome:
            return {"outcome": enquiry.proposed_outcome, "reasons": enquiry.proposed_reasons,
                    "outcome_on": enquiry.proposed_on, "version": enquiry.version}
        return {"outcome": enquiry.outcome or None, "reasons": enquiry.outcome_reasons,
                "outcome_on": enquiry.outcome_on, "version": enquiry.version}


# --- a team manager's decision on a proposed outcome (R-CP-1) ---------------------------------

DECIDE = "Select whether you authorise the outcome or return it"


class OutcomeDecisionForm(RowsForm):
    decision = forms.ChoiceField(
        label="Your decision", widget=forms.RadioSelect,
        choices=[(rules.AUTHORISE, "Authorise the outcome: it takes effect now"),
                 (rules.RETURN, "Return it to the worker")],
        error_messages={"required": DECIDE, "invalid_choice": DECIDE})
    reason = _text("Reason for returning it", hint="Required when you return the outcome: "
                   "the worker sees it")
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})

    def check(self) -> None:
        data = self.cleaned_data
        if "decision" in data:
            self.add_problems(rules.decision_on_outcome_problems(
                decision=data["decision"], reason=data.get("reason", "") or ""))
