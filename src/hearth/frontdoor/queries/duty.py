"""Who is on duty for the front door now: the CRS managers in office hours, the EDT manager out
of hours, and the on-call senior manager (R-EDT-1, R-MASH-3, R-FD-4).

The on-call rota is kept by the worker-safety app (``hearth oncall``), which sits above the front
door: it registers how to read the rota here (``register_on_call``) from its AppConfig, as
Django's admin and signals do, so that this app never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from hearth import calendar
from hearth.access.codes import Role
from hearth.access.models import User
from hearth.core.registry import Registry

OnCallReader = Callable[[datetime], list]

#: ``reader(now)`` gives the senior managers on call at ``now``.
ON_CALL = Registry("on-call rota readers")


def register_on_call(reader: OnCallReader) -> None:
    """Called once by the app that keeps the on-call rota (a second call is ignored)."""
    ON_CALL.register(reader)


def on_call_at(now: datetime) -> list[User]:
    """The senior managers on the on-call rota at ``now`` (none when nobody is on it)."""
    found: dict = {}
    for reader in ON_CALL:
        for user in reader(now):
            if user.is_active:
                found.setdefault(user.pk, user)
    return list(found.values())


def crs_managers() -> list[User]:
    """The CRS team managers; without any, the service managers."""
    users = User.objects.filter(is_active=True)
    managers = list(users.filter(role=Role.TEAM_MANAGER, team__service="crs"))
    return managers or list(users.filter(role=Role.SERVICE_MANAGER))


def edt_managers(now: datetime) -> list[User]:
    """The EDT's manager out of hours: its team (practice) managers; without any, the on-call
    senior manager; without one on the rota, the service managers."""
    managers = list(User.objects.filter(is_active=True, role=Role.TEAM_MANAGER,
                                        team__service="edt"))
    return managers or on_call_at(now) or list(
        User.objects.filter(is_active=True, role=Role.SERVICE_MANAGER))


def managers_on_duty(now: datetime) -> list[User]:
    """The manager to tell at once: CRS's in office hours, EDT's out of hours (R-EDT-1)."""
    return edt_managers(now) if calendar.is_edt(now) else crs_managers()
