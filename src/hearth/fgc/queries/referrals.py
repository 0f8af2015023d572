"""Who sees an FGC, and the reads its pages, API, panel, status and due list share.

An FGC is seen by whoever may see every one of its children (``Person.objects.visible_to``:
siblings referred together are one family, and casework shows a worker the relatives of the
children they work with), and by the FGC service (its coordinators and the managers of its
teams), its referrer and its coordinator — unless one of its children is a restricted record
they may not open; anyone else gets 404 (``core.visibility``). So a page never names a child
its reader may not see. The FGC service reaches the children of the FGCs it works with (they
open the child's record, as conference chairs do for conferences). Registered from
FgcConfig.ready()."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from hearth.access.codes import Role
from hearth.access.models import User
from hearth.core import presence, visibility
from hearth.core.compiled import compiled
from hearth.core.visibility import get_visible_or_404
from hearth.fgc.codes import OPEN, Status
from hearth.fgc.models import FGC, FGCChild, ItemProgress, Review
from hearth.fgc.rules import referrals as rules
from hearth.people.models import Person
from hearth.people.queries.visibility import visible_among

#: What every FGC is shown with, read in the same query.
PARTS = ("referred_by", "coordinator", "allocated_by", "plan_recorded_by", "plan_decided_by",
         "ended_by")


def team_service(user) -> str | None:
    return user.team.service if user.team_id else None


def in_service(user) -> bool:
    """The FGC service: coordinators and the managers of its teams (a team is read only for
    a team manager)."""
    if user.role not in (Role.FGC_COORDINATOR, Role.TEAM_MANAGER):
        return False
    return rules.is_fgc_service(user.role, team_service(user))


def fgc_manager(user) -> bool:
    if user.role not in (Role.SERVICE_MANAGER, Role.TEAM_MANAGER):
        return False
    return rules.is_fgc_manager(user.role, team_service(user))


def fgc_scope(user) -> Q:
    """Registered with ``core.visibility``. Every child of the FGC seen by the user; or the
    user is the FGC service, its referrer or its coordinator and no child of it is a
    restricted record they may not open (a sibling's restriction is never worked round)."""
    # Each child tested through its own id (``core.visibility.visible_through``): a
    # ``NOT IN (who the user may see)`` here made PostgreSQL compute every person they may see.
    seen = visibility.visible_through("person_id", Person, user)
    children = FGCChild.objects.filter(fgc=OuterRef("pk"))
    every_child_seen = ~Q(Exists(children.exclude(seen)))
    hidden = Exists(children.filter(person__restricted=True).exclude(seen))
    own = Q(referred_by_id=user.pk) | Q(coordinator_id=user.pk)
    if in_service(user):
        own = Q()
    return every_child_seen | (own & ~Q(hidden))


def service_reach(user) -> Q | None:
    """The FGC service reaches the children of FGCs (added to ``Person``'s visibility)."""
    if not in_service(user):
        return None
    return Q(Exists(FGCChild.objects.filter(person=OuterRef("pk"))))


def _children():
    return Prefetch("children", FGCChild.objects.select_related("person")
                    .order_by("person__date_of_birth", "person__given_name", "pk"))


def visible_fgcs(user) -> QuerySet[FGC]:
    return FGC.objects.visible_to(user).select_related(*PARTS).prefetch_related(_children())


def get_visible_fgc(user, fgc_id) -> FGC:
    """The FGC with everything its page shows (a constant number of queries)."""
    qs = visible_fgcs(user).prefetch_related(
        "visits__recorded_by", "network", "items",
        Prefetch("reviews", Review.objects.select_related("recorded_by").prefetch_related(
            Prefetch("progress", ItemProgress.objects.select_related("item")))))
    return get_visible_or_404(qs, user, fgc_id, "Family Group Conference")


def get_fgc(user, fgc_id) -> FGC:
    """The FGC alone (and its children), for a form's page."""
    return get_visible_or_404(visible_fgcs(user), user, fgc_id, "Family Group Conference")


def children_of(fgc: FGC) -> list[Person]:
    return [c.person for c in fgc.children.all()]


def names(fgc: FGC) -> str:
    """"Jack and Amy Fletcher" style: the children's names, as the lists show them."""
    people = children_of(fgc)
    if not people:
        return ""
    if len(people) == 1:
        return people[0].display_name
    return ", ".join(p.display_name for p in people[:-1]) + " and " + people[-1].display_name


def seen_children(user, fgc: FGC) -> set:
    """The ids of the FGC's children the user may open (one query)."""
    ids = [c.person_id for c in fgc.children.all()]
    return visible_among(user, ids)


def queue(user) -> QuerySet[FGC]:
    """The FGC queue: referrals waiting for a coordinator, oldest first (in the database)."""
    return visible_fgcs(user).filter(status=Status.REFERRED).order_by("referred_at", "pk")


def coordinating(user) -> QuerySet[FGC]:
    """The FGCs under way that ``user`` coordinates, the soonest conference first."""
    return (visible_fgcs(user).filter(coordinator=user, status__in=OPEN)
            .order_by("conference_at", "referred_at", "pk"))


def of_person(user, person: Person) -> list[FGC]:
    """The child's FGCs the user may see, newest first: one query, read once a request
    (``core.visibility.remembered``: the person page's panel and the child at a glance share
    it); none without a query of its own when the child has no FGC at all."""
    if not presence.has(person, "fgc"):
        return []
    def read() -> list[FGC]:
        sql, params = visibility.visible_sql(FGC, user)
        return _of_person.all(sql, person=person.pk, visible=params)

    return visibility.remembered(("fgc.of_person", user.pk, person.pk), read)


@compiled
def _of_person(p, visible_sql: str):
    """A child's FGCs among those the user may see (their kept scope): compiled once a
    process (issue 14)."""
    return (FGC.objects.filter(pk__in=p.sql("visible", visible_sql, FGC._meta.pk),
                               children__person_id=p.uuid("person"))
            .select_related("coordinator").order_by("-referred_at", "-pk")[:20])


def open_since(person_ids) -> dict:
    """For each of these children with an FGC under way: when it was referred."""
    found: dict = {}
    rows = (FGCChild.objects.filter(person_id__in=list(person_ids), fgc__status__in=OPEN)
            .values_list("person_id", "fgc__referred_at").order_by("fgc__referred_at"))
    for person_id, referred_at in rows:
        found.setdefault(person_id, referred_at)
    return found


def coordinators() -> list[User]:
    return list(User.objects.filter(role=Role.FGC_COORDINATOR, is_active=True)
                .order_by("first_name", "last_name", "pk"))


HOME_LIMIT = 10


def home_context(user) -> dict:
    """The coordinator's home page: how many wait in the queue, and their own FGCs (three
    queries)."""
    mine = list(coordinating(user)[:HOME_LIMIT + 1])
    return {"fgc_queue_count": queue(user).count(),
            "fgc_mine": [(fgc, names(fgc)) for fgc in mine[:HOME_LIMIT]],
            "fgc_mine_more": len(mine) > HOME_LIMIT}
