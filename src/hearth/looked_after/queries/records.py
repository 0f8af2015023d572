"""The records a child's state in care is worked out from (``reviews.care_states``), read for
a list of periods of care: one query of each kind, compiled once a process (issue 14: the
nine queries built afresh were most of a manager's list of what is due for children in
care). Each takes the periods' ids (``periods``), the open placements' ids (``placements``)
or the children's ids (``children``)."""

from __future__ import annotations

from django.db.models import Max, Min

from hearth.core.compiled import compiled
from hearth.looked_after.models import (
    CarePlan,
    EducationPlan,
    HealthCheck,
    Placement,
    PlacementPlan,
    Review,
    ReviewDateChange,
)


@compiled
def open_placements(p):
    return Placement.objects.filter(period_id__any=p.integers("periods"), ended_on__isnull=True)


@compiled
def first_placements(p):
    """Each period's first placement's start: ``(period_id, started_on)``."""
    return (Placement.objects.filter(period_id__any=p.integers("periods")).values("period_id")
            .annotate(first=Min("started_on")).order_by().values_list("period_id", "first"))


@compiled
def reviews_held(p):
    return (Review.objects.filter(period_id__any=p.integers("periods")).order_by()
            .values_list("period_id", "held_on"))


@compiled
def review_date_changes(p):
    """The decisions to bring a review forward, oldest first: ``(period_id, due_on,
    decided_at)``."""
    return (ReviewDateChange.objects.filter(period_id__any=p.integers("periods"))
            .order_by("decided_at", "pk").values_list("period_id", "due_on", "decided_at"))


@compiled
def care_plans(p):
    return (CarePlan.objects.filter(period_id__any=p.integers("periods")).order_by()
            .values_list("period_id", flat=True))


@compiled
def placement_plans(p):
    return (PlacementPlan.objects.filter(placement_id__any=p.integers("placements"))
            .order_by().values_list("placement_id", flat=True))


@compiled
def last_checks(p):
    """Each child's last health check of each kind: ``(child_id, kind, done_on)``."""
    return (HealthCheck.objects.filter(period_id__any=p.integers("periods"))
            .values("child_id", "kind").annotate(last=Max("done_on")).order_by()
            .values_list("child_id", "kind", "last"))


@compiled
def education_plans(p):
    return (EducationPlan.objects.filter(period_id__any=p.integers("periods")).order_by()
            .values_list("child_id", "held_on"))
