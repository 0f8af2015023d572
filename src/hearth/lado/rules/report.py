"""Pure rules for the LADO's annual figures (R-LADO-5): the reporting year (April to March,
as the Department for Education's returns count), and the time from notification to outcome
in bands of one, three and twelve months."""

from __future__ import annotations

from datetime import date

from hearth import calendar

#: The bands of the time from notification to outcome: key, label, months (None: longer).
BANDS: tuple[tuple[str, str, int | None], ...] = (
    ("month", "Within 1 month", 1),
    ("quarter", "Within 3 months", 3),
    ("year", "Within 12 months", 12),
    ("longer", "More than 12 months", None),
)
#: The first reporting year the selector offers.
FIRST_YEAR = 2000


def reporting_year(today: date) -> int:
    """The reporting year ``today`` is in, named by the year it starts (April to March)."""
    return today.year if today.month >= 4 else today.year - 1


def year_bounds(year: int) -> tuple[date, date]:
    """The reporting year's first day, and the first day after it."""
    return date(year, 4, 1), date(year + 1, 4, 1)


def year_label(year: int) -> str:
    return f"April {year} to March {year + 1}"


def year_asked(value: str | None, *, today: date) -> tuple[int, str]:
    """The year ``?year=`` asks for, and a problem to show when it is not one the report
    covers (the current year is given instead)."""
    current = reporting_year(today)
    text = (value or "").strip()
    if not text:
        return current, ""
    if not (text.isascii() and text.isdigit() and len(text) == 4) or not (
            FIRST_YEAR <= int(text) <= current):
        return current, (f"Choose a reporting year from {FIRST_YEAR} to {current}: the year "
                         "it starts, in April")
    return int(text), ""


def band(notified_on: date, outcome_on: date) -> str:
    """R-LADO-5: which band the time from notification to outcome falls in (the same day of
    the month one, three or twelve months on is still within it)."""
    for key, _label, months in BANDS:
        if months is not None and outcome_on <= calendar.add_months(notified_on, months):
            return key
    return "longer"
