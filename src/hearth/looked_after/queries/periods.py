"""Reading a child's care history (R-CLA-1): what later work builds on (the care leaver's
category, R-CL-1; the reviews' and visits' timescales, R-CLA-3, R-CLA-4)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet

from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.chronology.codes import Kind
from hearth.chronology.models import Event
from hearth.core import visibility
from hearth.frontdoor.models import ContactPerson
from hearth.looked_after.models import CarePeriod, Episode, Placement
from hearth.people.models import Person
from hearth.protection.models import Conference, StrategyDiscussion


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


# ---------------------------------------------------------------------------------------------
# Who sees what (issue 17, helper 2): looked-after records are seen by whoever sees the child;
# a hidden placement address only by the child's own workers, their managers and the IRO.


def child_scope(user):
    """Registered with ``core.visibility`` for the period, its episodes, placements and
    amendments: whoever sees the child sees them (None: nobody)."""
    seen = visibility_apply(Person.objects.live(), user)
    return Q(child__in=seen.values("pk"))


def amendment_scope(user):
    return Q(period__child__in=visibility_apply(Person.objects.live(), user).values("pk"))


def visibility_apply(qs, user):
    return visibility.apply(qs, user)


def iro_reach(user):
    """The IRO reaches the children whose open period of care they are allocated to."""
    if user.role != Role.IRO:
        return None
    return Q(Exists(CarePeriod.objects.filter(child=OuterRef("pk"), ended_on__isnull=True,
                                              iro_id=user.pk)))


def sees_hidden_address(user, child_id, period: CarePeriod | None) -> bool:
    """A hidden placement address: the child's own allocated workers (main or co-allocated,
    on an open involvement), their team's manager and the service's managers, and the IRO;
    never the birth family's other workers, never partners (one query at most)."""
    if period is not None and period.iro_id == user.pk:
        return True
    if user.role in (Role.MASH_PARTNER, Role.ADMINISTRATOR, Role.BUSINESS_SUPPORT):
        return False
    open_ = Involvement.objects.filter(person_id=child_id).exclude(
        status=InvolvementStatus.CLOSED)
    mine = Q(worker_id=user.pk) | Q(secondary_workers__worker_id=user.pk,
                                    secondary_workers__end_date__isnull=True)
    if user.role == Role.TEAM_MANAGER and user.team_id:
        mine |= Q(team_id=user.team_id)
    if user.role == Role.SERVICE_MANAGER and user.team_id:
        mine |= Q(team__service=user.team.service)
    return open_.filter(mine).exists()


def shown_address(user, placement: Placement, period: CarePeriod | None) -> tuple[str, str]:
    """(address, postcode) as ``user`` may see them: blank when hidden from them."""
    if placement.address_hidden and not sees_hidden_address(user, placement.child_id, period):
        return "", ""
    return placement.address, placement.postcode


ENTRY_KINDS = ("strategy", "conference", "front_door", "court_order")


def entry_record_exists(kind: str, ref_id: int, child_id) -> bool:
    """Whether the record a period of care started from is the child's: a strategy
    discussion, a conference, a front-door contact about them, or a court order recorded on
    their chronology (a legal status entry)."""
    if kind == "strategy":
        return StrategyDiscussion.objects.filter(pk=ref_id, person_id=child_id).exists()
    if kind == "conference":
        return Conference.objects.filter(pk=ref_id, person_id=child_id).exists()
    if kind == "front_door":
        return ContactPerson.objects.filter(contact_id=ref_id, person_id=child_id).exists()
    if kind == "court_order":
        return Event.objects.filter(pk=ref_id, person_id=child_id,
                                    kind=Kind.LEGAL_STATUS).exists()
    return False
