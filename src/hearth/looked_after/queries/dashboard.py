"""The children-in-care dashboard for team and service managers (issue 17): the looked_after
app draws it; the areas around it add their figures through ``FIGURES`` (reviews, visits and
health assessments due and overdue, missing episodes this month, care leavers not in touch).

A figure source is ``source(user, children) -> list[Figure]`` where ``children`` is a queryset
of the people whose care the manager oversees (their team's or service's children in care and
care leavers); it must run a constant number of queries whatever the number of children."""

from __future__ import annotations

from dataclasses import dataclass

from hearth.core.registry import Registry


@dataclass(frozen=True)
class Figure:
    """One line of the dashboard: ``count`` children (or records), of which ``overdue`` are
    overdue where that applies, with a link to the list behind it."""

    label: str
    count: int
    overdue: int | None = None
    href: str = ""


FIGURES = Registry("children-in-care dashboard figures")
