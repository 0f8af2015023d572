"""What engagement adds to the list of what is due (``hearth.core.due``, issue 15): open
follow-up tasks after repeated avoidance (R-RES-3), due on their date. A worker's own (assigned
to them); a manager's team's (``scope="team"``, ``queries.tasks.team_tasks``). Registered
from EngagementConfig.ready(); one query whatever the caseload."""

from __future__ import annotations

from django.urls import reverse

from hearth.core.due import TEAM, DueItem, needs
from hearth.engagement.queries.tasks import my_tasks, team_tasks


@needs("follow_ups")
def follow_up_tasks(user, *, scope: str) -> list[DueItem]:
    if not user.has_hearth_permission("engagement.view"):
        return []
    tasks = team_tasks(user) if scope == TEAM else my_tasks(user)
    return [DueItem(person_id=str(t.person_id), person_name=t.person.display_name,
                    what="Follow up a family who avoided contact", due=t.due_on,
                    kind="follow_up", for_user_id=t.assigned_to_id,
                    link=reverse("engagement:task", args=[t.pk]))
            for t in tasks]
