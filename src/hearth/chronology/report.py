"""Everything a chronology page, export or API answer shows, built in a fixed number of
queries (R-CHR-1..3, R-PPL-3)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from hearth.chronology import queries, rules, timeline
from hearth.chronology.codes import Lane
from hearth.chronology.models import Event
from hearth.people.models import Person


@dataclass
class Chronology:
    person: Person
    people: list[Person]
    filters: queries.Filters
    events: list[Event]
    total: int
    page_count: int
    figures: rules.Figures
    reasons: list[str]
    unstable: bool
    timeline: timeline.Timeline
    sources: list[str]
    today: date

    @property
    def svg(self):
        return timeline.svg(self.timeline, f"Timeline of {self.person.display_name}'s "
                            "chronology by type of event")

    @property
    def first_shown(self) -> int:
        return 0 if not self.events else (self.filters.page - 1) * queries.PAGE_SIZE + 1

    @property
    def last_shown(self) -> int:
        return self.first_shown + len(self.events) - 1 if self.events else 0


def build(user, person: Person, filters: queries.Filters, *,
          everything: bool = False) -> Chronology:
    """The chronology of ``person`` (and their family, if asked) as ``user`` may see it.
    ``everything`` returns every matching event (exports) instead of one page."""
    people = queries.family_of(user, person) if filters.family else [person]
    ids = [p.pk for p in people]
    qs = queries.events_of(ids, filters)
    if everything:
        events = list(queries.ordered(qs, filters.oldest_first).select_related("person"))
        total = len(events)
    else:
        events, total = queries.page_of(qs, filters)
    today = timezone.localdate()
    figures = queries.figures(person, today)
    lanes = filters.lanes or list(Lane.values)
    drawn = timeline.layout(queries.month_counts(qs), lanes=lanes,
                            first=filters.date_from, last=filters.date_to)
    return Chronology(person=person, people=people, filters=filters, events=events,
                      total=total, page_count=max(1, math.ceil(total / queries.PAGE_SIZE)),
                      figures=figures, reasons=rules.instability_reasons(figures),
                      unstable=rules.is_unstable(figures), timeline=drawn,
                      sources=queries.sources(ids), today=today)
