"""What child protection adds to the list of what is due (``hearth.core.due``, issue 15):
initial and review conferences (R-CP-1, R-CP-2), core group meetings, visits to the children on
plans (a local setting, default every 10 working days), the actions agreed at
strategy discussions, and Section 47 outcomes waiting for a manager's authorisation.
Registered from ProtectionConfig.ready().

A worker's own: their allocated children's, and the plans they lead. A conference chair's:
the conferences due for every child the conference service works with. A manager's team
(``scope="team"``): the children of their team (a service manager: every child they may
see), each item for the child's allocated worker or the plan's lead. Each source takes the
same few queries however many children: the dashboard's reads (``queries.dashboard``) and
the allocated workers in one more.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from hearth.access.codes import Role
from hearth.access.rules import MANAGER_ROLES
from hearth.casework.queries import (
    allocated_children,
    allocated_children_ids,
    allocated_workers,
    team_among,
)
from hearth.casework.queries import children_among as casework_children_among
from hearth.core import visibility
from hearth.core.compiled import Among, compiled
from hearth.core.due import MINE, TEAM, DueItem, for_one_child, needs
from hearth.people.models import Person
from hearth.protection.codes import ConferenceKind
from hearth.protection.models import CPPlan, StrategyAction
from hearth.protection.queries.dashboard import awaiting_authorisation, open_plans, waiting_for_icpc
from hearth.protection.queries.twoworkers import scope_children
from hearth.protection.rules import pathway as rules
from hearth.visits.codes import VisitPurpose
from hearth.visits.queries import last_seen


def children_for(user, scope: str, person_id=None) -> QuerySet[Person] | None:
    """The children whose child protection work is the user's in ``scope`` (None: none);
    with ``person_id``, only that child (for the header on a child's pages)."""
    children = _children_for(user, scope)
    if children is None or person_id is None:
        return children
    return children.filter(pk=person_id)


def _children_for(user, scope: str) -> QuerySet[Person] | None:
    if scope == TEAM:
        return scope_children(user) if user.role in MANAGER_ROLES else None
    if user.role == Role.CONFERENCE_CHAIR:
        return scope_children(user)
    if user.role in MANAGER_ROLES or not user.has_hearth_permission("protection.view"):
        return None
    return allocated_children(user, also=CPPlan.objects.filter(
        end_on__isnull=True, lead_social_worker=user).values_list("person_id", flat=True))


def children_among(user, scope: str, person_id=None) -> Among | None:
    """``children_for`` for a compiled query (``casework.queries.children_among``): a worker's
    own children (those they are allocated and the plans they lead) as a list of ids, a
    manager's or a chair's as their compiled subquery."""
    return casework_children_among(
        user, scope, person_id, permission="protection.view", reader_role=Role.CONFERENCE_CHAIR,
        children_for=children_for, also=lambda: _plans_led.all(user=user.pk))


@compiled
def _plans_led(p):
    return CPPlan.objects.filter(end_on__isnull=True, lead_social_worker_id=p.integer(
        "user")).order_by().values_list("person_id", flat=True)


def _open_plans(user, scope: str, person_id=None) -> list | None:
    """The open plans of the user's children in ``scope`` (None: none are theirs), read once
    a request for conferences, core groups and visits alike."""
    def build():
        children = children_among(user, scope, person_id)
        return None if children is None else open_plans(children)

    return visibility.remembered(("protection.due.open_plans", user.pk, user.role,
                                  user.team_id, scope, str(person_id or "")), build)


def _item(person, **fields) -> DueItem:
    return DueItem(person_id=str(person.pk), person_name=person.display_name, **fields)


@needs("s47", "cp_plans")
@for_one_child
def conferences(user, *, scope: str, person_id=None) -> list[DueItem]:
    """Initial conferences due (R-CP-1: 15 working days from the strategy discussion) and
    review conferences due within ``rules.REVIEW_WINDOW_DAYS`` or overdue (R-CP-2)."""
    children = children_among(user, scope, person_id)
    if children is None:
        return []
    today = timezone.localdate()
    enquiries = waiting_for_icpc(children)
    plans = _open_plans(user, scope, person_id) or []
    workers = allocated_workers([e.person_id for e in enquiries]) if scope == TEAM else {}
    items = []
    for e in enquiries:
        if e.arranged_id:
            link = reverse("protection:conference", args=[e.arranged_id])
            what = "Hold the initial child protection conference"
        elif not e.outcome:  # the enquiry's outcome comes first (R-CP-1)
            link = reverse("protection:enquiry", args=[e.pk])
            what = "Record the Section 47 outcome: the ICPC is due"
        else:
            link = (reverse("protection:conference_new", args=[e.person_id])
                    + f"?kind={ConferenceKind.ICPC}&enquiry={e.pk}")
            what = "Arrange the initial child protection conference"
        items.append(_item(e.person, what=what, due=e.icpc_due, kind="icpc", link=link,
                           for_user_id=workers.get(e.person_id)))
    for plan in plans:
        if rules.review_state(plan.next_review_due, today) is None:
            continue
        items.append(_item(
            plan.person, what="Review child protection conference", due=plan.next_review_due,
            kind="cp_review", for_user_id=plan.lead_social_worker_id,
            link=(reverse("protection:conference_new", args=[plan.person_id])
                  + f"?kind={ConferenceKind.RCPC}&plan={plan.pk}")))
    return items


@needs("cp_plans")
@for_one_child
def core_groups(user, *, scope: str, person_id=None) -> list[DueItem]:
    """The next core group meeting of each open plan: the first within 10 working days of the
    ICPC (R-CP-2), then the date set at the last meeting."""
    if user.role == Role.CONFERENCE_CHAIR:
        return []
    plans = _open_plans(user, scope, person_id)
    if plans is None:
        return []
    items = []
    for plan in plans:
        due = rules.core_group_due(first_due=plan.first_core_group_due,
                                   last_held=plan.last_meeting_on,
                                   next_meeting_on=plan.next_meeting_on)
        if due is None:
            continue
        what = ("First core group meeting" if plan.last_meeting_on is None
                else "Core group meeting")
        items.append(_item(plan.person, what=what, due=due, kind="core_group",
                           for_user_id=plan.lead_social_worker_id,
                           link=reverse("protection:core_group_meeting_new", args=[plan.pk])))
    return items


@needs("cp_plans")
@for_one_child
def cp_visits(user, *, scope: str, person_id=None) -> list[DueItem]:
    """The next visit to each child on an open plan, seen at least every
    ``HEARTH_CP_VISIT_WORKING_DAYS`` working days (``rules.cp_visit_due``); for the plan's
    lead social worker. Two queries: the plans, and each child's last visit seen. Only a
    statutory CP visit counts (``Visit.purpose``, issue 17); visits recorded before visits had a
    purpose were marked "cp" when the child was on a plan that day (migration
    ``protection/0005_cp_visit_purposes``)."""
    if user.role == Role.CONFERENCE_CHAIR:
        return []
    plans = _open_plans(user, scope, person_id)
    if plans is None:
        return []
    seen_last = last_seen([p.person_id for p in plans], VisitPurpose.CP)
    items = []
    for plan in plans:
        seen = seen_last.get(plan.person_id)
        due = rules.cp_visit_due(
            plan_start=plan.start_on,
            last_seen_on=timezone.localdate(seen) if seen else None,
            working_days=settings.HEARTH_CP_VISIT_WORKING_DAYS)
        items.append(_item(plan.person, what="Visit: see the child (child protection plan)",
                           due=due, kind="cp_visit", for_user_id=plan.lead_social_worker_id,
                           link=reverse("visits:new", args=[plan.person_id])))
    return items


@needs("s47")
@for_one_child
def outcomes_to_authorise(user, *, scope: str, person_id=None) -> list[DueItem]:
    """A manager's own: Section 47 outcomes (no conference) waiting for their authorisation
    (R-CP-1), due from the day they were proposed."""
    if scope != MINE or user.role not in MANAGER_ROLES:
        return []
    return [_item(e.person, what="Authorise the Section 47 outcome",
                  due=timezone.localdate(e.proposed_at), kind="s47_outcome",
                  for_user_id=e.proposed_by_id, authorise=True,
                  link=reverse("protection:enquiry_outcome_decision", args=[e.pk]))
            for e in awaiting_authorisation(team_among(user), person_id)]


OWNED = "owned"  # the shape of a worker's own actions (not among children)


@compiled
def _open_actions(p, among: str | None, one: bool):
    """Strategy actions with a date, not yet done: owned by the user (``among`` is
    ``OWNED``) or about children among ``among``; with ``one``, about one child."""
    qs = StrategyAction.objects.filter(done_on__isnull=True, due_on__isnull=False)
    if among == OWNED:
        qs = qs.filter(owner_user_id=p.integer("user"))
    else:
        qs = qs.filter(Among.where(p, "discussion__person_id", among))
    if one:
        qs = qs.filter(discussion__person_id=p.uuid("person"))
    return qs.select_related("discussion__person").order_by("due_on", "pk")


@needs("strategy")
@for_one_child
def strategy_actions(user, *, scope: str, person_id=None) -> list[DueItem]:
    """The actions agreed at a strategy discussion with a date, not yet done: a worker's own
    (they own it), a manager's team's (``scope="team"``: those about their team's children)."""
    if scope == TEAM:
        among = team_among(user)
        if among is None:
            return []
        actions = _open_actions.all(among.shape, person_id is not None, person=person_id,
                                    **among.values)
    else:  # their own actions, then which of those children they may see (issue 14)
        actions = _open_actions.all(OWNED, person_id is not None, person=person_id,
                                    user=user.pk)
    if scope != TEAM and actions:
        seen = set(allocated_children_ids(
            user, also={a.discussion.person_id for a in actions}))
        actions = [a for a in actions if a.discussion.person_id in seen]
    return [_item(a.discussion.person,
                  what="Strategy discussion action: " + Truncator(a.action).chars(80),
                  due=a.due_on, kind="strategy_action", for_user_id=a.owner_user_id,
                  link=reverse("protection:strategy", args=[a.discussion_id]))
            for a in actions]
