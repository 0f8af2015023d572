"""The ids the incident pages name, for the route matrix in tests/access/test_routes.py."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from hearth.incidents import actions


def route_args(*, fletchers, social_worker, police, args) -> dict:
    incident = actions.do_report_incident(
        acting_user=social_worker, person=fletchers["mum"], kind="threat",
        occurred_at=datetime(2026, 11, 17, 10, 30, tzinfo=ZoneInfo("Europe/London")),
        where="At the front door", what_happened="Kerry said she would hurt me if I came back")
    plan = actions.do_record_plan(fletchers["mum"], acting_user=social_worker,
                                  plan="Joint visits only", shared_with_family="Told by letter",
                                  review_on=date(2027, 2, 17))
    meeting = actions.do_record_meeting(fletchers["mum"], acting_user=social_worker,
                                        held_on=date(2026, 11, 16), attendees="Sam, school",
                                        discussion="Threats", plan="Joint visits",
                                        shared_with_family="Kerry told at the next visit")
    return {"incident_id": incident.pk, "rrp_id": plan.pk, "meeting_id": meeting.pk}
