"""What missing episodes add to the list of what is due (``hearth.core.due``): the return
interview, due 72 hours after the child returned (R-CLA-6), until it is offered — and, once
accepted, until it is held. The allocated worker's own (``mine``); a team manager's team's
(``team``; a service manager: the service's). One query; registered from MissingConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from hearth.access.codes import Role
from hearth.access.rules import MANAGER_ROLES
from hearth.casework.queries import allocated_children
from hearth.core.due import TEAM, DueItem, for_one_child, needs
from hearth.missing import queries, rules
from hearth.missing.models import MissingEpisode

LIMIT = 200


@needs("missing")
@for_one_child
def return_interviews(user, *, scope: str, person_id=None) -> list[DueItem]:
    if not user.has_hearth_permission("missing.view"):
        return []
    if scope == TEAM and user.role not in MANAGER_ROLES:
        return []
    if scope == TEAM or person_id is not None:
        qs = queries.visible_episodes(user)
    else:  # a worker's own: their allocated children's, read once a request (issue 14)
        qs = MissingEpisode.objects.filter(child__in=allocated_children(user))
    qs = qs.filter(ended_at__isnull=False).filter(
        Q(interview_offered_at__isnull=True)
        | Q(interview_accepted=True, interview_held_at__isnull=True))
    if person_id is not None:
        qs = qs.filter(child_id=person_id)
    if scope == TEAM and user.role != Role.SERVICE_MANAGER:
        qs = qs.filter(queries.worked_by_team(user))
    items = []
    for episode in qs.order_by("ended_at", "pk")[:LIMIT]:
        offered = episode.interview_offered_at is not None
        items.append(DueItem(
            person_id=str(episode.child_id), person_name=episode.child.display_name,
            what="Hold the return interview" if offered else "Offer a return interview",
            due=rules.interview_due(episode.ended_at or episode.started_at),
            kind="return_interview",
            link=reverse("missing:interview", args=[episode.pk])))
    return items
