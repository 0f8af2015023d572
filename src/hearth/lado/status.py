"""What a LADO matter adds to a child's record (R-LADO-3): on the child at a glance
(``hearth.core.status``) and as a panel on the person page (``PERSON_PANELS``), only "A LADO
matter concerns this child" and the LADO officer to contact — for everyone who may see the
child, and with the link to the matter only for the LADO service. One query for both (the
marker is read once a request). Registered from LadoConfig.ready()."""

from __future__ import annotations

from django.urls import reverse

from hearth.core.status import Status
from hearth.lado.queries.markers import child_marker
from hearth.lado.queries.matters import in_lado_service
from hearth.people.queries.persons import PLAN, Panel


def _link(marker, user) -> str:
    if len(marker.matter_ids) == 1 and in_lado_service(user):
        return reverse("lado:matter", args=[marker.matter_ids[0]])
    return ""


def lado_statuses(person, user) -> list[Status]:
    marker = child_marker(person)
    if marker is None:
        return []
    return [Status("lado_matter", "LADO matter", f"{marker.text} — {marker.contact}",
                   tone="purple", rank=40, link=_link(marker, user))]


def lado_panel(user, person) -> Panel | None:
    """The person page's marker (its place: after the current plan)."""
    marker = child_marker(person)
    if marker is None:
        return None
    ids = marker.matter_ids if in_lado_service(user) else ()
    return Panel("lado/_person_marker.html", {"marker": marker, "lado_matter_ids": ids},
                 place=PLAN)
