"""Writes of care plans and placement plans (R-CLA-2): one transaction, one audit row."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.refusals import Refused, refuse_if
from hearth.looked_after.codes import PermanencePlan
from hearth.looked_after.models import CarePeriod, CarePlan, Placement, PlacementPlan
from hearth.looked_after.rules import plans as rules


@transaction.atomic
def do_record_care_plan(period: CarePeriod, *, acting_user, agreed_on: date | None,
                        permanence_plan: str, summary: str) -> CarePlan:
    """The care plan with its permanence plan (R-CLA-2)."""
    problems = rules.plan_problems(agreed_on=agreed_on, today=timezone.localdate(),
                                   summary=summary or "")
    if permanence_plan not in PermanencePlan.values:
        problems["permanence_plan"] = "Select the permanence plan from the list"
    refuse_if(problems)
    assert agreed_on is not None
    plan = CarePlan.objects.create(period=period, child=period.child, agreed_on=agreed_on,
                                   permanence_plan=permanence_plan, summary=summary.strip(),
                                   recorded_by=acting_user, recorded_at=timezone.now())
    audit.record("recorded_a_care_plan", user=acting_user, obj=period.child,
                 fields={"care_plan": plan.pk, "permanence_plan": permanence_plan})
    return plan


@transaction.atomic
def do_record_placement_plan(placement: Placement, *, acting_user, agreed_on: date | None,
                             summary: str) -> PlacementPlan:
    """A placement plan for this placement (R-CLA-2), agreed before it or after it started."""
    if placement.ended_on is not None:
        raise Refused("This placement has ended: record the plan of the child's placement now.",
                      "placement")
    refuse_if(rules.plan_problems(agreed_on=agreed_on, today=timezone.localdate(),
                                  summary=summary or ""))
    assert agreed_on is not None
    plan = PlacementPlan.objects.create(placement=placement, child=placement.child,
                                        agreed_on=agreed_on, summary=summary.strip(),
                                        recorded_by=acting_user, recorded_at=timezone.now())
    audit.record("recorded_a_placement_plan", user=acting_user, obj=placement.child,
                 fields={"placement_plan": plan.pk, "placement": placement.pk})
    return plan
