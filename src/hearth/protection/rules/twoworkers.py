"""Pure rules for two workers and the child protection dashboards: no database, no clock.

- Families: the children linked by a shared parent or a sibling relationship, and their
  parents, grouped with a union-find over those links (one pass, however many families).
- R-TWO-2: a family's criteria from what is known about its members
  (``protection.rules.two_worker_criteria`` decides must / should).
- R-TWO-3: which recorded decision covers a family, whether one is needed, and what a
  decision must say.

What is due and overdue (ICPCs, reviews, core groups, repeat plans) is in
``protection.rules``, shared by the pages, the dashboard and the API.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from hearth.casework.rules import PARENT_KINDS
from hearth.protection.rules.pathway import TwoWorkerCriteria, two_worker_criteria

#: ``people.Relationship.kind`` linking two siblings (``PARENT_KINDS`` make ``person`` a
#: parent of ``relative``).
SIBLING = "sibling"


# --- families ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Family:
    """One family: its children and their parents (ids)."""

    children: frozenset
    parents: frozenset = frozenset()

    @property
    def members(self) -> frozenset:
        return self.children | self.parents

    @property
    def key(self) -> str:
        """A stable name for the family: its smallest child id."""
        return min(str(c) for c in self.children)


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, x: Hashable) -> Hashable:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[rb] = ra


def group_families(links: Iterable[tuple[Any, Any, str]],
                   children: Iterable = ()) -> list[Family]:
    """Group people into families. ``links`` are relationships ``(person, relative, kind)``:
    a parent kind makes ``person`` a parent of the child ``relative``; ``sibling`` links two
    children; other kinds are not family links here. ``children`` are children known
    without links (each is a family of their own if nothing links them).

    Children sharing a parent, or linked as siblings, are one family, transitively (half
    siblings through either parent); the family's parents are the parents of its children.
    Families come back in a stable order (by ``Family.key``)."""
    uf = _UnionFind()
    kids: set = set()
    parents: set = set()
    for child in children:
        uf.find(child)
        kids.add(child)
    for person, relative, kind in links:
        if kind in PARENT_KINDS:
            parents.add(person)
            kids.add(relative)
        elif kind == SIBLING:
            kids.update((person, relative))
        else:
            continue
        uf.union(person, relative)
    grouped: dict[Hashable, tuple[set, set]] = {}
    for node in kids | parents:
        found = grouped.setdefault(uf.find(node), (set(), set()))
        (found[0] if node in kids else found[1]).add(node)
    families = [Family(frozenset(c), frozenset(p)) for c, p in grouped.values() if c]
    return sorted(families, key=lambda f: f.key)


def family_of(families: Iterable[Family], person_id) -> Family | None:
    return next((f for f in families if person_id in f.members), None)


# --- R-TWO-2: the criteria --------------------------------------------------------------------

@dataclass(frozen=True)
class Member:
    """What is known about one member of a family for the two-worker criteria."""

    id: Any
    on_plan: bool = False
    hostility: bool = False
    complex_needs: bool = False
    warning: bool = False


def family_criteria(family: Family, members: Iterable[Member]) -> TwoWorkerCriteria:
    """R-TWO-2 for one family: the children on open CP plans (four or more: two workers must
    be considered); significant hostility, a worker-safety warning on anyone in the family
    or their address, or complex needs recorded on anyone (should be considered)."""
    mine = [m for m in members if m.id in family.members]
    return two_worker_criteria(
        children_on_plans=sum(1 for m in mine if m.on_plan and m.id in family.children),
        significant_hostility=any(m.hostility for m in mine),
        worker_safety_warning=any(m.warning for m in mine),
        complex_needs=any(m.complex_needs for m in mine))


# --- R-TWO-3: decisions -----------------------------------------------------------------------

@dataclass(frozen=True)
class DecisionRef:
    """A recorded decision, as far as the covering rule needs it."""

    id: Any
    decided_on: date
    recorded_at: datetime
    children: frozenset = field(default_factory=frozenset)

    @property
    def order(self) -> tuple:
        return (self.decided_on, self.recorded_at, self.id)


def covering_decision(decisions: Iterable[DecisionRef], children: Iterable) -> DecisionRef | None:
    """The decision that stands for a family: a decision recorded on any of its children
    covers the whole family, and a later one supersedes an earlier one."""
    kids = set(children)
    covering = [d for d in decisions if d.children & kids]
    return max(covering, key=lambda d: d.order) if covering else None


def decision_needed(criteria: TwoWorkerCriteria, covering: DecisionRef | None) -> bool:
    """R-TWO-3: a family meeting the criteria needs its team manager's decision until one is
    recorded."""
    return criteria.met and covering is None


def criteria_changed(now: Iterable[str], then: Iterable[str]) -> list[str]:
    """The criteria met now that were not when the standing decision was made."""
    before = set(then)
    return [reason for reason in now if reason not in before]


ANSWER_TWO_WORKERS = ("Select yes if two workers are allocated to this family, or no if they "
                      "are not")
ENTER_REASONS = "Enter the reasons for the decision"
ENTER_DATE = "Enter the date the decision was made"
NOT_IN_FUTURE = "The date the decision was made must be today or in the past"


def decision_problems(*, two_workers: bool | None, reasons: str, decided_on: date | None,
                      today: date) -> dict[str, str]:
    """What stops a two-worker decision being recorded, by field (empty when it may be)."""
    problems: dict[str, str] = {}
    if two_workers is None:
        problems["two_workers"] = ANSWER_TWO_WORKERS
    if not (reasons or "").strip():
        problems["reasons"] = ENTER_REASONS
    if decided_on is None:
        problems["decided_on"] = ENTER_DATE
    elif decided_on > today:
        problems["decided_on"] = NOT_IN_FUTURE
    return problems
