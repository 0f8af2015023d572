"""Statutory visits due (R-CLA-4): the next visit to each child looked after in a placement,
on the allocated worker's list and their manager's (``scope="team"``). Shared reads
(``queries.reviews.states_for``)."""

from __future__ import annotations

from django.urls import reverse

from hearth.access.codes import Role
from hearth.core.due import DueItem, for_one_child, needs
from hearth.looked_after.queries.reviews import states_for


@needs("care_periods", "care_episodes")
@for_one_child
def visits_due(user, *, scope: str, person_id=None) -> list[DueItem]:
    if user.role == Role.IRO:
        return []
    return [DueItem(person_id=str(s.child.pk), person_name=s.child.display_name,
                    what="Statutory visit: see the child looked after", due=s.visit_due,
                    kind="cla_visit", for_user_id=s.worker_id,
                    link=reverse("looked_after:visit_new", args=[s.child.pk]))
            for s in states_for(user, scope, person_id) or [] if s.visit_due is not None]
