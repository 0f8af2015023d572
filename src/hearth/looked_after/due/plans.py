"""Care plans and placement plans due (R-CLA-2): the allocated worker's own, and their
manager's team's. Shared reads (``queries.reviews.states_for``)."""

from __future__ import annotations

from django.urls import reverse

from hearth.access.codes import Role
from hearth.core.due import DueItem, for_one_child, needs
from hearth.looked_after.queries.reviews import states_for


@needs("care_periods", "care_episodes")
@for_one_child
def plans_due(user, *, scope: str, person_id=None) -> list[DueItem]:
    if user.role == Role.IRO:
        return []
    items = []
    for s in states_for(user, scope, person_id) or []:
        link = reverse("looked_after:care", args=[s.child.pk])
        for what, due, kind in (("Agree the care plan (with the permanence plan)",
                                 s.care_plan_due, "cla_care_plan"),
                                ("Agree the placement plan", s.placement_plan_due,
                                 "cla_placement_plan")):
            if due is not None:
                items.append(DueItem(person_id=str(s.child.pk),
                                     person_name=s.child.display_name, what=what, due=due,
                                     kind=kind, link=link, for_user_id=s.worker_id))
    return items
