"""Reading what is due for children looked after (R-CLA-2..5): the IRO's reach, the children
in a user's scope, and each child's state — the next review, the plans, the next statutory
visit and the health and education checks — read for any number of children in a constant
number of queries (one per kind of record), then worked out by the pure rules.

Who sees what: the IRO sees the children whose period of care they are IRO for (a reach on
``Person``, registered from LookedAfterConfig.ready()); everyone else sees the children
``Person.objects.visible_to`` gives them. Records of a child are read only through a visible
child."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.rules import MANAGER_ROLES
from hearth.casework.queries import allocated_children, allocated_workers, team_children
from hearth.casework.queries import children_among as casework_children_among
from hearth.core.compiled import Among, compiled
from hearth.core.due import TEAM
from hearth.looked_after.codes import CheckKind
from hearth.looked_after.codes.reviews import HEALTH_ASSESSMENTS
from hearth.looked_after.models import (
    CarePeriod,
    Placement,
    Review,
)
from hearth.looked_after.queries import records
from hearth.looked_after.rules import health as health_rules
from hearth.looked_after.rules import plans as plan_rules
from hearth.looked_after.rules import reviews as review_rules
from hearth.looked_after.rules import visits as visit_rules
from hearth.people.models import Person
from hearth.visits.codes import VisitPurpose
from hearth.visits.queries import last_seen


def in_care() -> Q:
    return Q(Exists(CarePeriod.objects.filter(child=OuterRef("pk"), ended_on__isnull=True)))


def children_for(user, scope: str, person_id=None) -> QuerySet[Person] | None:
    """The children looked after whose work is the user's in ``scope`` (None: none): an IRO's
    own (they are IRO for), a worker's allocated children, a team manager's team's, a service
    manager's every child looked after they may see."""
    if scope != TEAM and user.role != Role.IRO:
        if user.role in MANAGER_ROLES or not user.has_hearth_permission("looked_after.view"):
            return None
        mine = allocated_children(user).filter(in_care())
        return mine if person_id is None else mine.filter(pk=person_id)
    if scope == TEAM and user.role == Role.TEAM_MANAGER:
        if not user.team_id:
            return None
        team = team_children(user).filter(in_care())
        return team if person_id is None else team.filter(pk=person_id)
    visible = Person.objects.visible_to(user).live().filter(in_care())
    if person_id is not None:
        visible = visible.filter(pk=person_id)
    if scope == TEAM:
        return visible if user.role == Role.SERVICE_MANAGER else None
    return visible.filter(Exists(CarePeriod.objects.filter(  # an IRO's own children
        child=OuterRef("pk"), ended_on__isnull=True, iro_id=user.pk)))


@dataclass
class CareState:
    """What is due for one child looked after (None: nothing due of that kind)."""

    period: CarePeriod
    placement: Placement | None
    next_review: review_rules.NextReview
    reviews_held: int
    care_plan_due: date | None = None
    placement_plan_due: date | None = None
    visit_due: date | None = None
    last_visit: date | None = None
    health_due: date | None = None
    health_initial: bool = True
    dental_due: date | None = None
    sdq_due: date | None = None
    pep_due: date | None = None
    worker_id: int | None = None
    extra: dict = field(default_factory=dict)

    @property
    def child(self) -> Person:
        return self.period.child

    @property
    def health_overdue(self) -> bool:
        return self.health_due is not None and self.health_due < timezone.localdate()


def _by(rows, key) -> dict:
    found: dict = defaultdict(list)
    for row in rows:
        found[key(row)].append(row)
    return found


@compiled
def _open_periods(p, among: str | None):
    return (CarePeriod.objects.filter(Among.where(p, "child_id", among), ended_on__isnull=True)
            .select_related("child", "iro").order_by("child__family_name", "child__given_name",
                                                     "pk"))


def children_among(user, scope: str, person_id=None) -> Among | None:
    """``children_for`` for a compiled query (``casework.queries.children_among``): a worker's
    allocated children as ids (those in care are the ones with an open period, which is what
    is read among them), anyone else's as their subquery compiled once."""
    return casework_children_among(user, scope, person_id, permission="looked_after.view",
                                   reader_role=Role.IRO, children_for=children_for)


def care_states(children: QuerySet[Person] | Among, *,
                today: date | None = None) -> list[CareState]:
    """Each child's state, for the open periods of ``children`` (a queryset of people or an
    ``Among``; a constant number of queries: ten, whatever the number of children, and one
    compiled once a process when none is in care)."""
    today = today or timezone.localdate()
    among = Among.of(children)
    periods = _open_periods.all(among.shape, **among.values)
    if not periods:
        return []  # nobody in care: nothing more to read (nor to build)
    period_ids = [p.pk for p in periods]
    ids = [p.child_id for p in periods]  # the children's visibility is read once, above
    placements = {p.period_id: p for p in records.open_placements.all(periods=period_ids)}
    first_starts = dict(records.first_placements.all(periods=period_ids))
    held = _by(records.reviews_held.all(periods=period_ids), lambda r: r[0])
    forward = {}
    for period_id, due_on, decided_at in records.review_date_changes.all(periods=period_ids):
        forward[period_id] = (due_on, timezone.localdate(decided_at))
    care_plans = set(records.care_plans.all(periods=period_ids))
    placement_plans = set(records.placement_plans.all(
        placements=[p.pk for p in placements.values()]))
    visits = last_seen(ids, VisitPurpose.LOOKED_AFTER)
    checks = {(c, k): d for c, k, d in records.last_checks.all(periods=period_ids)}
    peps = _by(records.education_plans.all(periods=period_ids), lambda r: r[0])
    states = []
    for period in periods:
        born = period.child.date_of_birth
        reviews = [d for _, d in held.get(period.pk, [])]
        brought = forward.get(period.pk)
        brought_to = (brought[0] if brought and (not reviews or brought[1] >= max(reviews))
                      else None)
        placement = placements.get(period.pk)
        state = CareState(period=period, placement=placement, reviews_held=len(reviews),
                          next_review=review_rules.next_review(period.started_on, reviews,
                                                               brought_to))
        first = first_starts.get(period.pk)
        if first is not None and period.pk not in care_plans:
            state.care_plan_due = plan_rules.care_plan_due(first, [])
        if placement is not None:
            if placement.pk not in placement_plans:
                state.placement_plan_due = plan_rules.placement_plan_due(
                    placement.started_on, [])
            seen = visits.get(period.child_id)
            state.last_visit = timezone.localdate(seen) if seen else None
            state.visit_due = visit_rules.visit_due(placement.started_on, state.last_visit,
                                                    long_term=placement.long_term)
        last_health = max((checks[(period.child_id, k)] for k in HEALTH_ASSESSMENTS
                           if (period.child_id, k) in checks), default=None)
        if last_health is None or last_health < period.started_on:
            state.health_due = health_rules.initial_health_due(period.started_on)
        else:
            state.health_initial = False
            state.health_due = health_rules.health_review_due(born, last_health)
        dental = checks.get((period.child_id, CheckKind.DENTAL))
        state.dental_due = health_rules.health_review_due(None, dental or period.started_on)
        state.sdq_due = health_rules.sdq_due(born, period.started_on,
                                             checks.get((period.child_id, CheckKind.SDQ)))
        state.pep_due = health_rules.pep_due(born, today,
                                             [d for _, d in peps.get(period.child_id, [])])
        states.append(state)
    return states


def care_state(child) -> CareState | None:
    """One child's state (None: not looked after now)."""
    found = care_states(Person.objects.filter(pk=child.pk))
    return found[0] if found else None


def reviews_of(child) -> QuerySet[Review]:
    return (Review.objects.filter(child=child).select_related("recorded_by", "difference")
            .order_by("-held_on", "-pk"))


def visible_review(user, review_id) -> Review:
    """A review of a child the user may see (404 otherwise)."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(
        Review.objects.filter(child__in=Person.objects.visible_to(user).live().values("pk"))
        .select_related("child", "period", "recorded_by", "difference"), pk=review_id)


def states_for(user, scope: str, person_id=None) -> list[CareState] | None:
    """The states of the user's children looked after in ``scope`` (None: none are theirs),
    read once a request for the reviews', plans', visits' and health sources alike."""
    from hearth.core import visibility

    def build():
        children = children_among(user, scope, person_id)
        if children is None:
            return None
        states = care_states(children)
        if scope == TEAM or user.role == Role.IRO:
            workers = allocated_workers([s.period.child_id for s in states])
            for s in states:
                s.worker_id = workers.get(s.period.child_id)
        return states

    return visibility.remembered(("looked_after.states", user.pk, user.role, user.team_id,
                                  scope, str(person_id or "")), build)
