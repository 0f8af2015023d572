"""Health and education of a child looked after (R-CLA-5): health assessments by age, the
yearly SDQ for ages 4 to 16 (a score 0-40 or the reason there is none), and a personal
education plan each term for a child of compulsory school age. Pure."""

from __future__ import annotations

from datetime import date, timedelta

from hearth import calendar
from hearth.looked_after.codes import SdqReason
from hearth.looked_after.rules.reviews import age_on

SDQ_MIN, SDQ_MAX = 0, 40
SDQ_FROM_AGE, SDQ_TO_AGE = 4, 16
SDQ_MONTHS = 12
#: Compulsory school age: from the term after the 5th birthday to the last Friday of June of
#: the school year in which the child turns 16.
SCHOOL_FROM_AGE, SCHOOL_LEAVING_AGE = 5, 16
#: Terms (England): autumn from 1 September, spring from 1 January, summer from 1 April; a
#: PEP is due by the end of each term (31 December, 31 March, 31 July). August has none.
TERM_STARTS = ((9, 1), (1, 1), (4, 1))
TERM_NAMES = {9: "autumn", 1: "spring", 4: "summer"}


def initial_health_due(entered_care: date) -> date:
    """R-CLA-5: the initial health assessment in time for the first review."""
    return calendar.lac_review_1_due(entered_care).date()


def health_review_due(born: date | None, last_assessment: date) -> date:
    """R-CLA-5: every 6 months for a child under 5 (on the last assessment), 12 from 5."""
    under_five = born is not None and age_on(born, last_assessment) < 5
    return calendar.health_review_due(last_assessment, under_five=under_five).date()


def _birthday(born: date, years: int) -> date:
    try:
        return born.replace(year=born.year + years)
    except ValueError:  # 29 February
        return date(born.year + years, 3, 1)


def sdq_due(born: date | None, entered_care: date, last: date | None) -> date | None:
    """R-CLA-5: yearly from the last SDQ (or a year after entering care), for a child aged 4
    to 16: not before the 4th birthday; None once they are 17 by then."""
    if born is None:
        return None
    due = calendar.add_months(last or entered_care, SDQ_MONTHS)
    due = max(due, _birthday(born, SDQ_FROM_AGE))
    if age_on(born, due) > SDQ_TO_AGE:
        return None
    return due


def sdq_problems(score: int | None, reason: str) -> dict[str, str]:
    """A score 0-40, or the reason there is none (never both)."""
    if score is None and not reason:
        return {"sdq_score": "Enter the SDQ score (0 to 40), or select why there is none"}
    if score is not None and not (SDQ_MIN <= score <= SDQ_MAX):
        return {"sdq_score": f"The SDQ score must be a whole number from {SDQ_MIN} to {SDQ_MAX}"}
    if reason and reason not in SdqReason.values:
        return {"sdq_reason": "Select why there is no SDQ score from the list"}
    if score is not None and reason:
        return {"sdq_reason": "Leave the reason empty when there is an SDQ score"}
    return {}


def _term_start(day: date) -> date:
    for month, first in ((9, 1), (4, 1), (1, 1)):
        if (day.month, day.day) >= (month, first):
            return date(day.year, month, first)
    return date(day.year, 1, 1)  # pragma: no cover (1 January is always reached)


def school_age_starts(born: date) -> date:
    """The first term-start day (1 January, 1 April, 1 September) on or after the 5th
    birthday."""
    fifth = _birthday(born, SCHOOL_FROM_AGE)
    starts = [date(fifth.year + y, m, 1) for y in (0, 1) for m in (1, 4, 9)]
    return min(d for d in starts if d >= fifth)


def school_age_ends(born: date) -> date:
    """The last Friday of June of the school year (September to August) in which the child
    turns 16."""
    sixteenth = _birthday(born, SCHOOL_LEAVING_AGE)
    year = sixteenth.year + (1 if sixteenth.month >= 9 else 0)
    last = date(year, 6, 30)
    return last - timedelta(days=(last.weekday() - 4) % 7)


def is_school_age(born: date | None, day: date) -> bool:
    return born is not None and school_age_starts(born) <= day <= school_age_ends(born)


def term_of(day: date) -> tuple[str, date, date] | None:
    """The term ``day`` falls in (its name, first and last day); None in August."""
    if day.month == 8:
        return None
    start = _term_start(day)
    ends = {9: date(start.year, 12, 31), 1: date(start.year, 3, 31),
            4: date(start.year, 7, 31)}[start.month]
    return TERM_NAMES[start.month], start, ends


def pep_due(born: date | None, today: date, held: list[date]) -> date | None:
    """R-CLA-5: a personal education plan each term for a child of school age: due by the end
    of this term when none was held in it (None: not school age, August, or done)."""
    term = term_of(today)
    if term is None or not is_school_age(born, today):
        return None
    _, first, last = term
    if any(first <= d <= last for d in held):
        return None
    return last
