"""Reads that the care leavers' pages, API, panel, status, due list and dashboard share.

A care leaver's record is seen exactly when the young person is (``Person.objects.visible_to``);
the personal adviser reaches the young people allocated to them (a reach added to ``Person``'s
visibility, as the FGC service reaches its children). Everything else answers 404. The
category is worked out from the periods of care each time (``rules.category``, R-CL-1)."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import (
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.codes import Role
from hearth.access.models import User
from hearth.core import visibility
from hearth.core.compiled import compiled
from hearth.leaving_care import rules
from hearth.leaving_care.models import CareLeaver, Contact, KeepingInTouch, PathwayPlan
from hearth.looked_after.models import CarePeriod
from hearth.looked_after.queries.periods import spans
from hearth.people.models import Person
from hearth.people.queries.visibility import get_visible_person

PARTS = ("person", "adviser", "adviser_allocated_by")


def care_leaver_scope(user) -> Q:
    return Q(person__in=visibility.visible_pks(Person, user))  # compiled once a request


def adviser_reach(user) -> Q | None:
    """A personal adviser reaches the young people allocated to them."""
    if user.role != Role.PERSONAL_ADVISER:
        return None
    return Q(Exists(CareLeaver.objects.filter(person=OuterRef("pk"), adviser_id=user.pk)))


def contact_weeks() -> int:
    return settings.HEARTH_CARE_LEAVER_CONTACT_WEEKS


def visible_records(user) -> QuerySet[CareLeaver]:
    return visibility.apply(CareLeaver.objects.select_related(*PARTS), user)


def _parts() -> tuple[Prefetch, ...]:
    return (Prefetch("plans", PathwayPlan.objects.select_related("recorded_by")),
            Prefetch("contacts", Contact.objects.select_related("recorded_by")),
            Prefetch("keeping_in_touch", KeepingInTouch.objects.select_related("recorded_by")))


def with_parts(qs: QuerySet[CareLeaver]) -> QuerySet[CareLeaver]:
    return qs.prefetch_related(*_parts())


#: Whose records the list of what is due reads: every one the user may see (a manager's
#: team-wide list), an adviser's own, or one young person's (the header on their pages).
EVERY, ADVISER, ONE = "every", "adviser", "one"


@compiled
def _due_records(p, visible_sql: str, which: str, limit: int):
    qs = CareLeaver.objects.filter(person_id__in=p.sql("visible", visible_sql),
                                   person__date_of_birth__isnull=False)
    if which == ONE:
        qs = qs.filter(person_id=p.uuid("person"))
    elif which == ADVISER:
        qs = qs.filter(adviser_id=p.integer("user"))
    return qs.select_related(*PARTS).order_by("pk")[:limit]


def due_records(user, which: str, *, limit: int, person_id=None) -> list[CareLeaver]:
    """The records ``which`` the user may see whose work is due (at most ``limit``), with
    their plans, contacts and keeping in touch: the records in one query compiled once a
    process (issue 14), their parts in three more when there are any."""
    sql, params = visibility.visible_sql(Person, user)
    records = _due_records.all(sql, which, limit, visible=params, user=user.pk,
                               person=person_id)
    if records:
        prefetch_related_objects(records, *_parts())
    return records


def get_person(user, person_id) -> Person:
    return get_visible_person(user, person_id)


def record_of(user, person) -> CareLeaver | None:
    return with_parts(visible_records(user)).filter(person=person).first()


def get_record(user, person_id) -> CareLeaver:
    """The young person's care-leaver record, or 404 (no record, or not visible)."""
    person = get_person(user, person_id)
    found = record_of(user, person)
    if found is None:
        raise Http404("No care leaver's record for this person.")
    return found


def category_of(person, record: CareLeaver | None = None, *,
                today: date | None = None) -> rules.Found:
    """R-CL-1 for one young person (one query: their periods of care)."""
    today = today or timezone.localdate()
    if person.date_of_birth is None:
        return rules.Found("none", "Not a care leaver: the date of birth is not recorded.")
    return rules.category(person.date_of_birth, spans(person.pk), today,
                          support_to_25=bool(record and record.support_to_25_requested_on))


def spans_of_many(person_ids) -> dict:
    """Every listed person's periods of care, in one query."""
    found: dict = defaultdict(list)
    for p in CarePeriod.objects.filter(child_id__in=list(person_ids)).order_by("started_on"):
        found[p.child_id].append((p.started_on, p.ended_on))
    return found


def advisers() -> QuerySet[User]:
    return User.objects.filter(role=Role.PERSONAL_ADVISER, is_active=True).order_by(
        "last_name", "first_name", "pk")


def listing(user) -> QuerySet[CareLeaver]:
    """The care leavers list: a personal adviser's own young people; anyone else's, every
    care leaver they may see. Ordered in the database (paginated)."""
    qs = visible_records(user)
    if user.role == Role.PERSONAL_ADVISER:
        qs = qs.filter(adviser=user)
    return qs.order_by("person__family_name", "person__given_name", "pk")


def last_contacts(records) -> dict:
    """Each record's latest contact date (from its prefetched contacts)."""
    return {r.pk: max((c.contacted_on for c in r.contacts.all()), default=None)
            for r in records}


def not_in_touch(children: QuerySet) -> int:
    """How many of ``children`` have a care leaver's record whose latest contact found them
    not in touch, or with no contact in the contact interval (the dashboard's figure)."""
    since = timezone.localdate() - timedelta(weeks=contact_weeks())
    latest = Contact.objects.filter(care_leaver=OuterRef("pk")).order_by("-contacted_on",
                                                                         "-pk")
    return (CareLeaver.objects.filter(person__in=children)
            .annotate(last_on=Subquery(latest.values("contacted_on")[:1]),
                      last_in_touch=Subquery(latest.values("in_touch")[:1]))
            .filter(Q(last_on__isnull=True) | Q(last_on__lt=since) | Q(last_in_touch=False))
            .count())


# --- the children-in-care dashboard's figures (``looked_after.queries.dashboard.FIGURES``) ----

def not_in_touch_figure(user, children) -> list:
    from hearth.looked_after.queries.dashboard import Figure

    if not user.has_hearth_permission("leaving_care.view"):
        return []
    return [Figure("Care leavers not in touch", not_in_touch(children),
                   href=reverse("leaving_care:list"))]


def missing_this_month_figure(user, children) -> list:
    """The missing app's figure, registered here: missing sits below looked_after."""
    from hearth.looked_after.queries.dashboard import Figure
    from hearth.missing.queries import started_between

    if not user.has_hearth_permission("missing.view"):
        return []
    today = timezone.localdate()
    start = datetime.combine(today.replace(day=1), time(0), tzinfo=calendar.LONDON)
    end = datetime.combine(calendar.add_months(today.replace(day=1), 1), time(0),
                           tzinfo=calendar.LONDON)
    return [Figure("Missing episodes this month", started_between(children, start, end))]
