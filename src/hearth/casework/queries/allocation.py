"""A manager's allocation: the queue of children waiting for a worker (a page compiled once a
process), the teams' workers with their open cases, the workload."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from hearth.access.codes import Role
from hearth.access.models import Team, User
from hearth.casework import rules
from hearth.casework.models import Involvement, InvolvementStatus, InvolvementWorker, urgency_rank
from hearth.casework.queries.reach import (
    reach_of,
    restricted_seen,
    seen_param,
    visible_involvements,
)
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.core.paging import Page, paginate_compiled, paginate_list


def _by_manager(user, qs: QuerySet[Involvement]) -> QuerySet[Involvement]:
    """The involvements of ``qs`` the user manages: their team's (service managers: all)."""
    if user.role == Role.SERVICE_MANAGER:
        return qs
    if user.role != Role.TEAM_MANAGER or not user.team_id:
        return qs.none()
    return qs.filter(team_id=user.team_id)


def managed_involvements(user) -> QuerySet[Involvement]:
    """Involvements the user may allocate and close: their team's (service managers: all)."""
    return _by_manager(user, visible_involvements(user))


def get_managed_involvement(user, involvement_id) -> Involvement:
    """An involvement the user may see and manage, or 404."""
    managed = _by_manager(user, Involvement.objects.select_related("person", "team", "worker"))
    return visibility.get_visible_or_404(managed, user, involvement_id, "involvement")


def get_managed_link(user, link_id) -> InvolvementWorker:
    """A secondary worker's link to an involvement the user manages, or 404."""
    managed = _by_manager(user, Involvement.objects.all())
    return visibility.get_visible_or_404(
        InvolvementWorker.objects.filter(involvement__in=managed)
        .select_related("worker", "involvement__person", "involvement__team",
                        "involvement__worker"), user, link_id, "secondary worker")


def managed_teams(user) -> QuerySet[Team]:
    if user.role == Role.SERVICE_MANAGER:
        return Team.objects.filter(members__role__in=rules.CASE_HOLDING_ROLES).distinct()
    if user.role == Role.TEAM_MANAGER and user.team_id:
        return Team.objects.filter(pk=user.team_id)
    return Team.objects.none()


@compiled
def _allocation_queue(p, service: bool, restricted: bool):
    # ``reached`` for a manager: the team's (a service manager: every) waiting cases whose
    # child is live and not restricted, or restricted and seen by the manager.
    qs = Involvement.objects.filter(status=InvolvementStatus.AWAITING_ALLOCATION)
    if not service:
        qs = qs.filter(team_id=p.integer("team"))
    qs = qs.filter(reach_of(seen_param(p, restricted)))
    return (qs.select_related("person", "team")
            .order_by(urgency_rank(), Coalesce("referral_date", "opened_on"), "pk"))


def allocation_page(user, request) -> Page:
    """The children waiting for allocation in the user's team(s), most urgent first, then the
    longest waiting (in the order of the ``casework_queue_order`` index): one page of them and
    the count of all: two statements compiled once a
    process (issue 14). A manager's: a team manager's team's, a service manager's every
    team's; nobody else's."""
    service = user.role == Role.SERVICE_MANAGER
    if not service and (user.role != Role.TEAM_MANAGER or not user.team_id):
        return paginate_list([], request)
    seen = restricted_seen(user)
    return paginate_compiled(_allocation_queue, request, service, bool(seen),
                             team=user.team_id, seen=seen)


def _count_of(qs: QuerySet, by: str) -> Coalesce:
    """``COUNT(*)`` of ``qs`` per ``by`` as a correlated subquery (0 when none): ``*``, not a
    column, so that PostgreSQL counts from the index alone (a worker's 700 open cases: 0.5 →
    0.1 ms, issue 14)."""
    counted = qs.order_by().values(by).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


@compiled
def _team_workers(p):
    open_cases = Involvement.objects.filter(worker=OuterRef("pk"),
                                            status=InvolvementStatus.OPEN)
    secondary = InvolvementWorker.objects.filter(worker=OuterRef("pk"), end_date__isnull=True
                                                 ).exclude(involvement__status=InvolvementStatus.CLOSED)
    return (User.objects.filter(team_id__any=p.integers("teams"), is_active=True,
                                role__in=rules.CASE_HOLDING_ROLES)
            .annotate(open_cases=_count_of(open_cases, "worker"),
                      secondary_cases=_count_of(secondary, "worker"))
            .order_by("team__name", "first_name", "last_name", "username"))


def team_workers(team_ids) -> list[User]:
    """The teams' active case holders, each with ``open_cases`` (their open involvements)
    and ``secondary_cases`` (live co-allocations): one query compiled once a process, however
    many workers or cases."""
    return _team_workers.all(teams=[pk for pk in team_ids if pk is not None])


def workload(user) -> list[dict]:
    """Per managed team: each worker's open cases and the team's waiting count."""
    rows = []
    for team in managed_teams(user).order_by("name"):
        waiting = Involvement.objects.filter(
            team=team, status=InvolvementStatus.AWAITING_ALLOCATION).count()
        rows.append({"team": team, "workers": team_workers([team.pk]), "waiting": waiting})
    return rows
