"""What child protection adds to the child at a glance (issue 15): "Child protection plan since
…, category …" while the child has an open plan (R-CP-2), for readers of child protection
records, linking to the plan (``hearth.core.status``); and on the person page, the current
plan with its outline — what must change (``PERSON_PANELS``, place ``PLAN``). One query for
both (the open plan is read once per loaded record), and one for the review conferences'
changes to the outline when there is a plan. Registered from ProtectionConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hearth.core.compiled import compiled
from hearth.core.status import Status
from hearth.protection.models import CPPlan
from hearth.protection.queries.conferences import outline_plan
from hearth.protection.rules import pathway as rules

PLAN_ATTR = "_hearth_open_cp_plan"


@compiled
def _open_plan(p):
    return (CPPlan.objects.filter(person_id=p.uuid("person"), end_on__isnull=True)
            .select_related("conference", "lead_social_worker").order_by("-start_on", "-pk")[:1])


def open_plan(person) -> CPPlan | None:
    """The child's open plan with its conference and lead, read once per loaded record."""
    if PLAN_ATTR not in person.__dict__:
        person.__dict__[PLAN_ATTR] = _open_plan.first(person=person.pk)
    return person.__dict__[PLAN_ATTR]


def protection_statuses(person, user) -> list[Status]:
    if not user.has_hearth_permission("protection.view"):
        return []
    plan = open_plan(person)
    if plan is None:
        return []
    return [Status("cp_plan", "Child protection plan",
                   f"since {date_format(plan.start_on, 'j F Y')}, category "
                   f"{plan.get_latest_category_display()}",
                   tone="red", rank=10, link=reverse("protection:plan", args=[plan.pk]),
                   supersedes=("child_in_need",))]


def plan_panel(user, person):
    """The person page's current plan: the open child protection plan, its outline and when
    its next review is due."""
    from hearth.people.queries.persons import PLAN, Panel

    if not user.has_hearth_permission("protection.view"):
        return None
    plan = open_plan(person)
    if plan is None:
        return None
    return Panel("protection/conferences/_current_plan.html", {
        "plan": plan, "outline": outline_plan(plan),
        "review_overdue": rules.review_overdue(due=plan.next_review_due,
                                               today=timezone.localdate(), is_open=True)},
        place=PLAN)
