"""Reads other apps need from supervision."""

from __future__ import annotations

from collections.abc import Iterable

from hearth.supervision.codes import SessionStatus
from hearth.supervision.models import SupervisionSession


def latest_visit_action_plan(person_ids: Iterable) -> SupervisionSession | None:
    """The most recent held supervision that agreed a visit action plan for any of these
    people (R-SAFE-3), or None."""
    return (SupervisionSession.objects.filter(cases__in=list(person_ids),
                                              status=SessionStatus.HELD)
            .exclude(visit_action_plan="").order_by("-held_on", "-pk").first())
