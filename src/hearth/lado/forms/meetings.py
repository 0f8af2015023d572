"""Recording an allegation management meeting: attendees by agency and actions with owners
and dates, as numbered rows (blank rows are left out)."""

from __future__ import annotations

from hearth.core.forms import date_field
from hearth.lado.forms.common import RowsForm, line, text, version
from hearth.lado.rules.matters import TEXT_MAX
from hearth.lado.rules.meetings import ActionLine, Attendee

ATTENDEE_ROWS = 6
ACTION_ROWS = 4
ATTENDEE = ("name", "agency", "role")
ACTION = ("action", "owner", "due_on")


class MeetingForm(RowsForm):
    GROUPS = {"attendees": ("attendee", ATTENDEE), "actions": ("action", ACTION)}

    held_on = date_field("Date of the meeting", required=True, hint="For example, 14/9/2026")
    information_shared = text("Information shared",
                              message="Enter the information shared at the meeting",
                              hint="What each agency knew and shared, and the risks to "
                                   "children")
    next_meeting_on = date_field("Date of the next meeting",
                                 hint="If one is planned. For example, 28/9/2026")
    version = version()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, ATTENDEE_ROWS + 1):
            self.fields[f"attendee_{n}_name"] = line(f"Attendee {n} name", required=False)
            self.fields[f"attendee_{n}_agency"] = line(f"Attendee {n} agency", required=False)
            self.fields[f"attendee_{n}_role"] = line(f"Attendee {n} role", required=False)
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}_action"] = line(f"What action {n} is", required=False,
                                                     max_length=TEXT_MAX)
            self.fields[f"action_{n}_owner"] = line(f"Who owns action {n}", required=False,
                                                    hint="The person and their agency")
            self.fields[f"action_{n}_due_on"] = date_field(f"When action {n} is due")

    def attendee_rows(self):
        return self.rows_of("attendees", ATTENDEE_ROWS)

    def action_rows(self):
        return self.rows_of("actions", ACTION_ROWS)

    def attendees(self) -> list[Attendee]:
        return [Attendee(r["name"] or "", r["agency"] or "", r["role"] or "")
                for r in self.filled("attendees", ATTENDEE_ROWS)]

    def actions(self) -> list[ActionLine]:
        return [ActionLine(r["action"] or "", r["owner"] or "", r["due_on"])
                for r in self.filled("actions", ACTION_ROWS)]
