"""Reads of professional differences that pages, the API, the list of what is due, the child at
a glance and the managers' page share (R-PD-1..3).

Who may see a difference (``difference_scope``, registered with ``core.visibility``; anyone
else gets 404 for it in pages and the API, and it is in none of their lists or counts):

- whoever raised it, always: it is their own record;
- a partner agency's practitioner (a MASH partner): only the differences their agency is party
  to — raised by someone of their agency, or about their agency's decision or practice — and
  only while they may see the child (R-MASH-4);
- front-door staff, the Emergency Duty Team and the front door's managers, who see every
  unrestricted child so that they can find existing records (R-FD-3), not because they work
  with the child: only the differences they are party to (they lead one of its stages, or are
  named to tell the child's worker), while they may see the child;
- everyone else who may see the child: the child's services (the workers and teams of the
  child's cases, conference chairs of the child's conferences, co-allocated family
  practitioners: ``people.queries.visibility``) and their managers (team managers their
  team's children, service managers every child).

Routes add the permissions (``differences.view``; ``differences.manage`` for the managers'
page); who may act on a difference they see is ``rules.may_act``.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.access.rules import has_permission
from hearth.casework.models import Involvement
from hearth.casework.queries import LIVE
from hearth.core import presence, visibility
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404
from hearth.differences.codes import Status
from hearth.differences.models import Difference, Stage
from hearth.people.models import Person
from hearth.people.queries.visibility import sees_every_unrestricted_person

#: What a difference is shown with, read in the same query.
PARTS = ("person", "raised_by", "raiser_partner", "decision_partner", "current_stage",
         "current_stage__owner", "resolved_by", "worker", "teller",
         "worker_told_recorded_by")
STAGE_PARTS = ("owner", "started_by", "outcome_by")
#: Differences the child's record shows as open (R-PD-3): open, or resolved and the
#: allocated worker not yet told what was agreed.
SHOWING = Q(status=Status.OPEN) | Q(status=Status.RESOLVED, worker__isnull=False,
                                    worker_told_on__isnull=True)


def _child_visible(user) -> Q:
    # A correlated test of the difference's own child: the scope ORs it with the raiser
    # (``core.visibility.visible_through``).
    return visibility.visible_through("person_id", Person, user)


def difference_scope(user) -> Q:
    """Registered with ``core.visibility`` (see the module's docstring)."""
    mine = Q(raised_by_id=user.pk)
    if user.role == Role.MASH_PARTNER:
        if not user.agency_id:
            return mine
        party = Q(raiser_partner_id=user.agency_id) | Q(decision_partner_id=user.agency_id)
        return mine | (party & _child_visible(user))
    if sees_every_unrestricted_person(user) and user.role != Role.SERVICE_MANAGER:
        party = (Q(pk__in=Stage.objects.filter(owner_id=user.pk).values("difference_id"))
                 | Q(teller_id=user.pk))
        return mine | (party & _child_visible(user))
    return mine | _child_visible(user)


def visible_differences(user) -> QuerySet[Difference]:
    return Difference.objects.visible_to(user).select_related(*PARTS)


def get_visible_difference(user, difference_id) -> Difference:
    """The difference with its stages (oldest first), or 404."""
    stages = Prefetch("stages", queryset=Stage.objects.select_related(*STAGE_PARTS)
                      .order_by("number"))
    return get_visible_or_404(Difference.objects.select_related(*PARTS).prefetch_related(stages),
                              user, difference_id, "professional difference")


def locked(difference: Difference) -> Difference:
    """The difference as it is now, its row locked for a change (in an action)."""
    return (Difference.objects.select_for_update(of=("self",)).select_related(*PARTS)
            .get(pk=difference.pk))


def sees_child(user: User, person: Person) -> bool:
    return Person.objects.visible_to(user).live().filter(pk=person.pk).exists()


def sees_difference(user: User, difference: Difference) -> bool:
    """Whether ``user`` may see ``difference`` and open the differences pages."""
    return (user.is_active and user.has_hearth_permission("differences.view")
            and Difference.objects.visible_to(user).filter(pk=difference.pk).exists())


def manages(user: User) -> bool:
    """A manager of the differences they may see (team and service managers)."""
    return user.is_manager and user.has_hearth_permission("differences.manage")


def allocated_worker(person: Person) -> User | None:
    """The child's allocated worker on their newest live case, if any."""
    inv = (Involvement.objects.filter(LIVE, person=person, worker__isnull=False,
                                      worker__is_active=True)
           .select_related("worker").order_by("-opened_on", "-pk").first())
    return inv.worker if inv is not None else None


def candidates(user: User, difference: Difference) -> list[User]:
    """Who the pages offer to lead the next stage or to tell the allocated worker: the user,
    whoever raised it and led its stages, the child's allocated worker and the managers of
    their team and of the user's; each must still be able to see the difference (the action
    checks)."""
    roles = [r for r in Role.values if has_permission(r, "differences.view")]
    worker = allocated_worker(difference.person)
    near = (Q(pk=user.pk) | Q(pk=difference.raised_by_id)
            | Q(pk__in=Stage.objects.filter(difference=difference).values("owner_id")))
    teams = {t for t in (user.team_id, worker.team_id if worker else None) if t}
    if worker is not None:
        near |= Q(pk=worker.pk)
    if teams:
        near |= Q(team_id__in=teams, role=Role.TEAM_MANAGER)
    return list(User.objects.filter(near, is_active=True, role__in=roles)
                .select_related("team", "agency").order_by("first_name", "last_name", "pk"))


def about_child(user, person: Person) -> list[Difference]:
    """The differences about ``person`` that ``user`` may see, those still showing first, then
    newest first: one query, read once a request (``core.visibility.remembered``: the panel
    and the child at a glance share it)."""
    def read() -> list[Difference]:
        if not presence.has(person, "differences"):  # none at all: no query to build
            return []
        sql, params = visibility.visible_sql(Difference, user)
        found = _about_child.all(sql, person=person.pk, visible=params)
        found.sort(key=lambda d: not (d.is_open or d.awaiting_worker))
        return found

    return visibility.remembered(("differences.about_child", user.pk, person.pk), read)


@compiled
def _about_child(p, visible_sql: str):
    """A child's differences among those the user may see (their kept scope): compiled once
    a process (issue 14: building the scope and its ten parts was a sixth of the person
    page)."""
    return (Difference.objects.filter(person_id=p.uuid("person"),
                                      pk__in=p.sql("visible", visible_sql, Difference._meta.pk))
            .select_related(*PARTS).order_by("-raised_at", "-pk")[:50])


def showing(user, person: Person) -> list[Difference]:
    return [d for d in about_child(user, person) if d.is_open or d.awaiting_worker]


def party_to(user) -> QuerySet[Difference]:
    """The user's own list, open ones first, then newest first: the differences they raised,
    lead a stage of, are to tell the worker about or were to be told about; for a partner,
    every difference their agency is party to."""
    found = visible_differences(user)
    if user.role != Role.MASH_PARTNER:
        stages = Stage.objects.filter(owner_id=user.pk).values("difference_id")
        found = found.filter(Q(raised_by_id=user.pk) | Q(pk__in=stages) | Q(teller_id=user.pk)
                             | Q(worker_id=user.pk))
    return found.order_by("status", "-raised_at", "-pk")
