"""What missing episodes add to the list of what is due (``hearth.core.due``): the return
interview, due 72 hours after the child returned (R-CLA-6), until it is offered — and, once
accepted, until it is held. The allocated worker's own (``mine``); a team manager's team's
(``team``; a service manager: the service's). One query; registered from MissingConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from hearth.access.rules import MANAGER_ROLES
from hearth.casework.queries import allocated_children_ids, team_among
from hearth.core import visibility
from hearth.core.compiled import Among, compiled
from hearth.core.due import TEAM, DueItem, for_one_child, needs
from hearth.missing import queries, rules
from hearth.missing.models import MissingEpisode
from hearth.people.models import Person

LIMIT = 200


@compiled
def _waiting(p, among: str | None, one: bool, limit: int):
    """Returned children's episodes whose interview is still to offer or to hold, among
    ``among``'s children (and one child's, with ``one``): compiled once a process."""
    qs = (MissingEpisode.objects.filter(Among.where(p, "child_id", among),
                                        ended_at__isnull=False)
          .filter(Q(interview_offered_at__isnull=True)
                  | Q(interview_accepted=True, interview_held_at__isnull=True)))
    if one:
        qs = qs.filter(child_id=p.uuid("person"))
    return qs.select_related(*queries.PARTS).order_by("ended_at", "pk")[:limit]


@needs("missing")
@for_one_child
def return_interviews(user, *, scope: str, person_id=None) -> list[DueItem]:
    if not user.has_hearth_permission("missing.view"):
        return []
    if scope == TEAM and user.role not in MANAGER_ROLES:
        return []
    if scope == TEAM:  # a team manager's team's children, a service manager's every child
        among = team_among(user)
    elif person_id is not None:  # the header on one child's pages: any child the user sees
        sql, params = visibility.visible_sql(Person, user)
        among = Among(sql=sql, params=params)
    else:  # a worker's own: their allocated children's, read once a request (issue 14)
        among = Among(ids=allocated_children_ids(user))
    if among is None:
        return []
    episodes = _waiting.all(among.shape, person_id is not None, LIMIT, person=person_id,
                            **among.values)
    items = []
    for episode in episodes:
        offered = episode.interview_offered_at is not None
        items.append(DueItem(
            person_id=str(episode.child_id), person_name=episode.child.display_name,
            what="Hold the return interview" if offered else "Offer a return interview",
            due=rules.interview_due(episode.ended_at or episode.started_at),
            kind="return_interview",
            link=reverse("missing:interview", args=[episode.pk])))
    return items
