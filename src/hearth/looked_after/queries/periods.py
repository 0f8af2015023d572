"""Reading a child's care history (R-CLA-1): what later work builds on (the care leaver's
category, R-CL-1; the reviews' and visits' timescales, R-CLA-3, R-CLA-4)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from hearth.looked_after.models import CarePeriod, Episode, Placement


def periods_of(child_id) -> QuerySet[CarePeriod]:
    """The child's periods of care, oldest first."""
    return CarePeriod.objects.filter(child_id=child_id).order_by("started_on", "id")


def current_period(child_id) -> CarePeriod | None:
    """The open period of care, if the child is looked after now."""
    return CarePeriod.objects.filter(child_id=child_id, ended_on__isnull=True).first()


def episodes_of(child_id) -> QuerySet[Episode]:
    """Every episode of every period, oldest first, with its placement."""
    return (Episode.objects.filter(child_id=child_id).select_related("placement")
            .order_by("started_on", "id"))


def current_placement(child_id) -> Placement | None:
    return Placement.objects.filter(child_id=child_id, ended_on__isnull=True).first()


def spans(child_id) -> list[tuple[dt.date, dt.date | None]]:
    """The child's periods of care as (started, ended or None), oldest first: what the care
    leaver's category counts (R-CL-1)."""
    return [(p.started_on, p.ended_on) for p in periods_of(child_id)]
