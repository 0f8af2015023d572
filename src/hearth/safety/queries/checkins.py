"""Reads of lone-working check-ins (R-SAFE-4): a worker's open check-in, who is out now, and
the ``hearth.visits`` hook that keeps a visit from being completed while its check-in is open.

A check-in says where a worker went alone, so it is seen (and closed) only by those who would
be told if the worker did not come back (``checkin_scope``, registered from the AppConfig;
issue 13 item 7): the worker; their own managers, that is a team manager of the worker's team
and the service managers, who are over every team (``User.managers()`` falls back to them,
and escalations reach every one of them); and the senior manager on call at that moment
(``OnCall``, who is told first out of hours). Anyone else, another team's manager included,
gets the uniform 404.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import Exists, Q, QuerySet
from django.utils import timezone

from hearth import calendar
from hearth.access.codes import Role
from hearth.core.visibility import get_visible_or_404
from hearth.people.models import Relationship
from hearth.safety.codes import CheckInStatus
from hearth.safety.models import CheckIn, OnCall
from hearth.safety.rules import max_ahead
from hearth.visits.codes import Engagement

CHECK_OUT_FIRST = "Check out of your lone visit first"


def checkin_scope(user) -> Q:
    """Whose check-ins ``user`` may see and close: see the module's docstring. The on-call
    test is a subquery, so it costs no query of its own and holds at the moment of asking."""
    mine = Q(worker_id=user.pk)
    if not user.has_hearth_permission("safety.monitor"):
        return mine
    if user.role == Role.SERVICE_MANAGER:
        return Q()
    now = timezone.now()
    on_call = Q(Exists(OnCall.objects.filter(user_id=user.pk, starts_at__lte=now,
                                             ends_at__gt=now)))
    if user.role == Role.TEAM_MANAGER and user.team_id:
        return mine | Q(worker__team_id=user.team_id) | on_call
    return mine | on_call


def may_close(user, checkin: CheckIn) -> bool:
    """Whether ``user`` may close ``checkin``: whoever may see it (the worker, their managers,
    the senior manager on call now)."""
    return CheckIn.objects.visible_to(user).filter(pk=checkin.pk).exists()


def get_checkin(user, checkin_id) -> CheckIn:
    """The check-in, if ``user`` is its worker, one of their managers or the senior manager on
    call now; otherwise 404."""
    return get_visible_or_404(CheckIn.objects.select_related(
        "worker__team", "person", "visit_plan", "joint_worker", "checked_out_by"), user,
        checkin_id, "check-in")


def open_check_in_of(user) -> CheckIn | None:
    return (CheckIn.objects.filter(worker=user, status=CheckInStatus.OUT)
            .select_related("person", "visit_plan").order_by("-started_at").first())


def out_now(user) -> QuerySet[CheckIn]:
    """Everyone ``user`` looks after who is out on a lone visit now, soonest expected back
    first."""
    return (CheckIn.objects.visible_to(user).filter(status=CheckInStatus.OUT)
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
