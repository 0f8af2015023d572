"""Who is told when a lone worker has not checked out (R-SAFE-4, R-EDT-2): the line manager
first in office hours; out of hours (EDT hours, R-EDT-1) the line manager is off duty and the
on-call senior manager is told first, then every service manager and the line manager. The
on-call rota is kept with ``hearth oncall`` or the On-call rota page."""

from __future__ import annotations

from datetime import datetime

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.safety.models import OnCall
from hearth.safety.rules import line_manager_off_duty


def on_call_at(now: datetime) -> list[User]:
    return [row.user for row in OnCall.objects.filter(
        starts_at__lte=now, ends_at__gt=now, user__is_active=True).select_related("user")
        .order_by("starts_at", "pk")]


def _unique(people: list[User], *, besides: list[User]) -> list[User]:
    skip = {u.pk for u in besides}
    unique = {u.pk: u for u in people if u.pk not in skip}
    return list(unique.values())


def senior_managers(worker, at: datetime) -> list[User]:
    """The on-call senior manager(s) covering ``at``; if nobody is on call, every active
    service manager."""
    people = on_call_at(at) or list(User.objects.filter(is_active=True,
                                                        role=Role.SERVICE_MANAGER))
    return _unique(people, besides=[worker])


def alert_recipients(worker, at: datetime) -> list[User]:
    """Who is alerted first when the worker is overdue at ``at``: their line manager(s) in
    office hours; out of hours the on-call senior manager (R-EDT-2)."""
    if line_manager_off_duty(at):
        return senior_managers(worker, at)
    return list(worker.managers())


def escalation_recipients(worker, now: datetime, alerted_at: datetime | None = None
                          ) -> list[User]:
    """Who is told when the alert was not enough. After an office-hours alert, the on-call
    senior manager (every service manager with nobody on call). After an out-of-hours one
    (which went to the on-call senior manager), every service manager and the worker's line
    manager(s) not told yet."""
    alerted_at = alerted_at or now
    if not line_manager_off_duty(alerted_at):
        return senior_managers(worker, now)
    told = alert_recipients(worker, alerted_at)
    wider = list(User.objects.filter(is_active=True, role=Role.SERVICE_MANAGER)) + list(
        worker.managers())
    return _unique(wider, besides=[worker, *told])
