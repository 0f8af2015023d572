"""The CIN plan's page forms: start the plan, record a CIN meeting, end the plan. Fields are
optional here: the action's rules say what is missing, naming the field (``FIELD_FOR`` maps
the action's names onto the page's)."""

from __future__ import annotations

from django import forms

from hearth.cin.codes import CHOSEN_END_REASONS, Progress
from hearth.core.forms import date_field

#: Blank action rows on the start page and the meeting page.
ACTION_ROWS = 5
STALE_PAGE = "This page was out of date: go back to the child in need plan and try again"
STALE = ("Someone else changed this child in need plan while you were working on it. Check it "
         "as it is now: what you entered is kept in the form.")


def _text(label: str, *, hint: str = "", long: bool = False,
          max_length: int | None = None) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, max_length=max_length,
                           widget=forms.Textarea if long else None)


class ActionRows(forms.Form):
    """Rows of actions: what, who does it, by when. A row left blank is no action."""

    first_row = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(self.first_row, self.first_row + ACTION_ROWS):
            self.fields[f"action_{n}_what"] = _text(f"Action {n}: what will be done", long=True)
            self.fields[f"action_{n}_owner"] = _text(f"Action {n}: who does it",
                                                     max_length=150)
            self.fields[f"action_{n}_due_on"] = date_field(f"Action {n}: by when")

    def action_rows(self):
        return [(n, self[f"action_{n}_what"], self[f"action_{n}_owner"],
                 self[f"action_{n}_due_on"])
                for n in range(self.first_row, self.first_row + ACTION_ROWS)]

    def actions(self) -> list[dict]:
        data = self.cleaned_data
        found = []
        for n in range(self.first_row, self.first_row + ACTION_ROWS):
            what = str(data.get(f"action_{n}_what") or "")
            owner = str(data.get(f"action_{n}_owner") or "")
            due_on = data.get(f"action_{n}_due_on")
            if what.strip() or owner.strip() or due_on:
                found.append({"what": what, "owner": owner, "due_on": due_on})
        return found

    def field_for(self) -> dict:
        """Blank rows are dropped, so the action's n-th action is the n-th row filled."""
        filled = [n for n in range(self.first_row, self.first_row + ACTION_ROWS)
                  if any(self.data.get(f"action_{n}_{p}") for p in ("what", "owner",
                                                                       "due_on"))]
        prefix = "new_actions" if self.first_row > 1 else "actions"
        return {f"{prefix}.{i}.{part}": f"action_{n}_{part}"
                for i, n in enumerate(filled) for part in ("what", "owner", "due_on")}


class StartForm(ActionRows):
    start_on = date_field("Date the plan starts")
    needs = _text("The child's needs the plan is to meet", long=True,
                  hint="What the assessment found the child needs, in plain words")

    field_order = ["start_on", "needs"]


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput,
                                 error_messages={"required": STALE_PAGE, "invalid": STALE_PAGE})


class MeetingForm(VersionForm, ActionRows):
    held_on = date_field("Date of the meeting")
    attendees = _text("Who attended", long=True,
                      hint="One person on each line, with their role or agency, for example "
                           "\"Kerry Fletcher, mother\"")
    notes = _text("Anything else from the meeting", long=True)
    next_meeting_on = date_field("Date of the next meeting")

    def __init__(self, *args, actions=(), **kwargs):
        self.plan_actions = list(actions)
        self.first_row = len(self.plan_actions) + 1
        super().__init__(*args, **kwargs)
        for action in self.plan_actions:
            n = action.position
            self.fields[f"progress_{n}"] = forms.ChoiceField(
                label=f"How is action {n} going?", widget=forms.RadioSelect,
                choices=Progress.choices, required=False,
                error_messages={"invalid_choice": f"Select how action {n} is going"})
            self.fields[f"progress_{n}_note"] = _text(f"What has happened with action {n}",
                                                      long=True)

    def progress_rows(self):
        return [(a, self[f"progress_{a.position}"], self[f"progress_{a.position}_note"])
                for a in self.plan_actions]

    def progress(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {a.pk: (data.get(f"progress_{a.position}") or "",
                       data.get(f"progress_{a.position}_note") or "")
                for a in self.plan_actions}

    def people(self) -> list[str]:
        return [line.strip() for line in (self.cleaned_data.get("attendees") or "").splitlines()
                if line.strip()]

    def field_for(self) -> dict:
        found = super().field_for()
        found.update({f"progress.{i}.status": f"progress_{a.position}"
                      for i, a in enumerate(self.plan_actions)})
        return found


class EndForm(VersionForm):
    end_on = date_field("Date the plan ended")
    end_reason = forms.ChoiceField(label="Why did the plan end?", widget=forms.RadioSelect,
                                   choices=CHOSEN_END_REASONS, required=False,
                                   error_messages={"invalid_choice": "Select why the plan ended"})
    notes = _text("Anything else about the plan ending", long=True)
