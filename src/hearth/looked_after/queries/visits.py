"""The statutory-visits list for managers (R-CLA-4): every open placement of the children
looked after in their scope, with the last statutory visit the child was seen at since the
placement began — filtered, annotated, ordered (longest without a visit first) and paginated in
the database: a count and one page, whatever the number of children. Each row's due date is
then the pure rule's (``rules.visits.visit_due``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, Max, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from hearth import calendar
from hearth.core.due import TEAM
from hearth.looked_after.models import Placement
from hearth.looked_after.queries.reviews import children_for
from hearth.looked_after.rules import visits as rules
from hearth.visits.codes import VisitPurpose
from hearth.visits.models import Visit


def placements_to_visit(user, scope: str = TEAM) -> QuerySet[Placement]:
    """The open placements of the user's children looked after, each with ``last_visit`` (a
    date-time, or None), the longest without a visit first."""
    children = children_for(user, scope)
    if children is None:
        return Placement.objects.none()
    last = (Visit.objects.filter(child=OuterRef("child_id"), purpose=VisitPurpose.LOOKED_AFTER,
                                 child_seen=True, starts_at__gte=OuterRef("started_on"))
            .values("child").annotate(last=Max("starts_at")).values("last"))
    return (Placement.objects.filter(ended_on__isnull=True, period__ended_on__isnull=True,
                                     child__in=children.values("pk"))
            .select_related("child", "period")
            .annotate(last_visit=Subquery(last))
            .annotate(since=Coalesce(TruncDate("last_visit", tzinfo=calendar.LONDON),
                                     F("started_on")))
            .order_by("since", "child__family_name", "child__given_name", "pk"))


@dataclass(frozen=True)
class VisitRow:
    placement: Placement
    last_visit: date | None
    due_on: date

    @property
    def overdue(self) -> bool:
        return self.due_on < timezone.localdate()


def rows(placements) -> list[VisitRow]:
    """The page's placements with their due dates (no query)."""
    out = []
    for p in placements:
        last = timezone.localdate(p.last_visit) if p.last_visit else None
        out.append(VisitRow(p, last, rules.visit_due(p.started_on, last,
                                                      long_term=p.long_term)))
    return out
