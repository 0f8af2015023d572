"""The managers' reports: the period of the timeliness report (R-FD-4)."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.utils import timezone

from hearth.core.forms import date_field


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
