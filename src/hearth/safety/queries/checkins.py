"""Reads of lone-working check-ins (R-SAFE-4): a worker's open check-in, who is out now, and
the ``hearth.visits`` hook that keeps a visit from being completed while its check-in is open.

A check-in is the worker's own; a manager who monitors lone working (``safety.monitor``) may
open anyone's (``checkin_scope``, registered from the AppConfig); anyone else gets 404.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet

from hearth import calendar
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Relationship
from hearth.safety.codes import CheckInStatus
from hearth.safety.models import CheckIn
from hearth.safety.rules import max_ahead
from hearth.visits.codes import Engagement

CHECK_OUT_FIRST = "Check out of your lone visit first"


def checkin_scope(user) -> Q:
    return Q() if user.has_hearth_permission("safety.monitor") else Q(worker=user)


def get_checkin(user, checkin_id) -> CheckIn:
    """The worker's own check-in, or anyone's for a manager who monitors lone working;
    otherwise 404."""
    return get_visible_or_404(CheckIn.objects.select_related(
        "worker__team", "person", "visit_plan", "joint_worker", "checked_out_by"), user,
        checkin_id, "check-in")


def open_check_in_of(user) -> CheckIn | None:
    return (CheckIn.objects.filter(worker=user, status=CheckInStatus.OUT)
            .select_related("person", "visit_plan").order_by("-started_at").first())


def out_now() -> QuerySet[CheckIn]:
    """Everyone out on a lone visit now, soonest expected back first."""
    return (CheckIn.objects.filter(status=CheckInStatus.OUT)
            .select_related("worker__team", "person").order_by("expected_back", "pk"))


def family_ids(person_id) -> set:
    """The person and their direct relatives (parents, children, partners...)."""
    family = {person_id}
    for one, other in Relationship.objects.filter(
            Q(person_id=person_id) | Q(relative_id=person_id)).values_list("person_id",
                                                                             "relative_id"):
        family.update((one, other))
    return family


def open_visit_check(values: dict[str, Any], child, acting_user) -> str | None:
    """``VISIT_CHECKS``: a visit may not be recorded as completed while the worker's lone-visit
    check-in for that child (or their parent or other direct relative) is still open."""
    if values.get("outcome") != Engagement.COMPLETED or acting_user is None:
        return None
    family = family_ids(child.pk)
    starts_at = values.get("starts_at")
    open_ones = CheckIn.objects.filter(worker_id=acting_user.pk, status=CheckInStatus.OUT,
                                       person_id__in=family)
    if isinstance(starts_at, datetime):
        # A correction to a visit from before this lone visit's day is not this visit.
        day_start = datetime.combine(starts_at.astimezone(calendar.LONDON).date(),
                                     datetime.min.time(), calendar.LONDON)
        open_ones = open_ones.filter(started_at__lt=day_start + timedelta(days=1))
        open_ones = open_ones.filter(started_at__gte=day_start - max_ahead())
    return CHECK_OUT_FIRST if open_ones.exists() else None
