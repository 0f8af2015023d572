"""The children-in-care dashboard for team and service managers (issue 17): the looked_after
app draws it; the areas around it add their figures through ``FIGURES`` (reviews, visits and
health assessments due and overdue, missing episodes this month, care leavers not in touch).

A figure source is ``source(user, children) -> list[Figure]`` where ``children`` is a queryset
of the people whose care the manager oversees (their team's or service's children in care and
care leavers); it must run a constant number of queries whatever the number of children."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.core import visibility
from hearth.core.registry import Registry
from hearth.looked_after.codes import LegalStatus, PlacementType
from hearth.looked_after.models import Episode, Placement
from hearth.looked_after.queries import stability
from hearth.people.models import Person


@dataclass(frozen=True)
class Figure:
    """One line of the dashboard: ``count`` children (or records), of which ``overdue`` are
    overdue where that applies, with a link to the list behind it."""

    label: str
    count: int
    overdue: int | None = None
    href: str = ""


FIGURES = Registry("children-in-care dashboard figures")


# ---------------------------------------------------------------------------------------------
# The dashboard itself (issue 17, helper 2): a constant number of queries however many children.


def children_in_care(user):
    """The people whose care ``user`` oversees: a team manager's team's children (an open
    involvement with the team), a service manager's every visible child; with an open period
    of care (a queryset of people)."""
    seen = visibility.apply(Person.objects.live(), user).filter(
        care_periods__ended_on__isnull=True)
    if user.role != Role.SERVICE_MANAGER:
        team = Involvement.objects.exclude(status=InvolvementStatus.CLOSED).filter(
            team_id=user.team_id)
        seen = seen.filter(pk__in=team.values("person_id"))
    return seen


def dashboard(user, today) -> dict:
    """Children in care by legal status and by placement type, the stability figures and
    every registered figure."""
    children = children_in_care(user)
    ids = children.values("pk")
    legal = dict(Episode.objects.filter(child__in=ids, ended_on__isnull=True)
                 .values_list("legal_status").annotate(n=Count("pk")))
    places = dict(Placement.objects.filter(child__in=ids, ended_on__isnull=True)
                  .values_list("placement_type").annotate(n=Count("pk")))
    extra = [f for found in FIGURES.call_all(user, children) for f in (found or [])]
    return {"total": sum(legal.values()),
            "by_legal_status": [(c, label, legal[c]) for c, label in LegalStatus.choices
                                if legal.get(c)],
            "by_placement_type": [(c, label, places[c]) for c, label in PlacementType.choices
                                  if places.get(c)],
            "stability": stability.figures(ids, today), "figures": extra}
