"""Who may see a person; every read of people goes through ``visible_to``. By feature:
``persons`` (the person page and its panels), ``search`` and ``search_engines`` (person search).

Who may see a person (ENGINEERING.md practice 2): the one place that decides. ``person_scope``
is registered from ``PeopleConfig.ready`` with ``hearth.core.visibility``; every page, API
endpoint, search, count and export filters through ``Person.objects.visible_to(user)``.
A record a user may not see answers 404, never 403, so its existence does not leak.

- Administrators and auditors see no casework at all.
- A record merged into another is seen by nobody (its data moved to the record kept).
- A restricted record is seen only by its named users, or by someone who broke the glass
  (with a written reason, audited, time-limited).
- Otherwise:
  - front-door staff (and EDT) must find existing records for every contact (R-FD-3), so they
    see every unrestricted person; so do the front door's managers, who authorise the
    decisions on those contacts (R-FD-5) and must see who each one is about, and service
    managers;
  - MASH partners see only the people shared with their agency (R-MASH-4), which includes
    children whose core group their agency is in (R-CP-3);
  - everyone else sees the people the higher apps' *reaches* give them
    (``core.visibility.add_reach(Person, …)``): casework gives social workers and other
    practitioners the people of their own and their team's involvements and those people's
    relatives, team managers their team's; protection gives conference chairs the children
    with a Section 47 enquiry, a conference or a plan; and they see the records they entered
    themselves (a new relative before it is linked).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.rules import is_front_door_manager
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.people.models import AgencyShare, BreakGlass, Person, RestrictedAccess

FRONT_DOOR_ROLES = {Role.FRONT_DOOR, Role.ADVANCED_PRACTITIONER}
NO_CASEWORK_ROLES = {Role.ADMINISTRATOR}


def manages_front_door(user) -> bool:
    """A team manager of the CRS, the MASH or the EDT (``roles.is_front_door_manager``)."""
    return bool(user.team_id) and is_front_door_manager(user.role, user.team.service)


def sees_every_unrestricted_person(user) -> bool:
    return (user.role in FRONT_DOOR_ROLES or user.role == Role.SERVICE_MANAGER
            or manages_front_door(user))


def _unrestricted_scope(user) -> Q | None:
    """The unrestricted people the user's role and relationships reach (None: nobody)."""
    if sees_every_unrestricted_person(user):
        return Q(restricted=False)
    if user.role == Role.MASH_PARTNER:
        if not user.agency_id:
            return None
        now = visibility.now()  # bound afresh each request (a kept scope: core.visibility)
        shared = AgencyShare.objects.filter(person=OuterRef("pk"), agency_id=user.agency_id).filter(
            Q(expires_at__isnull=True) | Q(expires_at__gt=now)
        )
        return Q(restricted=False) & Q(Exists(shared))
    reach = visibility.reaches(Person, user)
    if user.role == Role.CONFERENCE_CHAIR:
        return None if reach is None else Q(restricted=False) & reach
    # Whoever entered a record may go on seeing it (a new relative before it is linked).
    entered = Q(created_by_id=user.pk)
    return Q(restricted=False) & (entered if reach is None else reach | entered)


def _restricted_of(user_id, now) -> Q:
    """The restricted people a user may see: those they are named on, or broke the glass to
    open and the glass has not expired at ``now`` (values, or a compiled query's stand-ins)."""
    named = Exists(RestrictedAccess.objects.filter(person=OuterRef("pk"), user_id=user_id))
    glass = Exists(BreakGlass.objects.filter(person=OuterRef("pk"), user_id=user_id,
                                             expires_at__gt=now))
    return Q(restricted=True) & (Q(named) | Q(glass))


def _restricted_scope(user) -> Q:
    """The restricted people the user may see (whatever their role's reach)."""
    return _restricted_of(user.pk, visibility.now())


@compiled
def _restricted_seen(p):
    return (Person.objects.live().filter(_restricted_of(p.integer("user"), p.datetime("now")))
            .order_by().values_list("pk", flat=True))


def visible_restricted_ids(user) -> list:
    """The ids of the live restricted people ``user`` may see: the same answer as
    ``Person.objects.visible_to(user).live().filter(restricted=True)``, without building the
    reaches of the unrestricted scope (``casework.queries.reached``, once a request): one
    query compiled once a process (issue 14)."""
    if (user is None or not getattr(user, "is_authenticated", False) or not user.is_active
            or user.role in NO_CASEWORK_ROLES):
        return []
    return _restricted_seen.all(user=user.pk, now=timezone.now())


def person_scope(user) -> Q | None:
    """A filter on Person for what ``user`` may see, or None when they may see nothing."""
    if user.role in NO_CASEWORK_ROLES:
        return None
    scope = _unrestricted_scope(user)
    special = _restricted_scope(user)
    reach = special if scope is None else scope | special
    # A record merged into another lives on only in the merge history: nobody opens it.
    return Q(merged_into__isnull=True) & reach


def can_see(user, person) -> bool:
    return Person.objects.visible_to(user).filter(pk=person.pk).exists()


def could_break_glass(user, person) -> bool:
    """A restricted record the user cannot see but may open with a written reason: one their
    role and relationships would otherwise reach, when they hold the break-glass permission."""
    if not person.restricted or not user.has_hearth_permission("people.break_glass"):
        return False
    scope = _unrestricted_scope(user)
    if scope is None:
        return False
    # Evaluate the same scope as if the record were not restricted.
    return Person.objects.filter(pk=person.pk).filter(_strip_restricted(scope)).exists()


def _strip_restricted(q: Q) -> Q:
    """The scope without its ``restricted=False`` condition."""
    children = [c for c in q.children if c != ("restricted", False)]
    stripped = Q(*children, _connector=q.connector, _negated=q.negated)
    return stripped if children else Q()


@compiled
def _live_visible_person(p, visible_sql: str):
    return Person.objects.live().filter(pk=p.uuid("person")).filter(
        pk__in=p.sql("visible", visible_sql))


@compiled
def _visible_among(p, visible_sql: str):
    return (Person.objects.filter(pk__any=p.uuids("ids"))
            .filter(pk__in=p.sql("visible", visible_sql)).values_list("pk", flat=True))


def visible_among(user, ids) -> set:
    """Which of these people ``user`` may see (merged-away records are seen by nobody): one
    query compiled once a process for each shape of visibility filter, none for no ids."""
    ids = list(ids)
    if not ids or visibility.sees_nothing(Person, user):
        return set()
    sql, params = visibility.visible_sql(Person, user)
    return set(_visible_among.all(sql, ids=ids, visible=params))


def get_visible_person(user, person_id) -> Person:
    """The live person, or 404 when it does not exist, is merged away, is not visible, or the
    id is not an id at all (pages, the API and ``?person=`` parameters all come here).

    On PostgreSQL one query compiled once a process for each shape of visibility filter (the
    request's ``visible_sql``, joined by this one id: issue 14); SQLite would read the whole
    subquery first, so it keeps ``get_visible_or_404``'s plain filter."""
    if connection.vendor != "postgresql" or visibility.sees_nothing(Person, user):
        return visibility.get_visible_or_404(Person.objects.live(), user, person_id, "person")
    sql, params = visibility.visible_sql(Person, user)
    try:
        found = _live_visible_person.first(sql, person=person_id, visible=params)
    except (ValidationError, ValueError, TypeError) as exc:
        raise Http404("No such person.") from exc
    if found is None:
        raise Http404("No such person.")
    return found
