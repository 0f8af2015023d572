"""Who sees a child in need plan, and the reads its pages, API, panel, status and due list
share. A CIN plan is seen by whoever sees its child (``Person.objects.visible_to``); anyone
else gets 404. Registered with ``core.visibility`` from CinConfig.ready()."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from hearth.cin.models import ActionProgress, CINAction, CINMeeting, CINPlan
from hearth.core import presence, visibility
from hearth.core.compiled import compiled
from hearth.core.prefetched import attach
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Person

PARTS = ("person", "assessment", "created_by", "ended_by")


def plan_scope(user) -> Q:
    """Registered with ``core.visibility``: the plan's child is visible to the user (the
    people the user sees, compiled once a request)."""
    return Q(person__in=visibility.visible_pks(Person, user))


def visible_plans(user) -> QuerySet[CINPlan]:
    return CINPlan.objects.visible_to(user).select_related(*PARTS)


def get_visible_plan(user, plan_id) -> CINPlan:
    """The plan with its actions and meetings (a constant number of queries), or 404."""
    meetings = CINMeeting.objects.select_related("recorded_by").prefetch_related(
        Prefetch("progress", ActionProgress.objects.select_related("action")))
    return get_visible_or_404(
        visible_plans(user).prefetch_related("actions", Prefetch("meetings", meetings)),
        user, plan_id, "child in need plan")


def of_person(user, person) -> list[CINPlan]:
    """The child's CIN plans the user may see, newest first, with their actions and
    meetings: read once a request (one query when there is none, three when there are) for
    the child at a glance, the person page's panel and the header's due items; none without
    a query of its own when the child never had a plan."""
    if not presence.has(person, "cin_plans"):
        return []
    return plans_of(user, person.pk)


def plans_of(user, person_id) -> list[CINPlan]:
    """A child's plans the user may see (through the kept filter) with their actions and
    meetings: three queries compiled once a process (issue 14)."""
    def build():
        sql, params = visibility.visible_sql(CINPlan, user)
        plans = _plans_of.all(sql, person=person_id, visible=params)
        if plans:
            ids = [plan.pk for plan in plans]
            attach(plans, "actions", _actions_of.all(plans=ids), key="plan_id")
            attach(plans, "meetings", _meetings_of.all(plans=ids), key="plan_id")
        return plans

    return visibility.remembered(("cin.of_person", user.pk, user.role, user.team_id,
                                  str(person_id)), build)


def open_plan(user, person) -> CINPlan | None:
    return next((p for p in of_person(user, person) if p.end_on is None), None)


def last_held(plan: CINPlan):
    """The date of the plan's last meeting (its meetings are prefetched), or None."""
    held = [m.held_on for m in plan.meetings.all()]
    return max(held) if held else None


@compiled
def _plans_of(p, visible_sql: str):
    return (CINPlan.objects.filter(pk__in=p.sql("visible", visible_sql, CINPlan._meta.pk),
                                   person_id=p.uuid("person"))
            .select_related(*PARTS).order_by("-start_on", "-pk"))


@compiled
def _actions_of(p):
    return CINAction.objects.filter(plan_id__in=p.integers("plans")).order_by("position", "pk")


@compiled
def _meetings_of(p):
    return CINMeeting.objects.filter(plan_id__in=p.integers("plans")).order_by("held_on", "pk")
