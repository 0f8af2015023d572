"""Reads that casework pages (and later the API) share; all go through ``visible_to``."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from hearth.access.codes import Role
from hearth.access.models import Team, User
from hearth.access.rules import MANAGER_ROLES
from hearth.casework import rules
from hearth.casework.models import Involvement, InvolvementStatus, InvolvementWorker, urgency_rank
from hearth.core import visibility
from hearth.core.compiled import Among, compiled
from hearth.core.due import TEAM
from hearth.core.paging import Page, paginate, paginate_compiled, paginate_list
from hearth.core.visibility import visible_pks
from hearth.people.models import Person, Relationship
from hearth.people.queries.visibility import (
    visible_among,
    visible_restricted_ids,
)

LIVE = ~Q(status=InvolvementStatus.CLOSED)


def involvement_scope(user) -> Q:
    """Who may see an involvement (registered with ``core.visibility``): whoever may see its
    child, while the child's record is live."""
    return Q(person__in=visible_pks(Person, user))


def link_scope(user) -> Q:
    """A secondary worker's link is seen with its involvement."""
    return Q(involvement__person__in=visible_pks(Person, user))


def visible_involvements(user) -> QuerySet[Involvement]:
    """Involvements of people the user may see."""
    return visibility.apply(Involvement.objects.all(), user)


#: Roles whose reach of people comes from their own and their team's involvements, or who see
#: every unrestricted person (``people.queries.visibility``): for them ``reached`` holds.
NOT_REACHED_BY_INVOLVEMENTS = {Role.CONFERENCE_CHAIR, Role.MASH_PARTNER, Role.ADMINISTRATOR}


def reached(user, qs: QuerySet[Involvement]) -> QuerySet[Involvement]:
    """``visible_to`` for involvements that reach their own child for this user — live ones
    they hold, or their team holds, or any live one for a role that sees every unrestricted
    person (a service manager, the front door). Such a child is visible when their record is
    live and not restricted (``involvement_reach``), so only restricted children go through
    the whole ``visible_to`` check: the same answer, without PostgreSQL working out who the
    user may see among all the council's people to count a team's cases (0.5 s at 86,000).
    ``qs`` must hold only such involvements."""
    if user.role in NOT_REACHED_BY_INVOLVEMENTS:
        return visibility.apply(qs, user)
    plain = Q(person__restricted=False, person__merged_into__isnull=True)
    # The restricted records the user may see, read first (a partial index finds the few
    # there are; once a request): asked inside the query, as a subquery, PostgreSQL hashes all
    # the council's people to join a team's few hundred cases to them (25 ms at 86,000; 3 ms
    # this way, issue 14).
    seen = _restricted_seen(user)
    return qs.filter(plain | Q(person_id__in=seen)) if seen else qs.filter(plain)


def _restricted_seen(user) -> list:
    return visibility.remembered(
        ("casework.reached", user.pk, user.role, user.team_id),
        lambda: visible_restricted_ids(user))


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
    plain = Q(person__restricted=False, person__merged_into__isnull=True)
    qs = qs.filter(plain | Q(person_id__any=p.uuids("seen"))) if restricted else qs.filter(plain)
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
    seen = _restricted_seen(user)
    return paginate_compiled(_allocation_queue, request, service, bool(seen),
                             team=user.team_id, seen=seen)


def _count_of(qs: QuerySet, by: str) -> Coalesce:
    """``COUNT(*)`` of ``qs`` per ``by`` as a correlated subquery (0 when none)."""
    counted = qs.order_by().values(by).annotate(n=Count("pk")).values("n")
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


#: Whose live cases a list reads (``open_cases_page``).
WORKER, TEAM_CASES, SERVICE_CASES = "worker", "team", "service"


@compiled
def _open_cases(p, which: str, restricted: bool, unallocated: bool):
    # ``reached`` for a case holder or a manager: the cases of the list whose child is live
    # and not restricted, or restricted and seen by the reader.
    qs = Involvement.objects.filter(LIVE)
    if which == WORKER:
        qs = qs.filter(worker_id=p.integer("user"))
    elif which == TEAM_CASES:
        qs = qs.filter(team_id=p.integer("team"))
    if unallocated:
        qs = qs.filter(worker__isnull=True)
    plain = Q(person__restricted=False, person__merged_into__isnull=True)
    qs = qs.filter(plain | Q(person_id__any=p.uuids("seen"))) if restricted else qs.filter(plain)
    qs = qs.select_related("person", "worker", "team")
    if which == WORKER:  # a caseload, by the child's name
        return qs.order_by("person__family_name", "person__given_name", "pk")
    return qs.order_by("-opened_on", "-pk")  # a team's, newest first: an index, no sort


@compiled
def _cases_of_list(p, which: str, unallocated: bool, hidden: bool, restricted: bool):
    # Every live case of the list whoever its child (``hidden``: only those whose child the
    # reader does not reach through it — merged away, or restricted and not seen). Counted
    # from the involvements' own index, without reading the child of each.
    qs = Involvement.objects.filter(LIVE)
    if which == WORKER:
        qs = qs.filter(worker_id=p.integer("user"))
    elif which == TEAM_CASES:
        qs = qs.filter(team_id=p.integer("team"))
    if unallocated:
        qs = qs.filter(worker__isnull=True)
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
    seen = _restricted_seen(user)
    values = {"user": user.pk, "team": user.team_id, "seen": seen}
    page = paginate_compiled(_open_cases, request, which, bool(seen), False,
                             total=_count_reached(which, False, seen, values), **values)
    waiting = None if which == WORKER else _count_reached(which, True, seen, values)
    return page, waiting


def caseload(user) -> QuerySet[Involvement]:
    """The user's own live cases, by the child's name (a queryset: the page reads a page)."""
    return (reached(user, Involvement.objects.filter(LIVE, worker=user))
            .select_related("person", "team").order_by("person__family_name",
                                                      "person__given_name", "pk"))


@compiled
def _allocated(p, restricted: bool):
    # ``reached`` for a case holder: their live cases whose child is live and not restricted,
    # or restricted and seen by them.
    qs = Involvement.objects.filter(LIVE, worker_id=p.integer("user"))
    plain = Q(person__restricted=False, person__merged_into__isnull=True)
    qs = qs.filter(plain | Q(person_id__any=p.uuids("seen"))) if restricted else qs.filter(plain)
    return qs.filter(person__merged_into__isnull=True).order_by().values_list("person_id",
                                                                              flat=True)


def _allocated_ids(user) -> list:
    if user.role in NOT_REACHED_BY_INVOLVEMENTS:
        return list(reached(user, Involvement.objects.filter(LIVE, worker=user))
                    .filter(person__merged_into__isnull=True)
                    .values_list("person_id", flat=True))
    seen = _restricted_seen(user)
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
    plain = Q(person__restricted=False, person__merged_into__isnull=True)
    reach = (plain | Q(person_id__any=p.uuids("seen"))) if restricted else plain
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
    seen = _restricted_seen(user)
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
    cases = reached(user, Involvement.objects.filter(LIVE, team_id=user.team_id))
    return Person.objects.live().filter(pk__in=cases.values("person_id"))


def allocated_children(user, also=()) -> QuerySet[Person]:
    """``allocated_children_ids`` as a queryset of people (no query until it is read)."""
    return Person.objects.filter(pk__in=allocated_children_ids(user, also))


def co_allocated(user) -> QuerySet[InvolvementWorker]:
    """The live cases the user is co-allocated to, by the child's name."""
    return (InvolvementWorker.objects.filter(
        worker=user, end_date__isnull=True,
        involvement__in=visible_involvements(user).filter(LIVE).values("pk"))
        .select_related("involvement__person", "involvement__team", "involvement__worker")
        .order_by("involvement__person__family_name", "involvement__person__given_name",
                  "pk"))


def live_involvement(person: Person) -> Involvement | None:
    """The person's live (not closed) involvement, the newest: the case a visit, a note or a
    strategy discussion recorded now joins."""
    return (Involvement.objects.filter(LIVE, person=person).select_related("team", "worker")
            .order_by("-opened_on", "-pk").first())


@compiled
def _family_links(p):
    me = p.uuid("person")
    parents = sorted(rules.PARENT_KINDS)
    return (Relationship.objects.filter(
        Q(kind__in=parents, relative_id=me) | Q(kind__in=parents, person_id=me)
        | Q(kind="sibling", person_id=me) | Q(kind="sibling", relative_id=me))
        .values_list("person_id", "relative_id", "kind"))


@compiled
def _children_of(p):
    return (Relationship.objects.filter(kind__in=sorted(rules.PARENT_KINDS),
                                        person_id__any=p.uuids("parents"))
            .values_list("relative_id", flat=True))


def family_ids(person: Person) -> set:
    """The ids of this person's family's children (whoever may see them): the person's own
    children, their siblings (by a shared parent or a sibling relationship) and the person if
    a child. Two queries, compiled once a process."""
    parents: set = set()
    own_children: set = set()
    ids: set = set()
    for who, relative, kind in _family_links.all(person=person.pk):
        if kind in rules.PARENT_KINDS:
            if relative == person.pk:
                parents.add(who)
            if who == person.pk:
                own_children.add(relative)
        else:  # a sibling, either way round
            ids.add(relative if who == person.pk else who)
    if not own_children:
        parents.discard(person.pk)
    ids |= own_children
    if parents:
        ids |= set(_children_of.all(parents=list(parents)))
    if parents or not own_children:
        ids.add(person.pk)
    return ids


def family_size(user, person: Person) -> int:
    """How many of ``family_children`` there are (a page that only asks whether the person
    has a family to record for at once): three queries, compiled once a process."""
    return len(visible_among(user, family_ids(person)))


def family_children(user, person: Person) -> list[Person]:
    """The children of this person's family the user may see (``family_ids``), each with
    their involvements, eldest first."""
    return list(Person.objects.visible_to(user).live().filter(pk__in=family_ids(person))
                .prefetch_related("involvements__team", "involvements__worker",
                                  "involvements__secondary_workers__worker")
                .order_by("date_of_birth", "given_name"))


def _involvement_scope(user) -> Q:
    if user.role == Role.SERVICE_MANAGER:
        return Q()
    # Co-allocated secondary workers (e.g. Building Bridges) see the children they work with.
    scope = Q(worker_id=user.pk) | Q(secondary_workers__worker_id=user.pk,
                                     secondary_workers__end_date__isnull=True)
    if user.team_id:
        scope |= Q(team_id=user.team_id)
    return scope


def involvement_reach(user) -> Q | None:
    """The people a practitioner reaches through involvements (registered with
    ``core.visibility`` for Person): the children of their own, their co-allocated and their
    team's open involvements, and those children's relatives. Conference chairs and partners
    reach people otherwise."""
    if user.role in (Role.CONFERENCE_CHAIR, Role.MASH_PARTNER):
        return None
    involvements = Involvement.objects.exclude(status=InvolvementStatus.CLOSED).filter(
        _involvement_scope(user))
    own = Exists(involvements.filter(person=OuterRef("pk")))
    related_out = Exists(Relationship.objects.filter(
        person=OuterRef("pk"), relative_id__in=involvements.values("person_id")))
    related_in = Exists(Relationship.objects.filter(
        relative=OuterRef("pk"), person_id__in=involvements.values("person_id")))
    return Q(own) | Q(related_out) | Q(related_in)


INVOLVEMENTS_ATTR = "_hearth_involvements"


@compiled
def _involvements_of(p):
    return (Involvement.objects.filter(person_id=p.uuid("person"))
            .select_related("team", "worker").order_by("-opened_on", "-pk"))


def person_involvements(person) -> list[Involvement]:
    """The person's involvements with their teams and workers, newest first: read once per
    loaded record, so the person page's panel and the header on it share one query."""
    cached = person.__dict__.get(INVOLVEMENTS_ATTR)
    if cached is None:
        cached = _involvements_of.all(person=person.pk)
        person.__dict__[INVOLVEMENTS_ATTR] = cached
    return cached


def involvements_panel(user, person):
    """The person page's involvements, newest first (registered from CaseworkConfig.ready on
    ``people.queries.persons.PERSON_PANELS``)."""
    from hearth.people.queries.persons import Panel

    return Panel("casework/_person_involvements.html", {
        "involvements": person_involvements(person),
        "can_assess": user.has_hearth_permission("assessments.edit"),
    })
