"""Reads that the missing pages, API, panel, status and due list share. A missing episode is
seen exactly when its child is (``Person.objects.visible_to``): whoever may see the child —
their worker, the front door, EDT, managers — sees their missing episodes, and nobody else
(404). Registered from MissingConfig.ready()."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q, QuerySet

from hearth.casework.models import Involvement, InvolvementStatus
from hearth.core import visibility
from hearth.missing.models import MissingEpisode
from hearth.people.models import Person
from hearth.people.queries.visibility import get_visible_person

PARTS = ("child", "recorded_by")


def episode_scope(user) -> Q:
    """Who may see a missing episode: whoever may see its child."""
    return Q(child__in=visibility.visible_pks(Person, user))  # compiled once a request


def visible_episodes(user) -> QuerySet[MissingEpisode]:
    return visibility.apply(MissingEpisode.objects.select_related(*PARTS), user)


def get_visible_episode(user, episode_id) -> MissingEpisode:
    return visibility.get_visible_or_404(MissingEpisode.objects.select_related(*PARTS), user,
                                         episode_id, "missing episode")


def get_visible_child(user, person_id) -> Person:
    return get_visible_person(user, person_id)


def episodes_of(user, child) -> list[MissingEpisode]:
    """The child's episodes the user may see, newest first."""
    return list(visible_episodes(user).filter(child=child).order_by("-started_at", "-pk"))


def open_episode(child_id) -> MissingEpisode | None:
    return MissingEpisode.objects.filter(child_id=child_id, ended_at__isnull=True).first()


def starts_since(child_id, since: datetime) -> list[datetime]:
    return list(MissingEpisode.objects.filter(child_id=child_id, started_at__gte=since)
                .values_list("started_at", flat=True))


def allocated(child_id):
    """The child's live involvement (its worker and team), the newest."""
    return (Involvement.objects.filter(person_id=child_id)
            .exclude(status=InvolvementStatus.CLOSED).select_related("worker", "team")
            .order_by("-opened_on", "-pk").first())


def started_between(children: QuerySet, start: datetime, end: datetime) -> int:
    """How many episodes of ``children`` started in [start, end) (the dashboard's figure)."""
    return MissingEpisode.objects.filter(child__in=children, started_at__gte=start,
                                         started_at__lt=end).count()
