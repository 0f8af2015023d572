"""What child in need plans add to the list of what is due (``hearth.core.due``): the next CIN
meeting of each open plan (R-CIN-1: on the date set at the last meeting, and at the latest
``HEARTH_CIN_REVIEW_MONTHS`` after it or the plan's start) and the next statutory CIN visit
(``HEARTH_CIN_VISIT_WORKING_DAYS`` working days after the last visit with the purpose "CIN" at
which the child was seen). A worker's own: their allocated children's plans and the plans
they started; a manager's team (``scope="team"``): a team manager's team's children, a service
manager's every child they may see, each item for the child's allocated worker. A constant
number of queries however many plans. Registered from CinConfig.ready()."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from hearth.access.codes import Role
from hearth.casework.queries import (
    allocated_children,
    allocated_children_ids,
    allocated_workers,
    team_among,
    team_children,
)
from hearth.cin import queries, rules
from hearth.cin.models import CINMeeting, CINPlan
from hearth.core import visibility
from hearth.core.compiled import Among, compiled
from hearth.core.due import TEAM, DueItem, for_one_child, needs
from hearth.people.models import Person
from hearth.visits.codes import VisitPurpose
from hearth.visits.queries import last_seen


def _children(user, scope: str) -> QuerySet[Person] | None:
    if not user.has_hearth_permission("cin.view"):
        return None
    if scope == TEAM:
        if user.role == Role.TEAM_MANAGER and user.team_id:
            return team_children(user)
        if user.role == Role.SERVICE_MANAGER:
            return Person.objects.visible_to(user).live()
        return None
    return allocated_children(user, also=_started_by(user))


@compiled
def _started(p):
    return CINPlan.objects.filter(end_on__isnull=True, created_by_id=p.integer(
        "user")).order_by().values_list("person_id", flat=True)


def _started_by(user) -> list:
    """The children of the open plans ``user`` started (one query compiled once a process)."""
    return _started.all(user=user.pk)


def _children_among(user, scope: str, person_id=None) -> Among | None:
    """``_children`` for a compiled query: a worker's own as ids, a manager's team-wide list's
    as ``team_among`` (the plans read among them are open plans, which is what makes a child
    one of the team's here); one child's (the header's) as their subquery."""
    if not user.has_hearth_permission("cin.view"):
        return None
    if scope == TEAM:
        if person_id is None:
            return team_among(user)
        children = _children(user, scope)
        return None if children is None else Among.of(children.filter(pk=person_id))
    ids = allocated_children_ids(user, also=_started_by(user))
    if person_id is not None:
        ids = [pk for pk in ids if str(pk) == str(person_id)]
    return Among(ids=ids)


@compiled
def _open_plans_among(p, among: str | None):
    return (CINPlan.objects.filter(Among.where(p, "person_id", among), end_on__isnull=True)
            .select_related("person").order_by("start_on", "pk"))


@compiled
def _meetings_of(p):
    return (CINMeeting.objects.filter(plan_id__any=p.integers("plans"))
            .order_by().values_list("plan_id", "held_on"))


def _open_plans(user, scope: str, person_id=None) -> tuple[list[CINPlan], dict]:
    """The open plans of the user's children in ``scope`` and the days each plan's meetings
    were held, read once a request for meetings and visits alike: two queries compiled once
    a process (issue 14)."""
    if person_id is not None and not any(p.end_on is None
                                         for p in queries.plans_of(user, person_id)):
        return [], {}  # one child (the header): no open plan, nothing more to read

    def build():
        children = _children_among(user, scope, person_id)
        if children is None:
            return [], {}
        plans = _open_plans_among.all(children.shape, **children.values)
        held: dict = {}
        if plans:
            for plan_id, held_on in _meetings_of.all(plans=[plan.pk for plan in plans]):
                held.setdefault(plan_id, []).append(held_on)
        return plans, held

    return visibility.remembered(("cin.due.open_plans", user.pk, user.role, user.team_id,
                                  scope, str(person_id or "")), build)


def last_cin_visits(person_ids) -> dict:
    """Each child's last statutory CIN visit at which they were seen: one query."""
    return last_seen(person_ids, VisitPurpose.CIN)


def _meeting_due(plan: CINPlan, held: list[date] | None = None) -> date:
    """The plan's next meeting due, from the days its meetings were held (its prefetched
    meetings when not given)."""
    if held is None:
        held = [m.held_on for m in plan.meetings.all()]
    return rules.next_meeting_due(start_on=plan.start_on, last_held_on=max(held, default=None),
                                  next_meeting_on=plan.next_meeting_on,
                                  months=settings.HEARTH_CIN_REVIEW_MONTHS)


def _visit_due(plan: CINPlan, seen) -> date:
    return rules.visit_due(start_on=plan.start_on,
                           last_seen_on=timezone.localdate(seen) if seen else None,
                           working_days=settings.HEARTH_CIN_VISIT_WORKING_DAYS)


def dues_of(plan: CINPlan) -> tuple[date, date]:
    """One plan's next meeting and next visit due (the person page's panel)."""
    seen = last_cin_visits([plan.person_id]).get(plan.person_id)
    return _meeting_due(plan), _visit_due(plan, seen)


def _for(user, scope: str, plans: list[CINPlan]) -> dict:
    if scope != TEAM:
        return {plan.person_id: user.pk for plan in plans}
    return allocated_workers([plan.person_id for plan in plans])


def _item(plan: CINPlan, **fields) -> DueItem:
    return DueItem(person_id=str(plan.person_id), person_name=plan.person.display_name,
                   **fields)


@needs("cin_plans")
@for_one_child
def cin_meetings(user, *, scope: str, person_id=None) -> list[DueItem]:
    """The next CIN meeting of each open plan (R-CIN-1)."""
    plans, held = _open_plans(user, scope, person_id)
    workers = _for(user, scope, plans)
    return [_item(plan, what="CIN meeting: review the child in need plan",
                  due=_meeting_due(plan, held.get(plan.pk, [])), kind="cin_meeting",
                  for_user_id=workers.get(plan.person_id),
                  link=reverse("cin:meeting", args=[plan.pk])) for plan in plans]


@needs("cin_plans")
@for_one_child
def cin_visits(user, *, scope: str, person_id=None) -> list[DueItem]:
    """The next statutory CIN visit to each child on an open plan (R-CIN-1)."""
    plans, _held = _open_plans(user, scope, person_id)
    if not plans:
        return []
    seen = last_cin_visits([plan.person_id for plan in plans])
    workers = _for(user, scope, plans)
    return [_item(plan, what="Visit: see the child (child in need plan)",
                  due=_visit_due(plan, seen.get(plan.person_id)), kind="cin_visit",
                  for_user_id=workers.get(plan.person_id),
                  link=reverse("visits:new", args=[plan.person_id])) for plan in plans]
