"""The on-call rota form (R-SAFE-4, R-EDT-2)."""

from __future__ import annotations

from django import forms

from hearth.access.models import User
from hearth.access.rules import MANAGER_ROLES
from hearth.core.forms import date_field
from hearth.safety.forms.checkins import london_at, time_field

#: Where the action's field shows on the page.
FIELD_FOR = {"starts_at": "from_time", "ends_at": "to_time"}


class OnCallForm(forms.Form):
    user = forms.ChoiceField(label="Manager on call",
                             error_messages={"required": "Select the manager on call"})
    from_date = date_field("Date on call from", required=True, hint="For example, 17/11/2026")
    from_time = time_field("Time on call from")
    to_date = date_field("Date on call until", required=True, hint="For example, 18/11/2026")
    to_time = time_field("Time on call until")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        managers = User.objects.filter(is_active=True, role__in=MANAGER_ROLES).order_by(
            "last_name", "first_name", "username")
        self.fields["user"].choices = [("", "Select a manager")] + [
            (str(u.pk), f"{u.display_name} ({u.get_role_display().lower()})") for u in managers]

    def clean(self):
        data = super().clean()
        data["starts_at"] = london_at(data, "from_date", "from_time")
        data["ends_at"] = london_at(data, "to_date", "to_time")
        if data["starts_at"] and data["ends_at"] and data["ends_at"] <= data["starts_at"]:
            self.add_error("to_time", "The end of the on-call period must be after its start")
        return data
