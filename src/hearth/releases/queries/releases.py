"""Reads that pages share; a copy is visible exactly when its person is
(``release_scope``, registered with ``core.visibility`` from the AppConfig), otherwise 404."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hearth.core.visibility import get_visible_or_404, visible_pks
from hearth.people.models import Person
from hearth.releases.models import Release


def release_scope(user) -> Q:
    return Q(person__in=visible_pks(Person, user))


def releases_of(user, person: Person) -> QuerySet[Release]:
    """The person's copies, newest request first."""
    return (Release.objects.visible_to(user).filter(person=person)
            .select_related("created_by", "released_by").order_by("-requested_on", "-pk"))


def get_visible_release(user, release_id) -> Release:
    """The copy, or 404 when it does not exist or its person is not visible to ``user``."""
    return get_visible_or_404(Release.objects.select_related(
        "person", "created_by", "released_by"), user, release_id, "copy of records")
