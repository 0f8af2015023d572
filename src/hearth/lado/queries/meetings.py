"""Reads of allegation management meetings: seen with their matter (the LADO service only)."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from hearth.core.visibility import get_visible_or_404
from hearth.lado.models import Meeting
from hearth.lado.queries.matters import matter_scope


def meetings_of(matter) -> QuerySet[Meeting]:
    return matter.meetings.prefetch_related("attendees", "actions").order_by("held_on", "pk")


def meeting_scope(user) -> Q | None:
    """Registered with ``core.visibility``: a meeting is seen by whoever sees its matter (the
    LADO service sees every matter, anyone else none)."""
    return matter_scope(user)


def get_visible_meeting(user, meeting_id) -> Meeting:
    return get_visible_or_404(
        Meeting.objects.select_related("matter", "recorded_by")
        .prefetch_related("attendees", "actions"), user, meeting_id, "meeting")
