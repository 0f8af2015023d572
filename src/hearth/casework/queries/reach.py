"""Who a practitioner reaches through involvements (``involvement_reach``, ``reached``) and
the visibility of involvements and their co-allocations."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from hearth.access.codes import Role
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.core import visibility
from hearth.core.visibility import visible_pks
from hearth.people.models import Person, Relationship
from hearth.people.queries.visibility import (
    visible_restricted_ids,
)

LIVE = ~Q(status=InvolvementStatus.CLOSED)


def involvement_scope(user) -> Q:
    """Who may see an involvement (registered with ``core.visibility``): whoever may see its
    child, while the child's record is live."""
    return Q(person__in=visible_pks(Person, user))


def link_scope(user) -> Q:
    """A secondary worker's link is seen with its involvement."""
    return Q(involvement__person__in=visible_pks(Person, user))


def visible_involvements(user) -> QuerySet[Involvement]:
    """Involvements of people the user may see."""
    return visibility.apply(Involvement.objects.all(), user)


#: Roles whose reach of people comes from their own and their team's involvements, or who see
#: every unrestricted person (``people.queries.visibility``): for them ``reached`` holds.
NOT_REACHED_BY_INVOLVEMENTS = {Role.CONFERENCE_CHAIR, Role.MASH_PARTNER, Role.ADMINISTRATOR}


def reached(user, qs: QuerySet[Involvement]) -> QuerySet[Involvement]:
    """``visible_to`` for involvements that reach their own child for this user — live ones
    they hold, or their team holds, or any live one for a role that sees every unrestricted
    person (a service manager, the front door). Such a child is visible when their record is
    live and not restricted (``involvement_reach``), so only restricted children go through
    the whole ``visible_to`` check: the same answer, without PostgreSQL working out who the
    user may see among all the council's people to count a team's cases (0.5 s at 86,000).
    ``qs`` must hold only such involvements."""
    if user.role in NOT_REACHED_BY_INVOLVEMENTS:
        return visibility.apply(qs, user)
    # The restricted records the user may see, read first (a partial index finds the few
    # there are; once a request): asked inside the query, as a subquery, PostgreSQL hashes all
    # the council's people to join a team's few hundred cases to them (25 ms at 86,000; 3 ms
    # this way, issue 14).
    seen = restricted_seen(user)
    return qs.filter(reach_of(Q(person_id__in=seen) if seen else None))


def reach_of(seen: Q | None) -> Q:
    """``reached``'s filter of cases: the child's record is live and not restricted, or is one
    the reader may see though restricted (``seen``: a filter of them, None when there are
    none; a compiled builder passes ``Q(person_id__any=p.uuids("seen"))``)."""
    plain = Q(person__restricted=False, person__merged_into__isnull=True)
    return plain if seen is None else plain | seen


def seen_param(p, restricted: bool) -> Q | None:
    """``reach_of``'s ``seen`` for a compiled builder whose shape says whether the reader
    sees any restricted record (``restricted``), the records then given as ``seen=[…]``."""
    return Q(person_id__any=p.uuids("seen")) if restricted else None


def restricted_seen(user) -> list:
    return visibility.remembered(
        ("casework.reached", user.pk, user.role, user.team_id),
        lambda: visible_restricted_ids(user))


def _involvement_scope(user) -> Q:
    if user.role == Role.SERVICE_MANAGER:
        return Q()
    # Co-allocated secondary workers (e.g. Building Bridges) see the children they work with.
    scope = Q(worker_id=user.pk) | Q(secondary_workers__worker_id=user.pk,
                                     secondary_workers__end_date__isnull=True)
    if user.team_id:
        scope |= Q(team_id=user.team_id)
    return scope


def involvement_reach(user) -> Q | None:
    """The people a practitioner reaches through involvements (registered with
    ``core.visibility`` for Person): the children of their own, their co-allocated and their
    team's open involvements, and those children's relatives. Conference chairs and partners
    reach people otherwise."""
    if user.role in (Role.CONFERENCE_CHAIR, Role.MASH_PARTNER):
        return None
    involvements = Involvement.objects.exclude(status=InvolvementStatus.CLOSED).filter(
        _involvement_scope(user))
    own = Exists(involvements.filter(person=OuterRef("pk")))
    related_out = Exists(Relationship.objects.filter(
        person=OuterRef("pk"), relative_id__in=involvements.values("person_id")))
    related_in = Exists(Relationship.objects.filter(
        relative=OuterRef("pk"), person_id__in=involvements.values("person_id")))
    return Q(own) | Q(related_out) | Q(related_in)
