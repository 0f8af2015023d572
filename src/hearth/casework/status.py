"""What casework adds to the child at a glance (``hearth.core.status``, issue 15): who the
child is allocated to (the worker and team of each live involvement, or that it waits for
allocation), and "child in need" while an involvement is open with a primary need other than
N9 ("cases other than children in need", DOMAIN.md §6; a plan that says more — a child
protection plan, being looked after — supersedes it). One query, none on the person page
(``queries.person_involvements`` is shared with its involvements panel).
Registered from CaseworkConfig.ready()."""

from __future__ import annotations

from django.utils.formats import date_format

from hearth.casework.codes import PrimaryNeed
from hearth.casework.models import InvolvementStatus
from hearth.casework.queries import person_involvements
from hearth.core.status import Allocation, Status

CHILD_IN_NEED = "child_in_need"


def casework_statuses(person, user) -> list[Status | Allocation]:
    live = [i for i in person_involvements(person) if i.status != InvolvementStatus.CLOSED]
    found: list[Status | Allocation] = [
        Allocation(worker=i.worker.display_name if i.worker else "",
                   team=i.team.name, service=i.get_service_display() if i.service else "")
        for i in live]
    open_ = [i for i in live if i.status == InvolvementStatus.OPEN
             and i.primary_need != PrimaryNeed.N9]
    if open_:
        first = min(open_, key=lambda i: (i.opened_on, i.pk))
        need = (f", {first.get_primary_need_display().lower()}"
                if first.primary_need and first.primary_need != PrimaryNeed.N0 else "")
        found.append(Status(CHILD_IN_NEED, "Child in need",
                            "open since " + date_format(first.opened_on, "j F Y") + need,
                            tone="blue", rank=30))
    return found
