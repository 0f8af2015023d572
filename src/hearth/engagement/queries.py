"""Reads that engagement pages, the API and other apps share. A record is visible exactly when
its person is (``Person.objects.visible_to``); anything else is 404."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet
from django.http import Http404

from hearth.access.codes import Role
from hearth.access.models import Agency, User
from hearth.casework.models import Involvement, InvolvementStatus, InvolvementWorker
from hearth.casework.rules import PARENT_KINDS
from hearth.engagement import rules
from hearth.engagement.codes import VISIT_AVOIDANCE, EventKind, HostilityForm, TaskStatus
from hearth.engagement.models import EngagementEvent, FollowUpTask
from hearth.people.models import Person, Relationship
from hearth.people.queries import get_visible_person as get_visible_person

LIVE = ~Q(status=InvolvementStatus.CLOSED)


def hostility_in_family(person_ids: Iterable, since: datetime | None = None) -> bool:
    """Whether hostility has been recorded on any of these people's records (since ``since``)."""
    qs = EngagementEvent.objects.filter(person_id__in=list(person_ids),
                                        kind=EventKind.HOSTILITY)
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    return qs.exists()


# --- people and events ---------------------------------------------------------------------



def visible_events(user) -> QuerySet[EngagementEvent]:
    return EngagementEvent.objects.filter(person__in=Person.objects.visible_to(user))


def with_parts(qs: QuerySet[EngagementEvent]) -> QuerySet[EngagementEvent]:
    return qs.select_related("person", "by_person", "recorded_by", "visit")


def events_of(user, person: Person) -> QuerySet[EngagementEvent]:
    """The person's engagement events, newest first."""
    return with_parts(visible_events(user).filter(person=person)).order_by(
        "-occurred_at", "-pk")


def get_visible_event(user, event_id) -> EngagementEvent:
    try:
        return with_parts(visible_events(user)).get(pk=event_id)
    except (EngagementEvent.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such engagement event.") from exc


def family_ids(person: Person) -> set:
    """The person, their parents and children, and the children of their parents: who a
    parent's hostility or a family's avoidance concerns. Not filtered by visibility: the
    rules use it, never to show anyone."""
    parent_of = Relationship.objects.filter(kind__in=PARENT_KINDS)
    parents = set(parent_of.filter(relative=person).values_list("person_id", flat=True))
    children = set(parent_of.filter(person=person).values_list("relative_id", flat=True))
    siblings = set(parent_of.filter(person_id__in=parents).values_list("relative_id",
                                                                        flat=True))
    siblings |= set(Relationship.objects.filter(kind="sibling", person=person)
                    .values_list("relative_id", flat=True))
    siblings |= set(Relationship.objects.filter(kind="sibling", relative=person)
                    .values_list("person_id", flat=True))
    return {person.pk, *parents, *children, *siblings}


def in_family(person: Person, other_id) -> Person | None:
    """Someone in the person's family (``family_ids``), or None."""
    ids = family_ids(person)
    return next((p for p in Person.objects.live().filter(pk__in=ids) if p.pk == other_id), None)


def family_members(user, person: Person) -> tuple[list[Person], list[Person]]:
    """The family as the user may see it: the children (``family_children``) and the adults
    with parental ties to them (and the person, if an adult)."""
    from hearth.casework.queries import family_children

    children = family_children(user, person)
    child_ids = {c.pk for c in children}
    adult_ids = set(Relationship.objects.filter(kind__in=PARENT_KINDS,
                                                relative_id__in=child_ids)
                    .values_list("person_id", flat=True))
    if person.pk not in child_ids:
        adult_ids.add(person.pk)
    adults = list(Person.objects.visible_to(user).live().filter(pk__in=adult_ids - child_ids)
                  .order_by("date_of_birth", "given_name"))
    return children, adults


def previous_hostility(person: Person, *, exclude=None) -> list[tuple[str, datetime]]:
    """The family's hostility so far, as (form, when): what the escalation rule compares."""
    qs = EngagementEvent.objects.filter(person_id__in=family_ids(person),
                                        kind=EventKind.HOSTILITY,
                                        form__in=HostilityForm.values)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.values_list("form", "occurred_at"))


# --- R-RES-3: avoidance --------------------------------------------------------------------

def avoidance_of(person: Person, since: datetime) -> list[rules.Avoidance]:
    """The child's avoidance since ``since``: engagement events that count, and visits whose
    outcome was no access or cancelled by the family that have no engagement event of their
    own (so that nothing is counted twice)."""
    from hearth.visits.models import Visit

    items = [rules.Avoidance(("event", pk), kind, at) for pk, kind, cancelled_by, at in
             EngagementEvent.objects.filter(person=person, occurred_at__gte=since)
             .values_list("pk", "kind", "cancelled_by", "occurred_at")
             if rules.is_avoidance(kind, cancelled_by)]
    visits = (Visit.objects.filter(child=person, starts_at__gte=since,
                                   outcome__in=list(VISIT_AVOIDANCE))
              .filter(engagement_events__isnull=True)
              .values_list("pk", "outcome", "starts_at"))
    items += [rules.Avoidance(("visit", pk), VISIT_AVOIDANCE[outcome], at)
              for pk, outcome, at in visits]
    return items


def followed_up(person: Person) -> set[tuple[str, int]]:
    """The events and visits a follow-up task (open or done) already covers."""
    events = FollowUpTask.events.through.objects.filter(followuptask__person=person)
    visit_ids = set(FollowUpTask.visits.through.objects.filter(followuptask__person=person)
                    .values_list("visit_id", flat=True))
    # An event recorded later from a visit already followed up is the same avoidance.
    from_visits = EngagementEvent.objects.filter(person=person, visit_id__in=visit_ids)
    return ({("event", pk) for pk in events.values_list("engagementevent_id", flat=True)}
            | {("event", pk) for pk in from_visits.values_list("pk", flat=True)}
            | {("visit", pk) for pk in visit_ids})


def open_task(person) -> FollowUpTask | None:
    return (FollowUpTask.objects.filter(person=person, status=TaskStatus.OPEN)
            .select_related("assigned_to").first())


def live_involvement(person: Person) -> Involvement | None:
    return (Involvement.objects.filter(LIVE, person=person).select_related("worker", "team")
            .order_by("-opened_on", "-pk").first())


# --- follow-up tasks -----------------------------------------------------------------------

def visible_tasks(user) -> QuerySet[FollowUpTask]:
    return (FollowUpTask.objects.filter(person__in=Person.objects.visible_to(user))
            .select_related("person", "assigned_to", "completed_by", "involvement__team"))


def get_visible_task(user, task_id) -> FollowUpTask:
    try:
        return visible_tasks(user).get(pk=task_id)
    except (FollowUpTask.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such follow-up task.") from exc


def my_tasks(user) -> list[FollowUpTask]:
    return list(visible_tasks(user).filter(assigned_to=user, status=TaskStatus.OPEN)
                .order_by("due_on", "pk"))


def team_tasks(user) -> list[FollowUpTask]:
    """A manager's view: the open tasks of their team (a service manager: every team)."""
    qs = visible_tasks(user).filter(status=TaskStatus.OPEN)
    if user.role == Role.SERVICE_MANAGER:
        return list(qs.order_by("due_on", "pk"))
    if user.role != Role.TEAM_MANAGER or not user.team_id:
        return []
    return list(qs.filter(Q(assigned_to__team_id=user.team_id)
                          | Q(involvement__team_id=user.team_id)).order_by("due_on", "pk"))


# --- R-RES-4: who is involved with the family -----------------------------------------------

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
    from hearth.frontdoor.models import MashAgencyRequest
    from hearth.people.models import AgencyShare

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
