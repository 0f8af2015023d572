"""England's working days and every statutory timescale (DOMAIN.md §5), in one place.

Pure Python: no models, no database and no clock. Anything that depends on "now" takes it
as an argument.

Conventions (each timescale's docstring repeats the one it uses):

- Time zone: every date-time returned is aware, in Europe/London local time (GMT or BST).
  Date-times passed in must be aware; they are converted to Europe/London before their
  local date is taken. A bare ``date`` is a day in Europe/London.
- Working day: any day except Saturday, Sunday and an England bank holiday, as known to the
  ``holidays`` package (``country_holidays("GB", subdiv="ENG")``): Christmas Day, Boxing Day,
  Good Friday, Easter Monday, the May, spring and summer bank holidays, substitute ("observed")
  days when a holiday falls on a weekend, and one-off royal holidays (2022-06-03 jubilee,
  2022-09-19 state funeral, 2023-05-08 coronation). Nothing is hand-listed here.
- Counting: "N working days after D" is the N-th working day after the date D; D itself is
  day 0 whatever kind of day it is (DOMAIN.md §5).
- Date-based deadlines (assessment, ICPC, core group, RCPCs, professional-differences stage,
  looked-after reviews, Building Bridges supervision) are due by the end of the due date:
  they are returned as 23:59:59 local time on that date. When such a timescale is started from
  a date-time, only its local date counts.
- "End of the working day" (contact decision) is 17:00 local time, when EDT hours begin
  (R-EDT-1).
- Calendar months: the same day of the month N months on, clamped to the month's last day
  (31 January + 1 month = 28 or 29 February). Month-based deadlines are not moved off
  weekends or bank holidays: "within 3 months" may end on any day.
- Hours-based deadlines (the two LADO timescales) start from the exact instant given; a bare
  date means 00:00 local time on that date.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import cache, lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")

#: When the office day starts and ends (R-EDT-1); outside these hours EDT is on duty.
OFFICE_OPENS = time(9, 0)
OFFICE_CLOSES = time(17, 0)
END_OF_DAY = time(23, 59, 59)

CONTACT_DECISION_WORKING_DAYS = 1  # R-FD-4
ASSESSMENT_WORKING_DAYS = 45
ICPC_WORKING_DAYS = 15  # R-CP-1
CORE_GROUP_WORKING_DAYS = 10  # R-CP-2
RCPC_FIRST_MONTHS = 3  # R-CP-2
RCPC_NEXT_MONTHS = 6  # R-CP-2
LADO_NOTIFICATION_HOURS = 24  # R-LADO-2
LADO_RESPONSE_WORKING_HOURS = 24  # R-LADO-2
PD_STAGE_WORKING_DAYS = 2  # R-PD-1
LAC_REVIEW_1_WORKING_DAYS = 20
LAC_REVIEW_2_MONTHS = 3
LAC_REVIEW_NEXT_MONTHS = 6
BUILDING_BRIDGES_SUPERVISION_WEEKS = 5  # R-SUP-3


# --- working days -----------------------------------------------------------------------------


@cache
def bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in ``year`` (substitute days and one-off royal holidays included).

    Cached per year: the ``holidays`` package is only asked once for each year.
    """
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(d: date) -> bool:
    """True when ``d`` is a bank holiday in England."""
    d = _as_date(d)
    return d in bank_holidays(d.year)


def is_working_day(d: date) -> bool:
    """True unless ``d`` is a Saturday, a Sunday or an England bank holiday."""
    d = _as_date(d)
    return d.weekday() < 5 and d not in bank_holidays(d.year)


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d`` (``d`` is day 0 whatever kind of day it is).

    ``n == 0`` gives ``d`` itself; a negative ``n`` counts back: the ``-n``-th working day
    before ``d``.
    """
    return _add_working_days(_as_date(d), n)


@lru_cache(maxsize=65536)
def _add_working_days(day: date, n: int) -> date:
    # Kept: the lists of what is due ask the same timescales of the same days many times a
    # request (issue 14), and the answer depends only on the calendar.
    step = timedelta(days=1 if n >= 0 else -1)
    remaining = abs(n)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def next_working_day(d: date) -> date:
    """The first working day strictly after ``d``."""
    return add_working_days(d, 1)


def working_days_between(a: date, b: date) -> int:
    """How many working days fall in the interval (a, b]: after ``a``, up to and including ``b``.

    So ``working_days_between(d, add_working_days(d, n)) == n``. Negative when ``b`` is before
    ``a`` (minus the working days in (b, a]); 0 when they are the same day.
    """
    a, b = _as_date(a), _as_date(b)
    if b < a:
        return -_working_days_between(b, a)
    return _working_days_between(a, b)


@lru_cache(maxsize=65536)
def _working_days_between(a: date, b: date) -> int:
    count = 0
    day = a
    while day < b:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def add_months(d: date, n: int) -> date:
    """``d`` plus ``n`` calendar months, the day clamped to the target month's last day.

    31 January + 1 month is 28 February (29 in a leap year); 31 August + 6 months is the last
    day of February. A negative ``n`` goes back.
    """
    d = _as_date(d)
    months = d.year * 12 + (d.month - 1) + n
    year, month = divmod(months, 12)
    month += 1
    return date(year, month, min(d.day, _days_in_month(year, month)))


def is_edt(dt: datetime) -> bool:
    """R-EDT-1: is ``dt`` in Emergency Duty Team hours?

    EDT hours are 17:00 to 09:00 on weekdays, and all day at weekends and on bank holidays,
    in Europe/London local time. A working day's 09:00:00 is office hours and its 17:00:00
    is EDT; 08:59:59 is EDT and 16:59:59 is not. ``dt`` must be aware.
    """
    local = _local(dt)
    if not is_working_day(local.date()):
        return True
    return not (OFFICE_OPENS <= local.time() < OFFICE_CLOSES)


def is_overdue(due: datetime, now: datetime) -> bool:
    """True when ``now`` is after the deadline ``due`` (both aware)."""
    return _local(now) > _local(due)


# --- timescales (DOMAIN.md §5) ----------------------------------------------------------------


def contact_decision_due(received: date) -> datetime:
    """R-FD-4: a decision on a contact is due by the end of the first working day after the day
    of receipt.

    The day of receipt is the local (Europe/London) date of ``received``, whatever kind of day or
    hour it is: a contact received at 23:30 on a Tuesday is due on Wednesday; one received on a
    Friday afternoon or on a bank holiday is due on the next working day. "End of the working
    day" is 17:00 local, when EDT hours begin (R-EDT-1). A bare date is the day of receipt.
    """
    return _at(add_working_days(_as_date(received), CONTACT_DECISION_WORKING_DAYS),
               OFFICE_CLOSES)


def assessment_due(referral: date) -> datetime:
    """Child and Family Assessment: 45 working days after the referral date (day 0), by
    23:59:59 local on that day."""
    return _end_of(add_working_days(_as_date(referral), ASSESSMENT_WORKING_DAYS))


def icpc_due(strategy_discussion: date) -> datetime:
    """R-CP-1: ICPC within 15 working days of the strategy discussion that started the s47
    enquiry (the discussion's date is day 0), by 23:59:59 local on that day."""
    return _end_of(add_working_days(_as_date(strategy_discussion), ICPC_WORKING_DAYS))


def core_group_due(icpc: date) -> datetime:
    """R-CP-2: the core group first meets within 10 working days of the ICPC (the ICPC's date
    is day 0), by 23:59:59 local on that day."""
    return _end_of(add_working_days(_as_date(icpc), CORE_GROUP_WORKING_DAYS))


def rcpc_first_due(icpc: date) -> datetime:
    """R-CP-2: the first review conference is due 3 calendar months after the ICPC (day clamped
    to the month's end), by 23:59:59 local on that day."""
    return _end_of(add_months(_as_date(icpc), RCPC_FIRST_MONTHS))


def rcpc_next_due(previous_rcpc: date) -> datetime:
    """R-CP-2: later review conferences are due 6 calendar months after the previous one (day
    clamped to the month's end), by 23:59:59 local on that day."""
    return _end_of(add_months(_as_date(previous_rcpc), RCPC_NEXT_MONTHS))


def lado_notification_due(incident: date) -> datetime:
    """R-LADO-2: a LADO notification is due 24 hours after the incident or concern.

    Real elapsed hours: across a clock change the local wall time moves by an hour (Saturday
    12:00 GMT before the spring change is due Sunday 13:00 BST). A bare date means 00:00 local.
    """
    start = _instant(incident)
    return (start.astimezone(UTC) + timedelta(hours=LADO_NOTIFICATION_HOURS)).astimezone(LONDON)


def lado_response_due(communication: date) -> datetime:
    """R-LADO-2: the LADO responds within 24 working hours of the communication.

    Working hours are the hours of working days, all 24 of them: the clock runs from the
    communication to the end of its day if that is a working day, stops over weekends and bank
    holidays, and starts again at 00:00 local on the next working day. So Friday 15:00 is due
    Monday 15:00, or Tuesday 15:00 when that Monday is a bank holiday; a communication on a
    Saturday is due at the end of Monday (Tuesday 00:00).

    Hours are real elapsed hours within each working day's local midnight-to-midnight span,
    measured in UTC, so a day with a clock change would count as 23 or 25 hours. In England the
    clocks change on Sundays, which are never working days, so across a DST weekend the deadline
    keeps its wall-clock time (Friday 15:00 GMT is due Monday 15:00 BST). A bare date means
    00:00 local.
    """
    return _add_working_hours(_instant(communication), LADO_RESPONSE_WORKING_HOURS)


def pd_stage_due(stage_started: date) -> datetime:
    """R-PD-1: each stage of resolving professional differences has 2 working days after the
    day it started (day 0), by 23:59:59 local on that day."""
    return _end_of(add_working_days(_as_date(stage_started), PD_STAGE_WORKING_DAYS))


def lac_review_1_due(entered_care: date) -> datetime:
    """Looked-after child, first review: 20 working days after the day the child entered care
    (day 0), by 23:59:59 local on that day (Care Planning Regulations 2010, reg 33)."""
    return _end_of(add_working_days(_as_date(entered_care), LAC_REVIEW_1_WORKING_DAYS))


def lac_review_2_due(review_1: date) -> datetime:
    """Looked-after child, second review: 3 calendar months after the first review (day clamped
    to the month's end), by 23:59:59 local on that day."""
    return _end_of(add_months(_as_date(review_1), LAC_REVIEW_2_MONTHS))


def lac_review_next_due(previous_review: date) -> datetime:
    """Looked-after child, third and later reviews: 6 calendar months after the previous review
    (day clamped to the month's end), by 23:59:59 local on that day."""
    return _end_of(add_months(_as_date(previous_review), LAC_REVIEW_NEXT_MONTHS))


def supervision_due(last_supervision: date) -> datetime:
    """R-SUP-3: Building Bridges workers are supervised every 5 weeks; the next supervision is
    due 35 calendar days after the last one, by 23:59:59 local on that day."""
    return _end_of(_as_date(last_supervision)
                   + timedelta(weeks=BUILDING_BRIDGES_SUPERVISION_WEEKS))


Timescale = Callable[[date], datetime]

#: The timescales by the KIND names of ``hearth calendar due KIND START``.
TIMESCALES: dict[str, Timescale] = {
    "contact-decision": contact_decision_due,
    "assessment": assessment_due,
    "icpc": icpc_due,
    "core-group": core_group_due,
    "rcpc-first": rcpc_first_due,
    "rcpc-next": rcpc_next_due,
    "lado-notification": lado_notification_due,
    "lado-response": lado_response_due,
    "pd-stage": pd_stage_due,
    "lac-review-1": lac_review_1_due,
    "lac-review-2": lac_review_2_due,
    "lac-review-next": lac_review_next_due,
}


def due(kind: str, start: date) -> datetime:
    """The deadline of timescale ``kind`` (a key of :data:`TIMESCALES`) started at ``start``."""
    try:
        timescale = TIMESCALES[kind]
    except KeyError:
        raise ValueError(f"unknown timescale {kind!r}") from None
    return timescale(start)


# --- helpers ----------------------------------------------------------------------------------


def _require_aware(dt: datetime) -> None:
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"{dt.isoformat()} is a naive date-time; pass an aware one")


def _local(dt: datetime) -> datetime:
    """``dt`` (aware) in Europe/London."""
    _require_aware(dt)
    return dt.astimezone(LONDON)


def _as_date(d: date) -> date:
    """A plain date; a date-time gives its Europe/London local date."""
    if isinstance(d, datetime):
        return _local(d).date()
    return d


def _instant(d: date) -> datetime:
    """An aware date-time in Europe/London; a bare date is its local midnight."""
    if isinstance(d, datetime):
        return _local(d)
    return _at(d, time(0, 0))


def _at(d: date, t: time) -> datetime:
    """Local time ``t`` on date ``d`` in Europe/London (``t`` never in the 01:00-02:00 gap)."""
    return datetime.combine(d, t, tzinfo=LONDON)


def _end_of(d: date) -> datetime:
    return _at(d, END_OF_DAY)


def _days_in_month(year: int, month: int) -> int:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return (following - timedelta(days=1)).day


def _add_working_hours(start: datetime, hours: int) -> datetime:
    """``start`` plus ``hours`` real hours, counting only time on working days (local days)."""
    if hours < 0:
        raise ValueError("hours must not be negative")
    remaining = timedelta(hours=hours)
    cursor = start.astimezone(UTC)
    day = start.astimezone(LONDON).date()
    while True:
        if is_working_day(day):
            day_start = _at(day, time(0, 0)).astimezone(UTC)
            day_end = _at(day + timedelta(days=1), time(0, 0)).astimezone(UTC)
            begin = max(cursor, day_start)
            available = day_end - begin
            if remaining <= available:
                return (begin + remaining).astimezone(LONDON)
            remaining -= available
        day += timedelta(days=1)


# The timescales of children in need, children looked after, missing children and care leavers
# (issue 17) live in ``hearth.calendar.care`` and are read from here like every other.
from hearth.calendar.care import (  # noqa: E402, F401  (re-exported)
    CARE_PLAN_WORKING_DAYS,
    HEALTH_REVIEW_FROM_5_MONTHS,
    HEALTH_REVIEW_UNDER_5_MONTHS,
    KEEPING_IN_TOUCH_MONTHS_AFTER,
    KEEPING_IN_TOUCH_MONTHS_BEFORE,
    LAC_VISIT_FIRST_DAYS,
    LAC_VISIT_LONG_TERM_MONTHS,
    LAC_VISIT_WEEKS,
    PATHWAY_PLAN_FIRST_MONTHS,
    PATHWAY_PLAN_REVIEW_MONTHS,
    PLACEMENT_PLAN_WORKING_DAYS,
    RETURN_INTERVIEW_HOURS,
    birthday,
    care_leaver_contact_due,
    care_plan_due,
    cin_review_due,
    cin_visit_due,
    health_review_due,
    keeping_in_touch_window,
    lac_visit_due,
    pathway_plan_first_due,
    pathway_plan_review_due,
    placement_plan_due,
    return_interview_due,
)

TIMESCALES.update({
    "care-plan": care_plan_due,
    "placement-plan": placement_plan_due,
    "return-interview": return_interview_due,
    "pathway-plan-review": pathway_plan_review_due,
})
