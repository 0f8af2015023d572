"""Engagement events: who may see them, the family's hostility so far and the avoidance a
follow-up covers (R-RES-1..3). An event is visible exactly when its person is."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db.models import Q, QuerySet

from hearth.casework.models import InvolvementStatus
from hearth.core.visibility import get_visible_or_404, visible_pks
from hearth.engagement import rules
from hearth.engagement.codes import VISIT_AVOIDANCE, EventKind, HostilityForm
from hearth.engagement.models import EngagementEvent, FollowUpTask
from hearth.engagement.queries.family import family_ids
from hearth.people.models import Person
from hearth.visits.models import Visit

LIVE = ~Q(status=InvolvementStatus.CLOSED)


def person_scope(user) -> Q:
    """Who may see an engagement record (an event, a follow-up task): whoever may see its
    person. Registered for both from the AppConfig."""
    return Q(person__in=visible_pks(Person, user))


def hostility_in_family(person_ids: Iterable, since: datetime | None = None) -> bool:
    """Whether hostility has been recorded on any of these people's records (since ``since``)."""
    qs = EngagementEvent.objects.filter(person_id__in=list(person_ids),
                                        kind=EventKind.HOSTILITY)
    if since is not None:
        qs = qs.filter(occurred_at__gte=since)
    return qs.exists()


def visible_events(user) -> QuerySet[EngagementEvent]:
    return EngagementEvent.objects.visible_to(user)


def with_parts(qs: QuerySet[EngagementEvent]) -> QuerySet[EngagementEvent]:
    return qs.select_related("person", "by_person", "recorded_by", "visit")


def events_of(user, person: Person) -> QuerySet[EngagementEvent]:
    """The person's engagement events, newest first."""
    return with_parts(visible_events(user).filter(person=person)).order_by(
        "-occurred_at", "-pk")


def get_visible_event(user, event_id) -> EngagementEvent:
    return get_visible_or_404(with_parts(EngagementEvent.objects.all()), user, event_id,
                              "engagement event")


def previous_hostility(person: Person, *, exclude=None) -> list[tuple[str, datetime]]:
    """The family's hostility so far, as (form, when): what the escalation rule compares."""
    qs = EngagementEvent.objects.filter(person_id__in=family_ids(person),
                                        kind=EventKind.HOSTILITY,
                                        form__in=HostilityForm.values)
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return list(qs.values_list("form", "occurred_at"))


def avoidance_of(person: Person, since: datetime) -> list[rules.Avoidance]:
    """The child's avoidance since ``since``: engagement events that count, and visits whose
    outcome was no access or cancelled by the family that have no engagement event of their
    own (so that nothing is counted twice)."""
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


