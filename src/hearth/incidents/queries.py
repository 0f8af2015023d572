"""Reads that the incident pages share.

An incident is visible to its worker, whoever reported it and the managers who manage that
worker (a team manager for their team, a service manager for everyone), and only while its
person, if it names one, is visible to them (``Person.objects.visible_to``): the debrief and
the support offered are the worker's own business. Risk-reduction plans and practitioners'
meetings are visible exactly when their person is. Anything else is 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.core import visibility
from hearth.core.visibility import get_visible_or_404, visible_pks
from hearth.incidents.models import Incident, PractitionersMeeting, RiskReductionPlan
from hearth.people.models import Person
from hearth.safety.models import WorkerWarning
from hearth.safety.queries.warnings import LIVE, warnings_for


def _managed(user) -> Q | None:
    """Which workers' incidents ``user`` manages (None: nobody's; empty Q: everybody's)."""
    if not user.has_hearth_permission("incidents.manage"):
        return None
    if user.role == Role.SERVICE_MANAGER or not user.team_id:
        return Q()
    return Q(worker__team_id=user.team_id)


def incident_scope(user) -> Q | None:
    """Who may see an incident (registered from the AppConfig): see the module's docstring."""
    if not user.has_hearth_permission("incidents.report"):
        return None
    about = Q(person__isnull=True) | visibility.visible_through("person_id", Person, user)
    managed = _managed(user)
    if managed is not None and not managed:
        return about
    whose = Q(worker_id=user.pk) | Q(reported_by_id=user.pk)
    if managed is not None:
        whose |= managed
    return about & whose


def person_scope(user) -> Q:
    """Who may see a risk-reduction plan or a practitioners' meeting: whoever may see its
    person (registered for both from the AppConfig)."""
    return Q(person__in=visible_pks(Person, user))


def visible_incidents(user) -> QuerySet[Incident]:
    return Incident.objects.visible_to(user)


def _incident_parts(qs: QuerySet[Incident]) -> QuerySet[Incident]:
    return qs.select_related("person", "address", "worker", "reported_by", "debrief_by",
                             "closed_by", "warning", "warning_linked_by")


def get_visible_incident(user, incident_id) -> Incident:
    return get_visible_or_404(_incident_parts(Incident.objects.all()), user, incident_id,
                              "incident")


def open_incidents(user) -> QuerySet[Incident]:
    """The incidents a manager still has to see through, oldest first."""
    return (_incident_parts(visible_incidents(user)).filter(closed_at__isnull=True)
            .order_by("occurred_at", "pk"))


def incidents_about(user, person: Person) -> QuerySet[Incident]:
    return (_incident_parts(visible_incidents(user)).filter(person=person)
            .order_by("-occurred_at", "-pk"))


def visible_plans(user) -> QuerySet[RiskReductionPlan]:
    return RiskReductionPlan.objects.visible_to(user)


def plans_about(user, person: Person) -> QuerySet[RiskReductionPlan]:
    return (visible_plans(user).filter(person=person)
            .select_related("worker", "agreed_by").order_by("-recorded_at", "-pk"))


def get_visible_plan(user, rrp_id) -> RiskReductionPlan:
    return get_visible_or_404(RiskReductionPlan.objects.select_related(
        "person", "worker", "agreed_by", "recorded_by"), user, rrp_id, "plan")


def visible_meetings(user) -> QuerySet[PractitionersMeeting]:
    return PractitionersMeeting.objects.visible_to(user)


def meetings_about(user, person: Person) -> QuerySet[PractitionersMeeting]:
    return (visible_meetings(user).filter(person=person).select_related("recorded_by")
            .order_by("-held_on", "-pk"))


def get_visible_meeting(user, meeting_id) -> PractitionersMeeting:
    return get_visible_or_404(PractitionersMeeting.objects.select_related(
        "person", "recorded_by"), user, meeting_id, "meeting")


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


NOT_CASEWORKERS = (Role.ADMINISTRATOR, Role.MASH_PARTNER)


def colleagues_of(user):
    """The team a report or plan may be made for, besides the user."""
    if not user.team_id:
        return User.objects.none()
    return (User.objects.filter(team_id=user.team_id, is_active=True)
            .exclude(pk=user.pk).exclude(role__in=NOT_CASEWORKERS)
            .order_by("first_name", "last_name", "username"))


def managers_for(incident, user):
    """Who may have given the debrief: the worker's managers, every service manager, the
    manager recording it, and whoever is already recorded."""
    ids = {user.pk, *incident.worker.managers().values_list("pk", flat=True)}
    if incident.debrief_by_id:
        ids.add(incident.debrief_by_id)
    return (User.objects.filter(pk__in=ids) | User.objects.filter(
        role=Role.SERVICE_MANAGER, is_active=True)).distinct().order_by("first_name",
                                                                        "last_name")
