"""Reads that the incident pages share.

An incident is visible to its worker, whoever reported it and the managers who manage that
worker (a team manager for their team, a service manager for everyone), and only while its
person, if it names one, is visible to them (``Person.objects.visible_to``): the debrief and
the support offered are the worker's own business. Risk-reduction plans and practitioners'
meetings are visible exactly when their person is. Anything else is 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from hearth.access.codes import Role
from hearth.incidents.models import Incident, PractitionersMeeting, RiskReductionPlan
from hearth.people.models import Person
from hearth.people.queries import get_visible_person as get_visible_person
from hearth.safety.models import WorkerWarning
from hearth.safety.queries.warnings import LIVE, warnings_for


def _managed(user) -> Q | None:
    """Which workers' incidents ``user`` manages (None: nobody's; empty Q: everybody's)."""
    if not user.has_hearth_permission("incidents.manage"):
        return None
    if user.role == Role.SERVICE_MANAGER or not user.team_id:
        return Q()
    return Q(worker__team_id=user.team_id)


def visible_incidents(user) -> QuerySet[Incident]:
    if not user.is_authenticated or not user.has_hearth_permission("incidents.report"):
        return Incident.objects.none()
    about = Q(person__isnull=True) | Q(person__in=Person.objects.visible_to(user))
    qs = Incident.objects.filter(about)
    managed = _managed(user)
    if managed is not None and not managed:
        return qs
    whose = Q(worker_id=user.pk) | Q(reported_by_id=user.pk)
    if managed is not None:
        whose |= managed
    return qs.filter(whose)


def _incident_parts(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    return qs.select_related("person", "address", "worker", "reported_by", "debrief_by",
                             "closed_by", "warning", "warning_linked_by")


def get_visible_incident(user, incident_id) -> Incident:
    try:
        return _incident_parts(visible_incidents(user)).get(pk=incident_id)
    except (Incident.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such incident.") from exc


def open_incidents(user) -> QuerySet[Incident]:
    """The incidents a manager still has to see through, oldest first."""
    return (_incident_parts(visible_incidents(user)).filter(closed_at__isnull=True)
            .order_by("occurred_at", "pk"))


def incidents_about(user, person: Person) -> QuerySet[Incident]:
    return (_incident_parts(visible_incidents(user)).filter(person=person)
            .order_by("-occurred_at", "-pk"))




def visible_plans(user) -> QuerySet[RiskReductionPlan]:
    return RiskReductionPlan.objects.filter(person__in=Person.objects.visible_to(user))


def plans_about(user, person: Person) -> QuerySet[RiskReductionPlan]:
    return (visible_plans(user).filter(person=person)
            .select_related("worker", "agreed_by").order_by("-recorded_at", "-pk"))


def get_visible_plan(user, rrp_id) -> RiskReductionPlan:
    try:
        return (visible_plans(user).select_related("person", "worker", "agreed_by",
                                                   "recorded_by").get(pk=rrp_id))
    except (RiskReductionPlan.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such plan.") from exc


def visible_meetings(user) -> QuerySet[PractitionersMeeting]:
    return PractitionersMeeting.objects.filter(person__in=Person.objects.visible_to(user))


def meetings_about(user, person: Person) -> QuerySet[PractitionersMeeting]:
    return (visible_meetings(user).filter(person=person).select_related("recorded_by")
            .order_by("-held_on", "-pk"))


def get_visible_meeting(user, meeting_id) -> PractitionersMeeting:
    try:
        return (visible_meetings(user).select_related("person", "recorded_by")
                .get(pk=meeting_id))
    except (PractitionersMeeting.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such meeting.") from exc


def warning_candidates(incident: Incident) -> QuerySet[WorkerWarning]:
    """The live warnings an incident may be linked to: on its person (or where they live now)
    or at its address."""
    where = Q(pk__in=[])
    if incident.person_id:
        where |= Q(pk__in=warnings_for([incident.person_id]).values("pk"))
    if incident.address_id:
        where |= Q(address_id=incident.address_id)
    return (WorkerWarning.objects.filter(where, status__in=LIVE)
            .select_related("person", "address").order_by("-occurred_on", "-pk"))


def current_addresses(person: Person):
    """The addresses the person lives at now (what a report may name as where it happened)."""
    return [link.address for link in person.addresses.filter(end_date__isnull=True)
            .select_related("address").order_by("-start_date", "-pk")]
