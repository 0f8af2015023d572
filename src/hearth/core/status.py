"""The child at a glance (issue 15): the statuses that matter about a child, whichever app
knows them, for the header on every page about a child.

Each app that knows a status registers a *provider* from its AppConfig.ready()
(``PROVIDERS.register(provider)``), as it registers its chronology and what is due. A provider
is ``provider(person, user) -> Iterable[Status | Allocation]``: the child's statuses it knows
(on a child protection plan since …, child in need, restricted record, died …) and, for the
app that holds allocations, who the child is allocated to. A provider reads only what the
user may see of a child they may already see, and takes at most one or two queries (none when
it can reuse what the page loaded); apps that come later (looked after, care leavers, LADO)
add theirs without changing the header. Nothing here imports an app.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hearth.core.registry import Registry

#: Status providers: ``provider(person, user) -> Iterable[Status | Allocation]``.
PROVIDERS = Registry("child statuses")

#: GOV.UK tag colours a status may use (the words always say what it is: never colour alone).
TONES = ("", "grey", "green", "turquoise", "blue", "light-blue", "purple", "pink", "red",
         "orange", "yellow")


@dataclass(frozen=True)
class Status:
    """One status of a child: ``label`` in a GOV.UK tag ("Child protection plan"), ``detail``
    after it in plain words ("since 16 November 2026, category Neglect"), an optional
    ``link`` (a URL path with ids only) and where it comes in the list (``rank``, lowest
    first)."""

    key: str
    label: str
    detail: str = ""
    tone: str = ""
    link: str = ""
    rank: int = 50
    #: Keys of statuses this one makes redundant (a child protection plan: "child in need").
    supersedes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.tone not in TONES:
            raise ValueError(f"tone must be one of {TONES}")

    @property
    def tag_class(self) -> str:
        return "govuk-tag" + (f" govuk-tag--{self.tone}" if self.tone else "")


@dataclass(frozen=True)
class Allocation:
    """Who the child is allocated to: a worker (may be "" while awaiting allocation) in a
    team, on a service."""

    worker: str
    team: str
    service: str = ""


@dataclass
class Glance:
    statuses: list[Status]
    allocations: list[Allocation]


def statuses_for(person, user, *, providers: Iterable | None = None) -> Glance:
    """Every registered provider's statuses and allocations for ``person`` as ``user`` sees
    them, statuses in rank order."""
    statuses: list[Status] = []
    allocations: list[Allocation] = []
    for provider in (PROVIDERS if providers is None else providers):
        for found in provider(person, user) or ():
            if isinstance(found, Allocation):
                allocations.append(found)
            else:
                statuses.append(found)
    superseded = {key for s in statuses for key in s.supersedes}
    statuses = sorted((s for s in statuses if s.key not in superseded),
                      key=lambda s: (s.rank, s.label))
    return Glance(statuses, allocations)
