"""Reading the chronology: everything a chronology page, export or API answer shows
(R-CHR-1..3, R-PPL-3). Every read is a fixed number of queries whatever the number of
events: one page of events, one count per lane and month, one count per kind for the
twelve-month figures, and the list of sources for the filter."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from hearth import calendar
from hearth.chronology import rules
from hearth.chronology.actions import link_for
from hearth.chronology.codes import MANUAL, Lane
from hearth.chronology.models import Event
from hearth.core.compiled import compiled
from hearth.core.refusals import Refused
from hearth.core.sensible import sensible_date
from hearth.core.visibility import visible_pks
from hearth.people.codes import RelationshipKind
from hearth.people.models import HouseholdMembership, Person, Relationship

PAGE_SIZE = 100
#: A page number longer than this is refused, not sent to the database as an offset.
MAX_PAGE_DIGITS = 6
#: Brothers and sisters are found through a parent they share.
PARENT_KINDS = (RelationshipKind.MOTHER, RelationshipKind.FATHER, RelationshipKind.STEP_PARENT)


@dataclass
class Filters:
    """What the reader asked for. Built by ``parse_filters``; an empty filter shows all."""

    lanes: list[str] = field(default_factory=list)
    date_from: date | None = None
    date_to: date | None = None
    source: str = ""
    family: bool = False
    oldest_first: bool = False
    page: int = 1

    def query(self) -> dict[str, object]:
        """The filter as query-string parameters (for export links and paging)."""
        out: dict[str, object] = {}
        if self.lanes:
            out["lane"] = self.lanes
        if self.date_from:
            out["from"] = self.date_from.isoformat()
        if self.date_to:
            out["to"] = self.date_to.isoformat()
        if self.source:
            out["source"] = self.source
        if self.family:
            out["scope"] = "family"
        if self.oldest_first:
            out["order"] = "oldest"
        return out


def event_scope(user) -> Q:
    """Who may see an event: whoever may see its person (registered from the AppConfig)."""
    return Q(person__in=visible_pks(Person, user))


def _date(value: str, label: str, name: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            found = datetime.strptime(value, fmt).replace(tzinfo=calendar.LONDON).date()
        except ValueError:
            continue
        problem = sensible_date(found)  # 9999-12-31 has no day after it (issue 13 item 2)
        if problem:
            raise Refused(f"{label} {problem}", name)
        return found
    raise Refused(f"{label} must be a real date, for example 17/11/2026", name)


def parse_filters(params) -> Filters:
    """Query-string parameters to ``Filters``; a ``Refused`` names the one at fault."""
    lanes = [v for v in params.getlist("lane") if v]
    unknown = [v for v in lanes if v not in Lane.values]
    if unknown:
        raise Refused(f"There is no type of event called “{unknown[0][:40]}”", "lane")
    date_from = _date(params.get("from", ""), "From", "from")
    date_to = _date(params.get("to", ""), "To", "to")
    if date_from and date_to and date_from > date_to:
        raise Refused("From must be on or before To", "from")
    scope = params.get("scope", "child") or "child"
    if scope not in ("child", "family"):
        raise Refused("Show events for the child or the whole family", "scope")
    order = params.get("order", "newest") or "newest"
    if order not in ("newest", "oldest"):
        raise Refused("Order must be newest or oldest first", "order")
    page = params.get("page", "1") or "1"
    if not page.isdigit() or len(page) > MAX_PAGE_DIGITS or int(page) < 1:
        raise Refused(f"Page must be a whole number from 1 to {10 ** MAX_PAGE_DIGITS - 1}",
                      "page")
    return Filters(lanes=lanes, date_from=date_from, date_to=date_to,
                   source=params.get("source", "").strip()[:150], family=scope == "family",
                   oldest_first=order == "oldest", page=int(page))



def family_of(user, person: Person) -> list[Person]:
    """The person and the family the user may see: relatives either way (parents, children,
    siblings, partners) and whoever lives in the same household now."""
    related = Relationship.objects.filter(Q(person=person) | Q(relative=person))
    ids = {person.pk}
    for a, b in related.values_list("person_id", "relative_id"):
        ids.update((a, b))
    # Brothers and sisters through a shared parent (``person`` is the parent's relative).
    parents = Relationship.objects.filter(relative=person, kind__in=PARENT_KINDS)
    ids.update(Relationship.objects.filter(
        person__in=parents.values("person_id"), kind__in=PARENT_KINDS)
        .values_list("relative_id", flat=True))
    households = HouseholdMembership.objects.filter(person=person, end_date__isnull=True)
    ids.update(HouseholdMembership.objects.filter(
        household__in=households.values("household_id"), end_date__isnull=True)
        .values_list("person_id", flat=True))
    return list(Person.objects.visible_to(user).live().filter(pk__in=ids)
                .order_by("date_of_birth", "given_name"))


def _bounds(filters: Filters) -> Q:
    q = Q()
    if filters.date_from:
        q &= Q(occurred_at__gte=datetime.combine(filters.date_from, time.min,
                                                 tzinfo=calendar.LONDON))
    if filters.date_to:
        q &= Q(occurred_at__lt=datetime.combine(filters.date_to + timedelta(days=1), time.min,
                                                tzinfo=calendar.LONDON))
    return q


def events_of(people_ids, filters: Filters) -> QuerySet[Event]:
    qs = Event.objects.filter(person_id__in=people_ids).filter(_bounds(filters))
    if filters.lanes:
        qs = qs.filter(lane__in=filters.lanes)
    if filters.source:
        qs = qs.filter(source_agency=filters.source)
    return qs


def ordered(qs: QuerySet[Event], oldest_first: bool = False) -> QuerySet[Event]:
    """Newest first unless asked otherwise; ties keep the order they were recorded in."""
    if oldest_first:
        return qs.order_by("occurred_at", "pk")
    return qs.order_by("-occurred_at", "-pk")


def page_of(qs: QuerySet[Event], filters: Filters,
            size: int = PAGE_SIZE) -> tuple[list[Event], int]:
    total = qs.count()
    start = (filters.page - 1) * size
    page = ordered(qs, filters.oldest_first).select_related("person")[start:start + size]
    return list(page), total


def month_counts(qs: QuerySet[Event]) -> list[tuple[str, date, int]]:
    rows = qs.order_by().values_list("lane", "month").annotate(n=Count("id"))
    return [(lane, month, n) for lane, month, n in rows]


def figures(person: Person, today: date) -> rules.Figures:
    """The last twelve months for this child (R-CHR-3, R-PPL-3)."""
    since = rules.months_before(today, rules.FIGURE_MONTHS)
    start = datetime.combine(since, time.min, tzinfo=calendar.LONDON)
    end = datetime.combine(today + timedelta(days=1), time.min, tzinfo=calendar.LONDON)
    counts = dict(Event.objects.filter(person=person, occurred_at__gte=start,
                                       occurred_at__lt=end)
                  .order_by().values_list("kind").annotate(n=Count("id")))
    return rules.Figures.from_kind_counts(counts)


def sources(people_ids) -> list[str]:
    return list(Event.objects.filter(person_id__in=people_ids).order_by("source_agency")
                .values_list("source_agency", flat=True).distinct())


def link_of(event: Event) -> str | None:
    """Where the record behind an event can be read, if it has a page (each source says
    where its records are read when it registers)."""
    link = link_for(event.origin)
    if link is None:
        return None
    value = (str(event.pk) if event.origin == MANUAL
             else str(event.person_id) if link.by_person else event.origin_id)
    try:
        return reverse(link.url_name, kwargs={link.kwarg: value})
    except NoReverseMatch:
        return None


@dataclass
class Chronology:
    """One chronology as the user may see it: a page of events (or all of them, for an
    export), the twelve-month figures and what the timeline draws."""

    person: Person
    people: list[Person]
    filters: Filters
    events: list[Event]
    total: int
    page_count: int
    figures: rules.Figures
    reasons: list[str]
    unstable: bool
    #: (lane, month, number of events) for the timeline, and the lanes it draws.
    counts: list[tuple[str, date, int]]
    lanes: list[str]
    sources: list[str]
    today: date

    @property
    def first_shown(self) -> int:
        return 0 if not self.events else (self.filters.page - 1) * PAGE_SIZE + 1

    @property
    def last_shown(self) -> int:
        return self.first_shown + len(self.events) - 1 if self.events else 0


def build(user, person: Person, filters: Filters, *,
          everything: bool = False) -> Chronology:
    """The chronology of ``person`` (and their family, if asked) as ``user`` may see it.
    ``everything`` returns every matching event (exports) instead of one page."""
    people = family_of(user, person) if filters.family else [person]
    ids = [p.pk for p in people]
    qs = events_of(ids, filters)
    if everything:
        events = list(ordered(qs, filters.oldest_first).select_related("person"))
        total = len(events)
    else:
        events, total = page_of(qs, filters)
    today = timezone.localdate()
    twelve_months = figures(person, today)
    return Chronology(person=person, people=people, filters=filters, events=events,
                      total=total, page_count=max(1, math.ceil(total / PAGE_SIZE)),
                      figures=twelve_months, reasons=rules.instability_reasons(twelve_months),
                      unstable=rules.is_unstable(twelve_months), counts=month_counts(qs),
                      lanes=filters.lanes or list(Lane.values), sources=sources(ids),
                      today=today)


#: How many of the latest events the person page shows.
RECENT = 5


@compiled
def _recent_events(p):
    return ordered(Event.objects.filter(person_id=p.uuid("person")))[:RECENT]


def recent_events_panel(user, person: Person):
    """The person page's latest events, newest first, with a link to the whole chronology
    (registered from ChronologyConfig.ready on ``people.queries.persons.PERSON_PANELS``):
    one query, for readers of chronologies."""
    from hearth.people.queries.persons import EVENTS, Panel

    if not user.has_hearth_permission("chronology.view"):
        return None
    events = _recent_events.all(person=person.pk)
    return Panel("chronology/_recent.html", {"events": events}, place=EVENTS)
