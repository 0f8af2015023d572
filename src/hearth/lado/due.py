"""What LADO matters add to the list of what is due (``hearth.core.due``): the LADO's response
to each notification, due 24 working hours after the LADO was told (R-LADO-2). A LADO
officer's own (``mine``: the matters they hold and those no officer has taken yet); the LADO's
service manager's (``team``: every matter waiting, naming the officer). Items name the matter
by its reference, never a child (``person_id`` is empty: they never show on a child's header).
One query; registered from LadoConfig.ready()."""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse

from hearth.access.codes import Role
from hearth.core.due import MINE, TEAM, DueItem
from hearth.lado.codes import OPEN_STATUSES
from hearth.lado.models import Matter
from hearth.lado.queries.matters import in_lado_service, visible_matters

#: The most responses the list shows (the queue has them all).
LIMIT = 200


def item(matter: Matter) -> DueItem:
    return DueItem(person_id="", person_name=f"LADO matter {matter.reference}",
                   what="Respond to the LADO notification", due=matter.response_due,
                   kind="lado_response", link=reverse("lado:matter", args=[matter.pk]),
                   for_user_id=matter.lado_officer_id)


def responses(user, *, scope: str) -> list[DueItem]:
    if not in_lado_service(user):
        return []
    waiting = visible_matters(user).filter(status__in=OPEN_STATUSES, responded_at__isnull=True)
    if scope == MINE and user.role == Role.LADO:
        waiting = waiting.filter(Q(lado_officer=user) | Q(lado_officer__isnull=True))
    elif not (scope == TEAM and user.role == Role.SERVICE_MANAGER):
        return []
    return [item(m) for m in waiting.order_by("response_due", "pk")[:LIMIT]]
