"""The CIN census's pre-proceedings FGDM items (RETURNS.md §1.6) from the FGCs recorded here:
the returns app calls these (``rules.census``). One query each, whatever the number of
children."""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from hearth.fgc.models import FGCChild
from hearth.fgc.rules.census import CensusFacts, CensusFlags, census_flags


def _facts(start: date, end: date, person_ids=None) -> dict:
    """Each child's pre-proceedings FGCs referred or held in the period."""
    rows = FGCChild.objects.filter(fgc__pre_proceedings=True).filter(
        Q(fgc__referred_at__date__range=(start, end))
        | Q(fgc__held_on__range=(start, end)))
    if person_ids is not None:
        rows = rows.filter(person_id__in=list(person_ids))
    found: dict = {}
    for person_id, referred_at, held_on in rows.values_list(
            "person_id", "fgc__referred_at", "fgc__held_on").order_by("person_id", "fgc_id"):
        found.setdefault(person_id, []).append(CensusFacts(
            pre_proceedings=True, referred_on=_london_day(referred_at), held_on=held_on))
    return found


def _london_day(moment) -> date:
    from django.utils import timezone

    return timezone.localtime(moment).date()


def census_counts(child, start: date, end: date) -> CensusFlags:
    """``FGDMMeetingOffer`` and ``FGDMMeetingFac`` for one child in a census period (start
    and end included), with how many FGCs made each true."""
    return census_flags(_facts(start, end, [child.pk]).get(child.pk, []), start, end)


def census_flags_for(start: date, end: date, person_ids=None) -> dict:
    """The same for every child with a pre-proceedings FGC in the period (or only those of
    ``person_ids``): {person id: CensusFlags}; children with none are left out."""
    return {pk: census_flags(facts, start, end)
            for pk, facts in _facts(start, end, person_ids).items()}
