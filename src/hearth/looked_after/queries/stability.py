"""Stability (R-CLA-7) computed in the database, a constant number of queries however many
children: as ``rules.stability`` says it for one child."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from hearth import calendar
from hearth.looked_after.models import CarePeriod, Placement
from hearth.looked_after.rules import stability as rules
from hearth.looked_after.rules.episodes import TEMPORARY


def moves_in_last_year(children: QuerySet, today: date) -> QuerySet:
    """Per child looked after now: the placements (not temporary) they were in during the last
    12 months, for the children among ``children`` (a queryset of people's ids)."""
    since = rules.year_ago(today)
    return (Placement.objects.filter(child__in=children, started_on__lte=today,
                                     child__care_periods__ended_on__isnull=True)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gt=since))
            .exclude(placement_type__in=TEMPORARY)
            .values("child_id").annotate(n=Count("pk", distinct=True)))


def many_placements(children: QuerySet, today: date) -> QuerySet:
    """Children with three or more placements in the last 12 months (R-CLA-7)."""
    return moves_in_last_year(children, today).filter(n__gte=rules.MANY_PLACEMENTS)


def same_placement(today: date) -> Exists:
    """The period's open placement began 2 years ago or more (R-CLA-7)."""
    placed_since = calendar.add_months(today, -rules.SAME_PLACEMENT_MONTHS)
    return Exists(Placement.objects.filter(period=OuterRef("pk"), ended_on__isnull=True,
                                           started_on__lte=placed_since))


def long_in_care(children: QuerySet, today: date) -> QuerySet[CarePeriod]:
    """Open periods of children in care 2.5 years or more (R-CLA-7)."""
    return CarePeriod.objects.filter(
        child__in=children, ended_on__isnull=True,
        started_on__lte=calendar.add_months(today, -rules.LONG_IN_CARE_MONTHS))


def figures(children: QuerySet, today: date) -> dict[str, int]:
    """The stability figures for a set of children (two queries)."""
    long = long_in_care(children, today).aggregate(
        total=Count("pk"), stable=Count("pk", filter=Q(same_placement(today))))
    return {"many_placements": many_placements(children, today).count(),
            "long_in_care": long["total"] or 0, "long_term_stable": long["stable"] or 0}


def child_stability(child_id, today: date) -> dict:
    """One child's figures for their looked-after page."""
    placements = list(Placement.objects.filter(child_id=child_id)
                      .exclude(placement_type__in=TEMPORARY)
                      .values_list("started_on", "ended_on"))
    period = CarePeriod.objects.filter(child_id=child_id, ended_on__isnull=True).first()
    current = next(((s, e) for s, e in placements if e is None), None)
    return {"in_last_year": rules.placements_in_last_year(placements, today),
            "many": rules.many_placements(placements, today),
            "long_term_stable": period is not None and current is not None
            and rules.long_term_stable(period_started_on=period.started_on,
                                       placement_started_on=current[0], today=today)}
