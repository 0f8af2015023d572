"""The child protection dashboard (R-CP-1, R-CP-2): ICPCs due and overdue, Section 47 outcomes
waiting for a team manager's authorisation, reviews due, core groups overdue, children on
plans by category, and repeat plans.

For a team manager, their team's children; for the conference service (conference chairs)
and service managers, every child they may see (``queries_twoworkers.scope_children``). Two
queries, however many children: the enquiries still waiting for their ICPC, and the open
plans with their last core group meeting and the child's previous plan alongside.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from hearth.access.codes import Role
from hearth.casework.queries import team_among
from hearth.core.compiled import Among, compiled
from hearth.protection.codes import Category, ConferenceKind, S47Outcome
from hearth.protection.models import Conference, CoreGroupMeeting, CPPlan, Section47Enquiry
from hearth.protection.queries.twoworkers import scope_children
from hearth.protection.rules import pathway as rules


@dataclass
class Row:
    """One line of the dashboard: the record, what is due and when, and whether overdue."""

    record: Any
    due: date
    overdue: bool
    note: str = ""

    @property
    def person(self):
        return self.record.person


@dataclass
class Repeat:
    """A child on a plan who has been on one before."""

    plan: Any
    previous_end_on: date
    previous_plans: int
    within_two_years: bool

    @property
    def person(self):
        return self.plan.person


@dataclass
class CategoryCount:
    code: str
    label: str
    latest: int
    initial: int


@dataclass
class Dashboard:
    scope: str
    icpcs: list[Row]
    reviews: list[Row]
    core_groups: list[Row]
    categories: list[CategoryCount]
    on_plans: int
    repeats: list[Repeat]
    #: Section 47 outcomes (no conference) waiting for a team manager's authorisation.
    outcomes: list[Any]

    def count(self, rows: list[Row], *, overdue: bool) -> int:
        return sum(1 for r in rows if r.overdue == overdue)

    @property
    def figures(self) -> dict:
        return {
            "icpcs_due": self.count(self.icpcs, overdue=False),
            "icpcs_overdue": self.count(self.icpcs, overdue=True),
            "reviews_due": self.count(self.reviews, overdue=False),
            "reviews_overdue": self.count(self.reviews, overdue=True),
            "core_groups_overdue": len(self.core_groups),
            "children_on_plans": self.on_plans,
            "repeat_plans": len(self.repeats),
            "repeat_plans_within_two_years": sum(1 for r in self.repeats
                                                 if r.within_two_years),
            "outcomes_awaiting_authorisation": len(self.outcomes),
        }


def scope_label(user) -> str:
    if user.role == Role.TEAM_MANAGER:
        return f"Children with an open involvement with {user.team.name}" if user.team_id \
            else "You are not in a team"
    return "Every child you may see"


@compiled
def _waiting_for_icpc(p, among: str | None):
    icpcs = Conference.objects.filter(enquiry=OuterRef("pk"), kind=ConferenceKind.ICPC)
    arranged = icpcs.filter(held=False).order_by("held_on", "pk")
    return (Section47Enquiry.objects.filter(
        Among.where(p, "person_id", among), outcome__in=["", S47Outcome.SUBSTANTIATED_ICPC])
        .exclude(Exists(icpcs.filter(held=True)))
        .annotate(arranged_on=Subquery(arranged.values("held_on")[:1]),
                  arranged_id=Subquery(arranged.values("pk")[:1]))
        .select_related("person").order_by("icpc_due", "pk"))


def waiting_for_icpc(children) -> list[Any]:
    """Section 47 enquiries with no outcome yet or an outcome of "ICPC needed", for which no
    initial conference has been held; each with the date of an ICPC arranged (if any).
    ``children``: a queryset of people, a list of their ids, or an ``Among`` (one query,
    compiled once a process: issue 14)."""
    among = Among.of(children)
    return _waiting_for_icpc.all(among.shape, **among.values)


@compiled
def _awaiting_authorisation(p, among: str | None, one: bool):
    qs = (Section47Enquiry.objects.filter(Among.where(p, "person_id", among),
                                          returned_at__isnull=True)
          .exclude(proposed_outcome=""))
    if one:
        qs = qs.filter(person_id=p.uuid("person"))
    return qs.select_related("person", "proposed_by").order_by("proposed_at", "pk")


def awaiting_authorisation(children, person_id=None) -> list[Any]:
    """Section 47 enquiries whose outcome (not substantiated, or ICPC not required) waits for
    a team manager's authorisation (R-CP-1), oldest proposal first; with ``person_id``, one
    child's. ``children`` as for ``waiting_for_icpc`` (one query compiled once a process)."""
    among = Among.of(children)
    return _awaiting_authorisation.all(among.shape, person_id is not None, person=person_id,
                                       **among.values)


@compiled
def _open_plans(p, among: str | None):
    last = CoreGroupMeeting.objects.filter(plan=OuterRef("pk")).order_by("-held_on", "-pk")
    earlier = CPPlan.objects.filter(person=OuterRef("person"), end_on__isnull=False)
    return (CPPlan.objects.filter(Among.where(p, "person_id", among), end_on__isnull=True)
            .annotate(last_meeting_on=Subquery(last.values("held_on")[:1]),
                      next_meeting_on=Subquery(last.values("next_meeting_on")[:1]),
                      previous_end_on=Subquery(earlier.order_by("-end_on")
                                               .values("end_on")[:1]),
                      previous_plans=Coalesce(Subquery(
                          earlier.order_by().values("person")
                          .annotate(n=Count("pk")).values("n")[:1],
                          output_field=IntegerField()), Value(0)))
            .select_related("person", "lead_social_worker")
            .order_by("person__family_name", "person__given_name", "pk"))


def open_plans(children) -> list[Any]:
    """Open plans, each with its last core group meeting (date, next meeting) and the child's
    previous plans (how many, and when the last ended). ``children`` as for
    ``waiting_for_icpc``."""
    among = Among.of(children)
    return _open_plans.all(among.shape, **among.values)


def dashboard_among(user) -> Among:
    """The children the dashboard is about, for its compiled reads: a manager's team's (or
    service's) ``team_among`` — the dashboard reads only enquiries and plans, which make a
    child one of ``scope_children`` — a chair's as ``scope_children``'s subquery."""
    found = team_among(user)
    return found if found is not None else Among.of(scope_children(user).values("pk"))


def build(user, today: date) -> Dashboard:
    children = among = dashboard_among(user)  # no query: compiled once a process
    plans = open_plans(among)
    icpcs = [Row(e, e.icpc_due, rules.icpc_overdue(icpc_due=e.icpc_due, today=today,
                                                   outcome=e.outcome, icpc_held=False))
             for e in waiting_for_icpc(among)]
    reviews = []
    for plan in sorted(plans, key=lambda p: (p.next_review_due, p.pk)):
        state = rules.review_state(plan.next_review_due, today)
        if state is not None:
            reviews.append(Row(plan, plan.next_review_due, state == rules.OVERDUE))
    core_groups = []
    for plan in plans:
        due = rules.core_group_overdue(first_due=plan.first_core_group_due,
                                       last_held=plan.last_meeting_on,
                                       next_meeting_on=plan.next_meeting_on, today=today)
        if due is not None:
            core_groups.append(Row(plan, due, True, note="First meeting" if
                                   plan.last_meeting_on is None else "Next meeting"))
    core_groups.sort(key=lambda r: (r.due, r.record.pk))
    latest = Counter(p.latest_category for p in plans)
    initial = Counter(p.initial_category for p in plans)
    categories = [CategoryCount(code, str(label), latest[code], initial[code])
                  for code, label in Category.choices]
    repeats = [Repeat(p, p.previous_end_on, p.previous_plans,
                      rules.repeat_within(p.start_on, p.previous_end_on))
               for p in plans if p.previous_end_on is not None]
    return Dashboard(scope=scope_label(user), icpcs=icpcs, reviews=reviews,
                     core_groups=core_groups, categories=categories, on_plans=len(plans),
                     repeats=repeats, outcomes=awaiting_authorisation(children))

