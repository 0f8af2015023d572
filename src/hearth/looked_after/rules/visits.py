"""Statutory visits to a child looked after (R-CLA-4): when the next is due, and the child
seen alone unless they refuse or cannot understand."""

from __future__ import annotations

from datetime import date

from hearth import calendar


def visit_due(placement_start: date, last_visit: date | None, *, long_term: bool) -> date:
    """R-CLA-4: within a week of the placement's start, then at most every 6 weeks in its
    first year, then every 3 months if it is intended to last until 18, else 6 weeks."""
    return calendar.lac_visit_due(placement_start, last_visit, long_term=long_term).date()


def seen_alone_problems(*, child_seen: bool, seen_alone: bool,
                        not_seen_alone_reason: str) -> dict[str, str]:
    """R-CLA-4: a child seen but not alone says why (they refused, or cannot understand)."""
    if child_seen and not seen_alone and not not_seen_alone_reason.strip():
        return {"not_seen_alone_reason": "Enter why the child was not seen alone (for example, "
                                         "they refused, or are too young to understand)"}
    return {}
