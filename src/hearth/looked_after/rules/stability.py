"""Stability of placements (R-CLA-7), as the DfE measures it: a child with three or more
placements in the last 12 months; a child looked after for two and a half years or more who
has been in the same placement for two years. Temporary placements (T0-T4) are not moves.
Pure: the database query in ``queries/stability.py`` computes the same."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from hearth import calendar

#: Three or more placements in the last 12 months (R-CLA-7).
MANY_PLACEMENTS = 3
YEAR_MONTHS = 12
#: Looked after for two and a half years or more ...
LONG_IN_CARE_MONTHS = 30
#: ... in the same placement for two years.
SAME_PLACEMENT_MONTHS = 24


def year_ago(today: date) -> date:
    return calendar.add_months(today, -YEAR_MONTHS)


def placements_in_last_year(placements: Iterable[tuple[date, date | None]],
                            today: date) -> int:
    """Placements (started, ended) the child was in at any time in the 12 months to today."""
    since = year_ago(today)
    return sum(1 for started, ended in placements
               if started <= today and (ended is None or ended > since))


def many_placements(placements: Iterable[tuple[date, date | None]], today: date) -> bool:
    """Three or more placements in the last 12 months (R-CLA-7)."""
    return placements_in_last_year(placements, today) >= MANY_PLACEMENTS


def long_term_stable(*, period_started_on: date, placement_started_on: date,
                     today: date) -> bool:
    """Looked after 2.5 years or more and in the same placement for 2 years (R-CLA-7)."""
    return (period_started_on <= calendar.add_months(today, -LONG_IN_CARE_MONTHS)
            and placement_started_on <= calendar.add_months(today, -SAME_PLACEMENT_MONTHS))


def long_in_care(period_started_on: date, today: date) -> bool:
    return period_started_on <= calendar.add_months(today, -LONG_IN_CARE_MONTHS)
