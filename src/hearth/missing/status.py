"""What missing episodes add to the child at a glance (``hearth.core.status``): "Missing now
since 14:30 on 6 December 2026" first and plainly while the child is missing; and the person
page's panel of the child's episodes, with the way to record one (``PERSON_PANELS``). One query,
shared. Registered from MissingConfig.ready()."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from hearth.core import presence, visibility
from hearth.core.status import Status
from hearth.missing import queries, rules
from hearth.missing.codes import MissingKind


def since(moment) -> str:
    local = timezone.localtime(moment)
    return f"since {local:%H:%M} on {date_format(local, 'j F Y')}"


def episodes(person, user) -> list:
    """The child's episodes the user may see, read once a request (the header and the panel
    share them); none without a query of its own when the child was never missing."""
    if not presence.has(person, "missing"):
        return []
    return visibility.remembered(("missing_episodes", person.pk, user.pk),
                                 lambda: queries.episodes_of(user, person))


def missing_statuses(person, user) -> list[Status]:
    if not user.has_hearth_permission("missing.view"):
        return []
    found = next((e for e in episodes(person, user) if e.ended_at is None), None)
    if found is None:
        return []
    label = ("Missing now" if found.kind == MissingKind.MISSING
             else "Away without authorisation now")
    return [Status("missing", label, since(found.started_at), tone="red", rank=1,
                   link=reverse("missing:episode", args=[found.pk]))]


def missing_panel(user, person):
    """The person page's missing episodes, and "Record a missing episode"."""
    from hearth.people.queries.persons import Panel

    if not user.has_hearth_permission("missing.view"):
        return None
    found = episodes(person, user)
    may_record = (user.has_hearth_permission("missing.record")
                  and rules.is_child(person.date_of_birth, timezone.localdate())
                  and not any(e.ended_at is None for e in found))
    if not found and not may_record:
        return None
    return Panel("missing/_person_panel.html", {"missing_episodes": found,
                                                "may_record_missing": may_record})
