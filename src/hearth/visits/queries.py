"""Reads that pages and the API share; all go through ``Person.objects.visible_to``: a visit
is visible exactly when its child is."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Max, Prefetch, Q, QuerySet

from hearth.access import queries as staff
from hearth.access.models import User
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.core.registry import Registry
from hearth.core.visibility import visible_pks
from hearth.people.models import Person
from hearth.people.queries.visibility import get_visible_person
from hearth.visits import rules
from hearth.visits.codes import Engagement, VisitPurpose
from hearth.visits.models import Visit, VisitAmendment

#: What a new visit to a child is most likely for, offered first on the page:
#: ``guess(child) -> purpose or None``; the cin app registers the child's open plan's (issue 17).
LIKELY_PURPOSE = Registry("the likely purpose of a visit")


def likely_purpose(child) -> str:
    return LIKELY_PURPOSE.first_refusal(child) or VisitPurpose.OTHER


def visit_scope(user) -> Q:
    """Who may see a visit (registered with ``core.visibility``): whoever may see its child."""
    return Q(child__in=visible_pks(Person, user))


def visible_visits(user) -> QuerySet[Visit]:
    return visibility.apply(Visit.objects.all(), user)


def get_visible_visit(user, visit_id) -> Visit:
    """The visit with its amendments and who made it, or 404 when it does not exist or
    ``user`` may not see its child (one rule for the pages and the API)."""
    return visibility.get_visible_or_404(
        with_amendments(Visit.objects.select_related(
            "child", "recorded_by", "joint_worker", "involvement__team", "involvement__worker")),
        user, visit_id, "visit")


def with_amendments(qs: QuerySet[Visit]) -> QuerySet[Visit]:
    """Each visit with its amendments, oldest first, and who made them (R-REC-4)."""
    amendments = VisitAmendment.objects.select_related("amended_by").order_by("amended_at",
                                                                                "pk")
    return qs.prefetch_related(Prefetch("amendments", queryset=amendments))


def may_correct(user, visit: Visit) -> bool:
    """R-REC-4: ``user`` may correct ``visit`` (its recorder or their team manager)."""
    return user.has_hearth_permission("visits.record") and rules.may_correct(
        recorder_id=visit.recorded_by_id, recorder_team_id=visit.recorded_by.team_id,
        user_id=user.pk, user_role=user.role, user_team_id=user.team_id)


#: The child of a visit page: the person, or 404 (one rule for every page and the API).
get_visible_child = get_visible_person


def visits_of(user, child: Person) -> QuerySet[Visit]:
    """The child's visits, newest first."""
    return (visible_visits(user).filter(child=child).select_related("recorded_by", "joint_worker")
            .order_by("-starts_at", "-pk"))


def recorded_with(user, visit: Visit) -> list[Visit]:
    """The other visits recorded at once with ``visit`` (a visit to several children of a
    family), those ``user`` may see, by the child's name."""
    if visit.group is None:
        return []
    return list(visible_visits(user).filter(group=visit.group).exclude(pk=visit.pk)
                .select_related("child", "recorded_by")
                .order_by("child__given_name", "child__family_name", "pk"))


def recorded_with_each(user, visits) -> dict[int, list[Visit]]:
    """``recorded_with`` for each of ``visits`` at once (one query): visit id → the others."""
    groups = {v.group for v in visits if v.group is not None}
    if not groups:
        return {}
    together: dict = {}
    for other in (visible_visits(user).filter(group__in=groups).select_related("child")
                  .order_by("child__given_name", "child__family_name", "pk")):
        together.setdefault(other.group, []).append(other)
    return {v.pk: [o for o in together.get(v.group, []) if o.pk != v.pk] for v in visits
            if v.group is not None}


def recent_visit_times(child: Person, now: datetime,
                       days: int = rules.RECENT_DAYS) -> list[datetime]:
    """R-RES-5: when the child's visits of the last ``days`` days took place. Visits the family
    cancelled did not happen, and visits still to come have not, so neither counts."""
    return list(Visit.objects.filter(child=child, starts_at__gte=now - timedelta(days=days),
                                     starts_at__lte=now)
                .exclude(outcome=Engagement.CANCELLED_BY_FAMILY)
                .values_list("starts_at", flat=True))



def colleague_choices(exclude_id: int | None) -> list[tuple[str, str]]:
    """The choices for "Did a colleague go with you?" (R-SAFE-2): nobody, or a colleague."""
    return staff.colleague_choices("visits.record", exclude_id, nobody="No: I went alone")


def colleague(user_id) -> User | None:
    """The colleague chosen by id, or None when there is no such colleague."""
    try:
        return staff.staff_with("visits.record").filter(pk=int(user_id)).first()
    except (TypeError, ValueError):
        return None


@compiled
def _last_seen(p, purpose: str):
    return (Visit.objects.filter(child_id__any=p.uuids("children"), child_seen=True,
                                 purpose=purpose)
            .values("child_id").annotate(last=Max("starts_at")).order_by()
            .values_list("child_id", "last"))


def last_seen(person_ids, purpose: str) -> dict:
    """Each child's last visit of ``purpose`` (a statutory CP, CIN or looked-after visit) at
    which they were seen: ``{child_id: starts_at}``, one query compiled once a process (the
    lists of what is due ask it for every child on a plan, issue 14)."""
    return dict(_last_seen.all(purpose, children=list(set(person_ids))))
