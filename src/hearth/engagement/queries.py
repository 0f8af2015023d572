"""Reads other apps need from engagement."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from hearth.engagement.codes import EventKind
from hearth.engagement.models import EngagementEvent


def hostility_in_family(person_ids: Iterable, since: datetime | None = None) -> bool:
    """Whether hostility has been recorded on any of these people's records (since ``since``)."""
    qs = EngagementEvent.objects.filter(person_id__in=list(person_ids),
                                        kind=EventKind.HOSTILITY)
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    return qs.exists()
