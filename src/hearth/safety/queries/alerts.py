"""Who is told when a worker-safety warning is raised (R-SAFE-1: "colleagues are alerted"):
the workers involved with the family, the partner agencies involved with it, and the team
manager, who is asked to sign it off (``actions.warnings.tell_about_new_warning`` tells them).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.casework.models import Involvement, InvolvementStatus, InvolvementWorker
from hearth.frontdoor.models import MashAgencyRequest
from hearth.people.models import AgencyShare, PersonAddress
from hearth.safety.models import WorkerWarning
from hearth.safety.queries.family import current, family_map
from hearth.safety.queries.warnings import place_of


def family_of_warning(warning: WorkerWarning) -> set:
    """The people a warning concerns: its person, or who lives at its address now; and
    their families."""
    if warning.person_id:
        people = {warning.person_id}
    else:
        key = place_of(warning)
        homes = current(PersonAddress.objects.all(), timezone.localdate())
        where = Q(address_id=warning.address_id)
        if key:
            where |= Q(address__line1__iexact=key[0], address__postcode_norm=key[1])
        people = set(homes.filter(where).values_list("person_id", flat=True))
    kin = family_map(people)
    return people.union(*kin.values()) if kin else people


def open_involvements(people: set):
    return Involvement.objects.filter(person_id__in=people).exclude(
        status=InvolvementStatus.CLOSED)


def family_workers(people: set) -> set[int]:
    """Allocated and current secondary workers of the family's open involvements."""
    involvements = open_involvements(people)
    today = timezone.localdate()
    allocated = set(involvements.exclude(worker__isnull=True)
                    .values_list("worker_id", flat=True))
    secondary = set(InvolvementWorker.objects.filter(involvement__in=involvements).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)).values_list("worker_id", flat=True))
    return allocated | secondary


def partner_agencies(people: set) -> set[int]:
    """Agencies the family's records were shared with (still shared), or asked in the MASH."""
    now = timezone.now()
    shared = AgencyShare.objects.filter(person_id__in=people).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)).values_list("agency_id", flat=True)
    asked = MashAgencyRequest.objects.filter(
        enquiry__contact__links__person_id__in=people).values_list("agency_id", flat=True)
    return set(shared) | set(asked)


def sign_off_managers(author, people: set) -> list:
    """The team managers of the family's teams; else the author's own managers."""
    teams = set(open_involvements(people).values_list("team_id", flat=True))
    managers = list(User.objects.filter(team_id__in=teams, role=Role.TEAM_MANAGER,
                                        is_active=True).exclude(pk=author.pk))
    return managers or list(author.managers())
