"""A worker's and a team's cases and children: the home pages' lists of cases, the caseload,
the children whose work is "mine" or the team's on the list of what is due."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Q, QuerySet

from hearth.access.codes import Role
from hearth.access.rules import MANAGER_ROLES
from hearth.casework.models import Involvement, InvolvementStatus, InvolvementWorker
from hearth.casework.queries.reach import (
    LIVE,
    NOT_REACHED_BY_INVOLVEMENTS,
    reach_of,
    reached,
    restricted_seen,
    seen_param,
)
from hearth.core import visibility
from hearth.core.compiled import Among, compiled
from hearth.core.due import TEAM
from hearth.core.paging import Page, paginate, paginate_compiled
from hearth.people.models import Person
from hearth.people.queries.visibility import (
    visible_among,
)

#: Whose live cases a list reads (``open_cases_page``).
WORKER, TEAM_CASES, SERVICE_CASES = "worker", "team", "service"


def _list_of(p, which: str, unallocated: bool) -> QuerySet[Involvement]:
    """The live cases of a list (for a compiled builder): a worker's, a team's or every
    team's; with ``unallocated``, those waiting for a worker."""
    qs = Involvement.objects.filter(LIVE)
    if which == WORKER:
        qs = qs.filter(worker_id=p.integer("user"))
    elif which == TEAM_CASES:
        qs = qs.filter(team_id=p.integer("team"))
    return qs.filter(worker__isnull=True) if unallocated else qs


@compiled
def _open_cases(p, which: str, restricted: bool, unallocated: bool):
    # ``reached`` for a case holder or a manager: the cases of the list whose child is live
    # and not restricted, or restricted and seen by the reader.
    qs = _list_of(p, which, unallocated)
    qs = qs.filter(reach_of(seen_param(p, restricted)))
    qs = qs.select_related("person", "worker", "team")
    if which == WORKER:  # a caseload, by the child's name
        return qs.order_by("person__family_name", "person__given_name", "pk")
    return qs.order_by("-opened_on", "-pk")  # a team's, newest first: an index, no sort


@compiled
def _cases_of_list(p, which: str, unallocated: bool, hidden: bool, restricted: bool):
    # Every live case of the list whoever its child (``hidden``: only those whose child the
    # reader does not reach through it — merged away, or restricted and not seen). Counted
    # from the involvements' own index, without reading the child of each.
    qs = _list_of(p, which, unallocated)
    if hidden:
        qs = qs.filter(Q(person__restricted=True) | Q(person__merged_into__isnull=False))
        if restricted:
            qs = qs.exclude(person_id__any=p.uuids("seen"))
    return qs


def _count_reached(which: str, unallocated: bool, seen: list, values: dict) -> int:
    """How many of the list's cases ``open_cases_page`` shows: all of them less those hidden
    (a team's thousands counted through their child took 8 ms; this way two index reads)."""
    every = _cases_of_list.count(which, unallocated, False, False, **values)
    return every - _cases_of_list.count(which, unallocated, True, bool(seen), **values)


def open_cases_page(user, request, which: str) -> tuple[Page, int | None]:
    """A page of the live cases ``which`` (the user's own by the child's name; their team's
    or, for a service manager, every team's, newest first) and, for a team's, how many wait
    for allocation: compiled once a process (issue 14). Anyone whose reach is not through
    cases (a conference chair, say) reads their own through ``reached``'s plain filter."""
    if user.role in NOT_REACHED_BY_INVOLVEMENTS or (which == TEAM_CASES and not user.team_id):
        mine = Involvement.objects.none() if which != WORKER else Involvement.objects.filter(
            LIVE, worker=user)
        return paginate(reached(user, mine).select_related("person", "worker", "team")
                        .order_by("person__family_name", "person__given_name", "pk"),
                        request), 0
    seen = restricted_seen(user)
    values = {"user": user.pk, "team": user.team_id, "seen": seen}
    page = paginate_compiled(_open_cases, request, which, bool(seen), False,
                             total=_count_reached(which, False, seen, values), **values)
    waiting = None if which == WORKER else _count_reached(which, True, seen, values)
    return page, waiting


@compiled
def _allocated(p, restricted: bool):
    # ``reached`` for a case holder: their live cases whose child is live and not restricted,
    # or restricted and seen by them.
    qs = Involvement.objects.filter(LIVE, worker_id=p.integer("user"))
    qs = qs.filter(reach_of(seen_param(p, restricted)))
    return qs.filter(person__merged_into__isnull=True).order_by().values_list("person_id",
                                                                              flat=True)


def _allocated_ids(user) -> list:
    if user.role in NOT_REACHED_BY_INVOLVEMENTS:
        return list(reached(user, Involvement.objects.filter(LIVE, worker=user))
                    .filter(person__merged_into__isnull=True)
                    .values_list("person_id", flat=True))
    seen = restricted_seen(user)
    return _allocated.all(bool(seen), user=user.pk, seen=seen)


def allocated_children_ids(user, also=()) -> list:
    """The live children with a live case allocated to ``user`` whom they may see, and those of
    ``also`` (ids: the plans a worker leads or made) they may see: what is "mine" to a worker
    on the list of what is due.

    The allocated children are read once a request, as ids, through ``reached`` (one query: a
    worker sees their own children unless a record is restricted); the sources of what is due
    then filter their records by that list. Each source once built and ran the whole
    ``visible_to`` filter of people for it, which cost Django about 10 ms to build and
    PostgreSQL about as much to plan, a source (issue 14). Only ``also``'s ids that are not
    already allocated go through ``visible_to`` (rarely any)."""
    mine = visibility.remembered(
        ("casework.allocated_children", user.pk, user.role, user.team_id),
        lambda: sorted(set(_allocated_ids(user))))
    more = set(also) - set(mine)
    if more:
        mine = mine + sorted(visible_among(user, more))
    return mine


def children_among(user, scope: str, person_id=None, *, permission: str, reader_role: str,
                   children_for: Callable[..., QuerySet[Person] | None],
                   also: Callable[[], Iterable] = tuple) -> Among | None:
    """The children whose work of one kind is the user's in ``scope`` (``"mine"`` or
    ``"team"``), for a compiled query (``core.compiled.Among``), once a request: a worker's
    own (their allocated children and ``also()``'s, when they hold ``permission``) as a list
    of ids; a manager's team-wide list's, ``team_among`` (the source reads only records that
    make a child one of ``children_for``'s: a period of care, a plan); a ``reader_role``'s (a
    conference chair, an IRO: their own reading of "mine"), as ``children_for(user, scope,
    person_id)``'s subquery, compiled once. None: none are theirs. With ``person_id``, only
    that child."""
    def build() -> Among | None:
        if scope == TEAM and person_id is None:
            return team_among(user)
        if scope != TEAM and user.role != reader_role:
            if user.role in MANAGER_ROLES or not user.has_hearth_permission(permission):
                return None
            ids = allocated_children_ids(user, also=also())
            if person_id is not None:
                ids = [pk for pk in ids if str(pk) == str(person_id)]
            return Among(ids=ids)
        children = children_for(user, scope, person_id)
        return None if children is None else Among.of(children)

    return visibility.remembered(("casework.children_among", permission, user.pk, user.role,
                                  user.team_id, scope, str(person_id or "")), build)


@compiled
def _team_children(p, restricted: bool):
    reach = reach_of(seen_param(p, restricted))
    cases = Involvement.objects.filter(LIVE, team_id=p.integer("team")).filter(reach)
    return (Person.objects.live().filter(pk__in=cases.values("person_id"))
            .order_by().values_list("pk", flat=True))


def team_among(user) -> Among | None:
    """The children a manager's team-wide lists are about, for a compiled query: a team
    manager's ``team_children`` (compiled once a process), a service manager's every child
    they may see (their kept visibility filter); None for anyone else. No query now."""
    if user.role == Role.SERVICE_MANAGER:
        sql, params = visibility.visible_sql(Person, user)
        return Among(sql=sql, params=params)
    if user.role != Role.TEAM_MANAGER:
        return None
    if not user.team_id:
        return Among(ids=[])
    seen = restricted_seen(user)
    return _team_children.among(bool(seen), team=user.team_id, seen=seen)


def team_children(user) -> QuerySet[Person]:
    """A team manager's team's children: the live people with a live case held by the team
    whom the manager may see (nobody, for anyone but a team manager with a team). What the
    team-wide lists of what is due, the child protection dashboard and the two-worker report
    are about. Through ``reached``: a team's children are visible unless restricted, so the
    filter is the team's cases and the few restricted records the manager may see — each of
    those lists once built and ran the whole ``visible_to`` filter of people for it, which
    cost Django more to build than PostgreSQL took to run (issue 14)."""
    if user.role != Role.TEAM_MANAGER or not user.team_id:
        return Person.objects.none()
    among = team_among(user)
    assert among is not None  # a team manager with a team
    return Person.objects.filter(among.q("pk"))  # compiled once a process (_team_children)


def allocated_children(user, also=()) -> QuerySet[Person]:
    """``allocated_children_ids`` as a queryset of people (no query until it is read)."""
    return Person.objects.filter(pk__in=allocated_children_ids(user, also))


@compiled
def _co_allocated(p, visible_sql: str):
    # A live link to a live case, seen with its involvement's child (``link_scope``).
    return (InvolvementWorker.objects.filter(
        worker_id=p.integer("user"), end_date__isnull=True,
        involvement__person_id__in=p.sql("visible", visible_sql))
        .exclude(involvement__status=InvolvementStatus.CLOSED)
        .select_related("involvement__person", "involvement__team", "involvement__worker")
        .order_by("involvement__person__family_name", "involvement__person__given_name",
                  "pk"))


def co_allocated_page(user, request, param: str) -> Page:
    """A page of the live cases the user is co-allocated to, by the child's name: compiled
    once a process (issue 14)."""
    sql, params = visibility.visible_sql(Person, user)
    return paginate_compiled(_co_allocated, request, sql, param=param, user=user.pk,
                             visible=params)


@compiled
def _allocated_workers(p):
    return (Involvement.objects.filter(LIVE, person_id__any=p.uuids("children"),
                                       worker__isnull=False)
            .order_by("opened_on", "pk").values_list("person_id", "worker_id"))


def allocated_workers(person_ids) -> dict:
    """Each child's allocated worker, that of their newest live allocated case: one query
    compiled once a process, for the lists that name each item's worker (read once a
    request for the same children: a CIN plan's meeting and its visit ask alike)."""
    ids = frozenset(person_ids)

    def read() -> dict:
        found: dict = {}
        for person_id, worker_id in _allocated_workers.all(children=list(ids)):
            found[person_id] = worker_id
        return found

    return dict(visibility.remembered(("casework.allocated_workers", ids), read))
