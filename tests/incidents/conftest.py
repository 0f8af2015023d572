"""The Fletchers' home, the clock, and the forms as the pages fill them in."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.incidents import actions
from hearth.people.actions import do_add_address

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Tuesday 17 November 2026, 11:00 in London."""
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def home(fletchers, social_worker):
    """Kerry Fletcher's home, where she lives with the children."""
    return do_add_address(fletchers["mum"], acting_user=social_worker, line1="14 Mill Lane",
                          town="Southampton", postcode="SO15 2AB",
                          start_date=date(2024, 6, 1)).address


@pytest.fixture
def threat(fletchers, social_worker, home, team_manager):
    """Sam's report of Kerry's threat at the door this morning."""
    return actions.do_report_incident(
        acting_user=social_worker, person=fletchers["mum"], address=home, kind="threat",
        occurred_at=datetime(2026, 11, 17, 10, 30, tzinfo=LONDON), where="At the front door",
        what_happened="Kerry shouted that she would smash my car if I came back.")


def report_form(**extra) -> dict:
    return {"kind": "threat", "occurred_date": "17/11/2026", "occurred_time": "10:30",
            "where": "At the front door",
            "what_happened": "Kerry shouted that she would smash my car if I came back.",
            "injured": "no", **extra}


def post_incident_form(**extra) -> dict:
    return {"debrief_on": "17/11/2026", "debrief_by": "", "support_offered": "",
            "investigation": "not_decided", "investigation_notes": "",
            "police_complaint": "not_decided", "police_reference": "", "version": "1",
            **extra}
