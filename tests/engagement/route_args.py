"""The ids the engagement pages name, for the route matrix (tests/access/test_routes.py)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from hearth.engagement.actions import do_record_event

    jack = fletchers["jack"]
    for day in (10, 12):
        done = do_record_event(jack, acting_user=social_worker, kind="no_answer",
                               occurred_at=datetime(2026, 11, day, 9, 30, tzinfo=LONDON),
                               believed_in=True)
    assert done.task is not None
    hostility = do_record_event(jack, acting_user=social_worker, kind="hostility",
                                occurred_at=datetime(2026, 11, 16, 10, 0, tzinfo=LONDON),
                                form="confrontation", behaviours=["shouting"],
                                by_person=fletchers["mum"], account="Kerry shouted at me.")
    return {"engagement_event_id": hostility.event.pk, "follow_up_task_id": done.task.pk}
