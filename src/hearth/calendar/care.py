"""The timescales of children in need, children looked after, missing children and care
leavers (issue 17; DOMAIN.md §5), with the conventions of ``hearth.calendar`` (which re-exports
every name here: read them as ``calendar.cin_review_due`` and so on)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hearth.calendar import _as_date, _end_of, _instant, add_months, add_working_days

# Children looked after (issue 17): plans, statutory visits, health (R-CLA-2, R-CLA-4, R-CLA-5)
CARE_PLAN_WORKING_DAYS = 10  # R-CLA-2
PLACEMENT_PLAN_WORKING_DAYS = 5  # R-CLA-2
LAC_VISIT_FIRST_DAYS = 7  # R-CLA-4
LAC_VISIT_WEEKS = 6  # R-CLA-4
LAC_VISIT_LONG_TERM_MONTHS = 3  # R-CLA-4
HEALTH_REVIEW_UNDER_5_MONTHS = 6  # R-CLA-5
HEALTH_REVIEW_FROM_5_MONTHS = 12  # R-CLA-5
RETURN_INTERVIEW_HOURS = 72  # R-CLA-6
PATHWAY_PLAN_FIRST_MONTHS = 3  # R-CL-2: by the 16th birthday's three-month mark
PATHWAY_PLAN_REVIEW_MONTHS = 6  # R-CL-2
KEEPING_IN_TOUCH_MONTHS_BEFORE = 3  # R-CL-3: the window around each birthday opens
KEEPING_IN_TOUCH_MONTHS_AFTER = 1  # R-CL-3: and closes (SSDA903 OC3 guidance)


# R-CIN-1: the defaults of the local settings HEARTH_CIN_REVIEW_MONTHS and
# HEARTH_CIN_VISIT_WORKING_DAYS (DOMAIN.md §5; settings.py reads them).
CIN_REVIEW_MONTHS = 3
CIN_VISIT_WORKING_DAYS = 20


def cin_review_due(last_review: date, months: int = CIN_REVIEW_MONTHS) -> date:
    """R-CIN-1: a child in need plan is reviewed at a CIN meeting ``months`` calendar months
    (a local setting, default 3) after the last meeting, or after the plan started when there
    has been none (day clamped to the month's end). A date: due by the end of that day."""
    return add_months(_as_date(last_review), months)


def cin_visit_due(last_seen: date, working_days: int = CIN_VISIT_WORKING_DAYS) -> date:
    """R-CIN-1: a child on a child in need plan is seen ``working_days`` working days (a local
    setting, default 20) after the last statutory CIN visit at which they were seen, or after
    the plan started (day 0). A date: due by the end of that day."""
    return add_working_days(_as_date(last_seen), working_days)
# --- children looked after: plans, statutory visits, health (issue 17) -----------------------


def care_plan_due(first_placement_start: date) -> datetime:
    """R-CLA-2: a care plan (with the permanence plan) before the first placement, or at the
    latest 10 working days after it starts (day 0), by 23:59:59 local on that day."""
    return _end_of(add_working_days(_as_date(first_placement_start), CARE_PLAN_WORKING_DAYS))


def placement_plan_due(placement_start: date) -> datetime:
    """R-CLA-2: a placement plan before each placement, or at the latest 5 working days after
    it starts (day 0), by 23:59:59 local on that day."""
    return _end_of(add_working_days(_as_date(placement_start), PLACEMENT_PLAN_WORKING_DAYS))


def lac_visit_due(placement_start: date, last_visit: date | None, *,
                  long_term: bool) -> datetime:
    """R-CLA-4: the next statutory visit to a child in a placement: within one week (7
    calendar days) of its start; then at most 6 weeks after the last visit while that visit
    fell in the placement's first year; after the first year, at most 3 calendar months after
    the last visit when the placement is intended to last until the child is 18 (``long_term``),
    else 6 weeks. A visit before this placement started does not count. By 23:59:59 local."""
    start = _as_date(placement_start)
    if last_visit is None or last_visit < start:
        return _end_of(start + timedelta(days=LAC_VISIT_FIRST_DAYS))
    if long_term and last_visit >= add_months(start, 12):
        return _end_of(add_months(last_visit, LAC_VISIT_LONG_TERM_MONTHS))
    return _end_of(last_visit + timedelta(weeks=LAC_VISIT_WEEKS))


def health_review_due(last_assessment: date, *, under_five: bool) -> datetime:
    """R-CLA-5: a review health assessment 6 calendar months after the last assessment for a
    child under 5 on that day, 12 months from 5; by 23:59:59 local on that day."""
    months = HEALTH_REVIEW_UNDER_5_MONTHS if under_five else HEALTH_REVIEW_FROM_5_MONTHS
    return _end_of(add_months(_as_date(last_assessment), months))
def return_interview_due(returned: date) -> datetime:
    """R-CLA-6: a return interview is offered within 72 hours of the child's return, counted
    from the exact instant they returned (an aware date-time; a bare date is local midnight)."""
    return _instant(returned) + timedelta(hours=RETURN_INTERVIEW_HOURS)


def birthday(born: date, age: int) -> date:
    """The day ``born`` turns ``age`` (29 February's birthday is 28 February in other years)."""
    return add_months(_as_date(born), 12 * age)


def pathway_plan_first_due(born: date, eligible_on: date | None = None) -> datetime:
    """R-CL-2: the needs assessment and pathway plan are due by the 16th birthday's three-month
    mark, or on the day the young person becomes eligible if that is later, by 23:59:59 local."""
    due = add_months(birthday(born, 16), PATHWAY_PLAN_FIRST_MONTHS)
    if eligible_on is not None:
        due = max(due, _as_date(eligible_on))
    return _end_of(due)


def pathway_plan_review_due(last_plan: date) -> datetime:
    """R-CL-2: a pathway plan is reviewed at most 6 calendar months after it was last written
    or reviewed, by 23:59:59 local on that day."""
    return _end_of(add_months(_as_date(last_plan), PATHWAY_PLAN_REVIEW_MONTHS))


def care_leaver_contact_due(last_contact: date, weeks: int) -> datetime:
    """R-CL-2: a care leaver is contacted at least every ``weeks`` weeks (a local setting,
    default 8) after the last contact, by 23:59:59 local on that day."""
    return _end_of(_as_date(last_contact) + timedelta(weeks=weeks))


def keeping_in_touch_window(born: date, age: int) -> tuple[date, datetime]:
    """R-CL-3: the window around the birthday ``age`` (17 to 21) in which the authority finds
    out whether it is in touch, the young person's activity and accommodation: from 3 months
    before the birthday to 1 month after it (due by 23:59:59 local on the last day)."""
    day = birthday(born, age)
    return (add_months(day, -KEEPING_IN_TOUCH_MONTHS_BEFORE),
            _end_of(add_months(day, KEEPING_IN_TOUCH_MONTHS_AFTER)))
