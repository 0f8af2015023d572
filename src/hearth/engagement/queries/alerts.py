"""Who is involved with the family (R-RES-4): the practitioners and the partner agencies told
about hostility."""

from __future__ import annotations

from hearth.access.models import Agency, User
from hearth.casework.models import Involvement, InvolvementStatus, InvolvementWorker
from hearth.engagement.queries.events import LIVE
from hearth.engagement.queries.family import family_ids
from hearth.frontdoor.models import MashAgencyRequest
from hearth.people.models import AgencyShare, Person


def practitioners_involved(person: Person, *, exclude=None) -> list[dict]:
    """The Hearth users working with the family: allocated and secondary workers of the
    family's live involvements, each with what they do for whom."""
    ids = family_ids(person)
    roles: dict[int, list[str]] = {}
    users: dict[int, User] = {}
    for inv in (Involvement.objects.filter(LIVE, person_id__in=ids, worker__isnull=False,
                                           worker__is_active=True)
                .select_related("worker", "person")):
        worker = inv.worker
        assert worker is not None  # filtered above
        users[worker.pk] = worker
        roles.setdefault(worker.pk, []).append(
            f"allocated worker for {inv.person.display_name}")
    for link in (InvolvementWorker.objects.filter(involvement__person_id__in=ids,
                                                  end_date__isnull=True,
                                                  worker__is_active=True)
                 .exclude(involvement__status=InvolvementStatus.CLOSED)
                 .select_related("worker", "involvement__person")):
        users[link.worker.pk] = link.worker
        roles.setdefault(link.worker.pk, []).append(
            f"{link.get_role_display().lower()} for {link.involvement.person.display_name}")
    if exclude is not None:
        users.pop(exclude.pk, None)
    return [{"user": u, "roles": sorted(set(roles[u.pk]))}
            for u in sorted(users.values(), key=lambda u: (u.display_name, u.pk))]


def agencies_involved(person: Person) -> list[dict]:
    """Partner agencies the family's records were shared with, or asked in the MASH."""
    ids = family_ids(person)
    why: dict[int, set[str]] = {}
    for agency_id in AgencyShare.objects.filter(person_id__in=ids).values_list("agency_id",
                                                                               flat=True):
        why.setdefault(agency_id, set()).add("records shared with them")
    for agency_id in (MashAgencyRequest.objects
                      .filter(enquiry__contact__links__person_id__in=ids)
                      .values_list("agency_id", flat=True)):
        why.setdefault(agency_id, set()).add("asked in the MASH")
    return [{"agency": a, "why": sorted(why[a.pk])}
            for a in Agency.objects.filter(pk__in=why).order_by("name")]
