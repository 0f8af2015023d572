"""Reviews due (R-CLA-3): the IRO's own (the children they are IRO for: their home list), and
a manager's team's (``scope="team"``), each for the child's IRO. Shared reads: a constant
number of queries however many children (``queries.reviews.states_for``)."""

from __future__ import annotations

from django.urls import reverse

from hearth.access.codes import Role
from hearth.core.due import MINE, DueItem, for_one_child, needs
from hearth.looked_after.queries.reviews import states_for


@needs("care_periods", "care_episodes")
@for_one_child
def reviews_due(user, *, scope: str, person_id=None) -> list[DueItem]:
    if scope == MINE and user.role != Role.IRO:
        return []
    states = states_for(user, scope, person_id) or []
    return [DueItem(person_id=str(s.child.pk), person_name=s.child.display_name,
                    what=f"{s.next_review.label} of the child looked after"
                         + (" (brought forward)" if s.next_review.brought_forward else ""),
                    due=s.next_review.due_on, kind="cla_review",
                    link=reverse("looked_after:review_new", args=[s.child.pk]),
                    for_user_id=s.period.iro_id)
            for s in states]
