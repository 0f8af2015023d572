"""Lone-working jobs run by ``hearth worker`` (R-SAFE-4). Each re-reads the check-in under
``select_for_update`` and decides again, so running one twice, late, or after the worker has
extended their time or checked out does nothing it should not."""

from __future__ import annotations

from hearth.jobs.actions import handler
from hearth.safety.actions import checkins


@handler(checkins.ALERT_JOB)
def alert_managers(payload: dict) -> None:
    """Alert the worker's manager(s) that a lone worker has not checked out."""
    checkins.do_alert_managers(int(payload["checkin"]))


@handler(checkins.ESCALATE_JOB)
def escalate(payload: dict) -> None:
    """Escalate to the on-call senior manager."""
    checkins.do_escalate(int(payload["checkin"]))
