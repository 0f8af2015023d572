"""Reads of visit safety plans (R-SAFE-2, R-SAFE-3): a plan is visible exactly when its person
is; the plans a worker may check in against; the visit action plan agreed in supervision.

Supervision sits above safety: it registers how to find its latest visit action plan into
``VISIT_ACTION_PLANS`` from its AppConfig, so safety never imports it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from hearth.core.registry import Registry
from hearth.core.visibility import get_visible_or_404, visible_pks
from hearth.people.models import Person
from hearth.safety.models import VisitPlan

#: ``finder(person_ids) -> session or None``: the most recent supervision that agreed a visit
#: action plan for any of these people (R-SAFE-3). Supervision registers one.
VISIT_ACTION_PLANS = Registry("the visit action plan agreed in supervision")


def visit_action_plan(person_ids: Iterable) -> Any:
    """The supervision session whose visit action plan covers these people, or None."""
    ids = list(person_ids)
    return next((found for found in VISIT_ACTION_PLANS.call_all(ids) if found), None)


def plan_scope(user) -> Q:
    """A visit plan is visible exactly when its person is (registered from the AppConfig)."""
    return Q(person__in=visible_pks(Person, user))


def visible_plans(user) -> QuerySet[VisitPlan]:
    return VisitPlan.objects.visible_to(user)


def get_visible_plan(user, plan_id) -> VisitPlan:
    """The plan with everyone it names loaded, or 404."""
    return get_visible_or_404(VisitPlan.objects.select_related(
        "person", "address", "worker", "joint_worker", "manager_agreed_by",
        "supervision_session"), user, plan_id, "visit plan")


def own_plans(user) -> QuerySet[VisitPlan]:
    """The visit plans a worker may check in against: their own, or ones they are the joint
    worker on, about a person they may see."""
    return VisitPlan.objects.filter(Q(worker=user) | Q(joint_worker=user),
                                    person__in=visible_pks(Person, user))
