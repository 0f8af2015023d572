"""The family: who a parent's hostility or a family's avoidance concerns, the family as the
user may see it, and its engagement over the last twelve months, per month and per agency, so
that hostility towards some agencies and not others is visible (seed 004 §4)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.urls import reverse

from hearth import calendar
from hearth.casework.queries import family_children
from hearth.casework.rules import PARENT_KINDS
from hearth.chronology.codes import OWN_SERVICE
from hearth.engagement import rules
from hearth.engagement.chronology import who
from hearth.engagement.codes import VISIT_AVOIDANCE, EventKind
from hearth.engagement.models import EngagementEvent
from hearth.people.models import Person, Relationship
from hearth.visits.models import Visit


def family_ids(person: Person) -> set:
    """The person, their parents and children, and the children of their parents: who a
    parent's hostility or a family's avoidance concerns. Not filtered by visibility: the
    rules use it, never to show anyone."""
    parent_of = Relationship.objects.filter(kind__in=PARENT_KINDS)
    parents = set(parent_of.filter(relative=person).values_list("person_id", flat=True))
    children = set(parent_of.filter(person=person).values_list("relative_id", flat=True))
    siblings = set(parent_of.filter(person_id__in=parents).values_list("relative_id",
                                                                        flat=True))
    siblings |= set(Relationship.objects.filter(kind="sibling", person=person)
                    .values_list("relative_id", flat=True))
    siblings |= set(Relationship.objects.filter(kind="sibling", relative=person)
                    .values_list("person_id", flat=True))
    return {person.pk, *parents, *children, *siblings}


def in_family(person: Person, other_id) -> Person | None:
    """Someone in the person's family (``family_ids``), or None."""
    ids = family_ids(person)
    return next((p for p in Person.objects.live().filter(pk__in=ids) if p.pk == other_id), None)


def family_members(user, person: Person) -> tuple[list[Person], list[Person]]:
    """The family as the user may see it: the children (``family_children``) and the adults
    with parental ties to them (and the person, if an adult)."""
    children = family_children(user, person)
    child_ids = {c.pk for c in children}
    adult_ids = set(Relationship.objects.filter(kind__in=PARENT_KINDS,
                                                relative_id__in=child_ids)
                    .values_list("person_id", flat=True))
    if person.pk not in child_ids:
        adult_ids.add(person.pk)
    adults = list(Person.objects.visible_to(user).live().filter(pk__in=adult_ids - child_ids)
                  .order_by("date_of_birth", "given_name"))
    return children, adults


KIND_LABELS = dict(EventKind.choices)
KINDS = list(EventKind.values)


@dataclass(frozen=True)
class Row:
    """One thing that happened: an engagement event, or a visit with no access or cancelled
    by the family that has no event of its own."""

    when: datetime
    person: Person
    kind: str
    agency: str
    who: str
    detail: str
    link: str
    hostile: bool

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def month(self) -> date:
        return self.when.astimezone(calendar.LONDON).date().replace(day=1)


@dataclass
class FamilyReport:
    person: Person
    children: list[Person]
    adults: list[Person]
    months: list[date]
    rows: list[Row]
    kinds: list[tuple[str, str]] = field(default_factory=lambda: list(EventKind.choices))

    @property
    def agencies(self) -> list[str]:
        counts = Counter(r.agency for r in self.rows)
        return sorted(counts, key=lambda a: (-counts[a], a))

    def by_agency_and_kind(self) -> list[dict]:
        out = []
        for agency in self.agencies:
            mine = [r for r in self.rows if r.agency == agency]
            counts = Counter(r.kind for r in mine)
            out.append({"agency": agency, "cells": [counts[k] for k in KINDS],
                        "total": len(mine), "hostile": counts[EventKind.HOSTILITY]})
        return out

    def by_agency_and_month(self) -> list[dict]:
        out = []
        for agency in self.agencies:
            mine = [r for r in self.rows if r.agency == agency]
            cells = [{"all": sum(1 for r in mine if r.month == m),
                      "hostile": sum(1 for r in mine if r.month == m and r.hostile)}
                     for m in self.months]
            out.append({"agency": agency, "cells": cells, "total": len(mine)})
        return out

    def by_member(self) -> list[dict]:
        out = []
        for member, label in [*((c, "Child") for c in self.children),
                              *((a, "Adult") for a in self.adults)]:
            mine = [r for r in self.rows if r.person.pk == member.pk]
            counts = Counter(r.kind for r in mine)
            out.append({"person": member, "label": label, "cells": [counts[k] for k in KINDS],
                        "total": len(mine)})
        return out

    @property
    def hostile_agencies(self) -> list[str]:
        return [a for a in self.agencies if any(r.hostile for r in self.rows if r.agency == a)]


def build(user, person: Person, today: date) -> FamilyReport:
    children, adults = family_members(user, person)
    members = {p.pk: p for p in [*children, *adults]}
    months = rules.last_months(today)
    since = datetime.combine(months[0], time.min, tzinfo=calendar.LONDON)
    rows = [Row(e.occurred_at, members[e.person_id], e.kind, e.agency, who(e),
                e.get_form_display() if e.form else "",
                reverse("engagement:event", kwargs={"engagement_event_id": e.pk}),
                e.kind == EventKind.HOSTILITY)
            for e in EngagementEvent.objects.filter(person_id__in=members,
                                                    occurred_at__gte=since)
            .select_related("by_person")]
    visits = (Visit.objects.filter(child_id__in=members, starts_at__gte=since,
                                   outcome__in=list(VISIT_AVOIDANCE),
                                   engagement_events__isnull=True))
    rows += [Row(v.starts_at, members[v.child_id], VISIT_AVOIDANCE[v.outcome], OWN_SERVICE, "",
                 f"Visit: {v.get_outcome_display().lower()}",
                 reverse("visits:detail", kwargs={"visit_id": v.pk}), False) for v in visits]
    rows.sort(key=lambda r: r.when, reverse=True)
    return FamilyReport(person, children, adults, months, rows)
