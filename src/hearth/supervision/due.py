"""What supervision adds to the list of what is due (``hearth.core.due``, issue 15): for a
manager, the supervision of each worker they supervise, due ``every_days`` after the last one
held (R-SUP-3, ``rules.supervision_due``; a worker never supervised is due now). Not about a
child: the items name the worker. Registered from
SupervisionConfig.ready(); two queries however many workers (``queries.due_for``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from hearth.core.due import MINE, DueItem, for_one_child
from hearth.supervision.queries import due_for, supervised_worker_list


@for_one_child
def supervision(user, *, scope: str, person_id=None) -> list[DueItem]:
    """A supervisor's own: each worker's next supervision (a worker's supervision is the
    supervisor's to arrange, so it is not on the worker's list). Never about one child."""
    if person_id is not None or scope != MINE or \
            not user.has_hearth_permission("supervision.record"):
        return []
    today = timezone.localdate()
    return [DueItem(person_id="", person_name=row["worker"].display_name,
                    what=("Supervision (never held)" if row["due"].next_due is None
                          else "Supervision"),
                    due=row["due"].next_due or today, kind="supervision",
                    for_user_id=row["worker"].pk,
                    link=reverse("supervision:worker", args=[row["worker"].pk]))
            for row in due_for(supervised_worker_list(user), today)]
