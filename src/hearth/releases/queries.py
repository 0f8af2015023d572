"""Reads that pages share; a copy is visible exactly when its person is
(``Person.objects.visible_to``), otherwise 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from hearth.people.models import Person
from hearth.releases.models import Release


def visible_releases(user) -> QuerySet[Release]:
    return Release.objects.filter(person__in=Person.objects.visible_to(user).live())


def releases_of(user, person: Person) -> QuerySet[Release]:
    """The person's copies, newest request first."""
    return (visible_releases(user).filter(person=person)
            .select_related("created_by", "released_by").order_by("-requested_on", "-pk"))


def get_visible_release(user, release_id) -> Release:
    """The copy, or 404 when it does not exist or its person is not visible to ``user``."""
    try:
        return (visible_releases(user).select_related("person", "created_by", "released_by")
                .get(pk=release_id))
    except (Release.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such copy of records.") from exc
