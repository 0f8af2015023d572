"""Who is told when a worker-safety warning is raised (R-SAFE-1: "colleagues are alerted"):
the workers involved with the family, the partner agencies involved with it, and the team
manager, who is asked to sign it off.

Subjects follow ``access.actions.users.notify``: the words before " on " are all an e-mail carries,
so no name leaves Hearth by e-mail.
"""

from __future__ import annotations

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions.users import notify
from hearth.access.codes import Role
from hearth.access.models import User
from hearth.safety.models import WorkerWarning
from hearth.safety.queries import _current, family_map, person_name, place_of, visible_warnings


def family_of_warning(warning: WorkerWarning) -> set:
    """The people a warning concerns: its person, or who lives at its address now; and
    their families."""
    from hearth.people.models import PersonAddress

    if warning.person_id:
        people = {warning.person_id}
    else:
        key = place_of(warning)
        homes = _current(PersonAddress.objects.all(), timezone.localdate())
        where = Q(address_id=warning.address_id)
        if key:
            where |= Q(address__line1__iexact=key[0], address__postcode_norm=key[1])
        people = set(homes.filter(where).values_list("person_id", flat=True))
    kin = family_map(people)
    return people.union(*kin.values()) if kin else people


def _open_involvements(people: set):
    from hearth.casework.models import Involvement, InvolvementStatus

    return Involvement.objects.filter(person_id__in=people).exclude(
        status=InvolvementStatus.CLOSED)


def family_workers(people: set) -> set[int]:
    """Allocated and current secondary workers of the family's open involvements."""
    from hearth.casework.models import InvolvementWorker

    involvements = _open_involvements(people)
    today = timezone.localdate()
    allocated = set(involvements.exclude(worker__isnull=True)
                    .values_list("worker_id", flat=True))
    secondary = set(InvolvementWorker.objects.filter(involvement__in=involvements).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)).values_list("worker_id", flat=True))
    return allocated | secondary


def partner_agencies(people: set) -> set[int]:
    """Agencies the family's records were shared with (still shared), or asked in the MASH."""
    from hearth.frontdoor.models import MashAgencyRequest
    from hearth.people.models import AgencyShare

    now = timezone.now()
    shared = AgencyShare.objects.filter(person_id__in=people).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=now)).values_list("agency_id", flat=True)
    asked = MashAgencyRequest.objects.filter(
        enquiry__contact__links__person_id__in=people).values_list("agency_id", flat=True)
    return set(shared) | set(asked)


def sign_off_managers(author, people: set) -> list:
    """The team managers of the family's teams; else the author's own managers."""
    teams = set(_open_involvements(people).values_list("team_id", flat=True))
    managers = list(User.objects.filter(team_id__in=teams, role=Role.TEAM_MANAGER,
                                        is_active=True).exclude(pk=author.pk))
    return managers or list(author.managers())


def _facts(warning: WorkerWarning) -> str:
    joint = " Visits need two workers (a joint visit)." if warning.requires_joint_visit else ""
    return (f"{warning.get_kind_display()}: {warning.what_happened[:300]} "
            f"Source: {warning.source}, {warning.occurred_on:%d/%m/%Y}.{joint}")


def tell_about_new_warning(warning: WorkerWarning, author) -> dict[str, list]:
    """Notify everyone who must know of a new warning; returns who was told, by group."""
    people = family_of_warning(warning)
    link = reverse("safety:warning", kwargs={"warning_id": warning.pk})
    about = person_name(warning)
    managers = sign_off_managers(author, people)
    notify(managers, subject=f"Sign off a worker-safety warning on {about}",
           body=f"{author.display_name} raised a warning. {_facts(warning)} "
                "Please check it and sign it off.", link=link)
    worker_ids = family_workers(people) - {author.pk} - {m.pk for m in managers}
    workers = list(User.objects.filter(pk__in=worker_ids, is_active=True))
    notify(workers, subject=f"Worker-safety warning on {about}",
           body=f"Raised by {author.display_name}. {_facts(warning)}", link=link)
    partners = list(User.objects.filter(agency_id__in=partner_agencies(people),
                                        role=Role.MASH_PARTNER, is_active=True)
                    .exclude(pk=author.pk))
    team = f" ({author.team.name})" if author.team_id else ""
    joint = " Visits need two workers." if warning.requires_joint_visit else ""
    raised = timezone.localtime(warning.recorded_at)
    for partner in partners:
        visible = visible_warnings(partner).filter(pk=warning.pk).exists()
        notify([partner], subject="Worker-safety warning on a family your agency works with",
               body=f"{warning.get_kind_display()} – about {about}.{joint} Raised by "
                    f"{author.display_name}{team} on {raised:%d/%m/%Y}: contact them before "
                    "any visit.", link=link if visible else "")
    return {"managers": managers, "workers": workers, "partners": partners}
