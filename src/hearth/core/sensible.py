"""What a typed value may be before Hearth stores it (issue 13 items 1 and 2): dates and times in
a range that can be shown and makes sense for what they are, and text PostgreSQL can store.

Pure Python: no models, no database and no clock; anything that depends on "now" takes it as
an argument. Each check answers the problem as a sentence ending the field's label ("must not
be in the future"), or ``None`` when the value is sensible. Forms, the API's input schemas and
the actions all use these, so a page and the API refuse the same values with the same words.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

#: Nobody Hearth records was born, and nothing it records happened, before this day.
EARLIEST = date(1900, 1, 1)
#: Nothing is planned or expires this far ahead; past it Python cannot add a day to a date.
LATEST = date(2199, 12, 31)
#: The widest UTC offset any place on Earth uses (Kiribati, +14:00; Baker Island, -12:00).
MAX_OFFSET = timedelta(hours=14)

TOO_EARLY = "must be on or after 1 January 1900"
TOO_LATE = "must be before the year 2200"
IN_FUTURE = "must not be in the future"
BEFORE_BIRTH = "must not be before the person's date of birth ({born:%-d %B %Y})"
BAD_OFFSET = "must have a UTC offset between -14:00 and +14:00"
NUL = "must not contain a null character (\\u0000)"
SURROGATE = "must not contain half of a character (a lone UTF-16 surrogate)"


def sensible_text(value: str) -> str | None:
    """A NUL character cannot be stored in PostgreSQL's text (nor shown), nor can half of a
    character (JSON may escape a lone surrogate, UTF-8 cannot encode it): refused, never a 500."""
    if "\x00" in value:
        return NUL
    if any("\ud800" <= c <= "\udfff" for c in value):
        return SURROGATE
    return None


def sensible_date(value: date, *, today: date | None = None, born: date | None = None) -> \
        str | None:
    """A date between 1900 and 2199; not after ``today`` when given (a date of birth, the day
    something happened); not before ``born`` when given (an event in a person's life)."""
    if isinstance(value, datetime):
        return sensible_datetime(value, born=born)
    if value < EARLIEST:
        return TOO_EARLY
    if value > LATEST:
        return TOO_LATE
    if today is not None and value > today:
        return IN_FUTURE
    if born is not None and value < born:
        return BEFORE_BIRTH.format(born=born)
    return None


def sensible_datetime(value: datetime, *, now: datetime | None = None,
                      born: date | None = None) -> str | None:
    """An instant whose offset is a real one and whose date (as typed, and in London) is between
    1900 and 2199; not after ``now`` when given; not on a London
    day before ``born`` when given. A naive value is taken as London time."""
    offset = value.utcoffset()
    if offset is not None and abs(offset) > MAX_OFFSET:
        return BAD_OFFSET
    # The year as typed first: converting year 1 at +14:00 to UTC would overflow.
    if value.date() < EARLIEST:
        return TOO_EARLY
    if value.date() > LATEST:
        return TOO_LATE
    aware = value if offset is not None else value.replace(tzinfo=LONDON)
    local = aware.astimezone(LONDON)
    if local.date() < EARLIEST:
        return TOO_EARLY
    if now is not None and aware.astimezone(UTC) > now.astimezone(UTC):
        return IN_FUTURE
    if born is not None and local.date() < born:
        return BEFORE_BIRTH.format(born=born)
    return None


def sensible_value(value: object) -> str | None:
    """The checks every input gets whatever it means: text without NUL, dates and times in the
    range, offsets real ones; lists and dicts are looked through."""
    if isinstance(value, str):
        return sensible_text(value)
    if isinstance(value, datetime):
        return sensible_datetime(value)
    if isinstance(value, date):
        return sensible_date(value)
    if isinstance(value, list | tuple | set | frozenset):
        return next((p for p in map(sensible_value, value) if p), None)
    if isinstance(value, dict):
        return next((p for p in map(sensible_value, [*value.keys(), *value.values()]) if p), None)
    return None
