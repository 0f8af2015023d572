"""What is due: one list of the work a user must do, whichever app it comes from (issue 15).

Each app that knows of work with a due date registers a *source* from its AppConfig.ready()
(``SOURCES.register(source)``), as it registers its chronology; a source lives in the app's
``due.py`` and reuses the app's own timescale rules. A source is
``source(user, *, scope) -> Iterable[DueItem]``:

- ``scope="mine"``: what this user must do themselves (a worker's own children; a conference
  chair's conferences; a manager's authorisations);
- ``scope="team"``: for a team manager, what their team's workers must do (a service manager:
  the whole service), each item naming the worker it is for.

A source reads through ``visible_to(user)`` and takes a constant number of queries however many
children there are (no query per row). The home pages and ``GET /api/v1/work`` call
``due_for(user, scope=...)``; nothing here imports an app.

The header on a child's pages asks for one child's items (``due_for(user, person_id=...)``,
``next_due``). A source marked with ``@for_one_child`` takes ``person_id=`` and reads only
that child's work; any other source's items are filtered to the child.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hearth import calendar
from hearth.core import presence
from hearth.core.registry import Registry

MINE = "mine"
TEAM = "team"
SCOPES = (MINE, TEAM)

#: The sources every app registers (``source(user, *, scope) -> Iterable[DueItem]``).
SOURCES = Registry("what is due")

OVERDUE = "overdue"
TODAY = "today"
THIS_WEEK = "this_week"
LATER = "later"
#: The headings of the list, in the order it is read.
WHEN_LABELS = {OVERDUE: "Overdue", TODAY: "Due today", THIS_WEEK: "Due this week",
               LATER: "Due later"}
#: "This week": due within this many days after today.
WEEK_DAYS = 7


@dataclass(frozen=True)
class DueItem:
    """One piece of work due: about whom, what (plain words), by when, and where to do it.

    ``person_id`` is "" for work about no one child (a worker's supervision), and
    ``person_name`` then says what it is about.
    ``due`` is a date or an aware date-time; ``link`` is a URL path carrying ids only.
    ``for_user_id`` is the worker whose work it is (when known); ``family_id`` the family it
    belongs to (the page fills it in when a source leaves it out). ``authorise`` marks what
    waits for the reader's (a manager's) authorisation."""

    person_id: str
    person_name: str
    what: str
    due: date | datetime
    kind: str
    link: str
    for_user_id: int | None = None
    family_id: str | None = None
    family_name: str = ""
    authorise: bool = False

    @property
    def due_on(self) -> date:
        """The day it is due, in London."""
        if isinstance(self.due, datetime):
            if self.due.tzinfo is None:
                raise ValueError("A due date-time must be aware")
            return self.due.astimezone(calendar.LONDON).date()
        return self.due

    def days_overdue(self, today: date) -> int:
        """Whole days past the due day (0 when not overdue)."""
        return max((today - self.due_on).days, 0)

    def when(self, today: date) -> str:
        return when(self.due_on, today)

    def describe(self, today: date) -> str:
        """'overdue by 3 days', 'due today', 'due tomorrow' or 'due in 5 days'."""
        return describe(self.due_on, today)


def when(due_on: date, today: date) -> str:
    """Which part of the list a day belongs to: overdue, today, this week or later."""
    if due_on < today:
        return OVERDUE
    if due_on == today:
        return TODAY
    if due_on <= today + timedelta(days=WEEK_DAYS):
        return THIS_WEEK
    return LATER


def describe(due_on: date, today: date) -> str:
    days = (due_on - today).days
    if days < 0:
        return f"overdue by {-days} day{'s' if days != -1 else ''}"
    if days == 0:
        return "due today"
    if days == 1:
        return "due tomorrow"
    return f"due in {days} days"


def order(items: Iterable[DueItem]) -> list[DueItem]:
    """Most overdue first, then soonest due; ties by what and whom, so the order is stable."""
    return sorted(items, key=lambda i: (i.due_on, i.kind, i.person_name, i.person_id, i.link))


ONE_CHILD_ATTR = "hearth_due_for_one_child"
NEEDS_ATTR = "hearth_due_needs"


def for_one_child(source: Callable[..., Iterable[DueItem]]) -> Callable[..., Iterable[DueItem]]:
    """Mark a source that takes ``person_id=`` and then reads only that child's work."""
    setattr(source, ONE_CHILD_ATTR, True)
    return source


def needs(*kinds: str) -> Callable[[Callable[..., Iterable[DueItem]]],
                                     Callable[..., Iterable[DueItem]]]:
    """Mark a source whose work comes only from records of these kinds
    (``core.presence``): for one child with none of them, ``due_for`` does not ask it (its
    filters are the costly part of the child's next due item, issue 14)."""
    def mark(source: Callable[..., Iterable[DueItem]]) -> Callable[..., Iterable[DueItem]]:
        setattr(source, NEEDS_ATTR, kinds)
        return source

    return mark


def due_for(user, *, scope: str = MINE,
            sources: Iterable[Callable[..., Iterable[DueItem]]] | None = None,
            person_id=None) -> list[DueItem]:
    """Every registered source's items for ``user`` in ``scope``, in the order of the list;
    with ``person_id``, only those about that child."""
    if scope not in SCOPES:
        raise ValueError(f"scope must be one of {SCOPES}")
    found: list[DueItem] = []
    for source in (SOURCES if sources is None else sources):
        if person_id is None:
            found.extend(source(user, scope=scope))
        elif not presence.any_of(person_id, getattr(source, NEEDS_ATTR, ())):
            continue  # the child has no record this source's work comes from
        elif getattr(source, ONE_CHILD_ATTR, False):
            found.extend(i for i in source(user, scope=scope, person_id=person_id)
                         if i.person_id == str(person_id))
        else:
            found.extend(i for i in source(user, scope=scope) if i.person_id == str(person_id))
    return order(found)


def next_due(user, person_id, *, scope: str = MINE) -> DueItem | None:
    """The most pressing item of ``user``'s work about one child (None: nothing due)."""
    items = due_for(user, scope=scope, person_id=person_id)
    return items[0] if items else None


@dataclass
class Group:
    key: str
    label: str
    items: list[DueItem]


def by_when(items: Iterable[DueItem], today: date) -> list[Group]:
    """The items under their headings (overdue, today, this week, later); empty ones left
    out."""
    groups = {key: Group(key, label, []) for key, label in WHEN_LABELS.items()}
    for item in order(items):
        groups[item.when(today)].items.append(item)
    return [g for g in groups.values() if g.items]


def by_key(items: Iterable[DueItem], key: Callable[[DueItem], str],
           label: Callable[[DueItem], str]) -> list[Group]:
    """The items grouped by ``key`` (a family, a worker), groups in the order of their most
    pressing item, items in list order within each."""
    groups: dict[str, Group] = {}
    for item in order(items):
        k = key(item)
        if k not in groups:
            groups[k] = Group(k, label(item), [])
        groups[k].items.append(item)
    return list(groups.values())
