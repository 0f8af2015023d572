"""Pure decisions about visits: no database, no clock (``now`` is passed in)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from hearth import calendar
from hearth.access.codes import Role
from hearth.core.sensible import sensible_datetime
from hearth.visits.codes import (
    STATUTORY_PURPOSES,
    Engagement,
    TimingBand,
    VisitKind,
    VisitPurpose,
)

#: R-RES-5: how far back "recent" visits reach, and how many make a pattern.
RECENT_DAYS = 90
MIN_VISITS = 3

FUTURE_COMPLETED = "A visit in the future cannot be completed"
SEEN_ALONE_NOT_SEEN = "The child cannot have been seen alone if they were not seen"
NOT_ALONE_REASON_MISSING = ("Enter why the child was not seen alone: a statutory visit records "
                            "it")


def timing_band(starts_at: datetime) -> str:
    """When the visit started, in Europe/London: a weekend or bank holiday first, then
    before 09:00 "early_morning", 17:00 or later "evening", otherwise "office_hours"."""
    if starts_at.tzinfo is None:
        raise ValueError("starts_at must be an aware datetime")
    local = starts_at.astimezone(calendar.LONDON)
    if not calendar.is_working_day(local.date()):
        return TimingBand.WEEKEND_OR_HOLIDAY.value
    if local.time() < calendar.OFFICE_OPENS:
        return TimingBand.EARLY_MORNING.value
    if local.time() >= calendar.OFFICE_CLOSES:
        return TimingBand.EVENING.value
    return TimingBand.OFFICE_HOURS.value


def needs_varied_timing(recent: Iterable[datetime], min_visits: int = MIN_VISITS) -> bool:
    """R-RES-5: at least ``min_visits`` recent visits, and every one in weekday office hours."""
    bands = [timing_band(at) for at in recent]
    return len(bands) >= min_visits and all(b == TimingBand.OFFICE_HOURS for b in bands)


def visit_problems(*, starts_at: datetime | None, outcome: str, child_seen: bool,
                   child_seen_alone: bool, now: datetime,
                   born: date | None = None, purpose: str = VisitPurpose.OTHER,
                   not_seen_alone_reason: str = "") -> dict[str, str]:
    """What is wrong with a visit as recorded, by field name (empty when it may be saved).
    A visit is from 1900, and not before the child was born (issue 13 item 1). A statutory
    visit (CIN, CP, looked after) at which the child was seen but not alone says why
    (R-CLA-4; issue 17)."""
    problems: dict[str, str] = {}
    if starts_at is not None and (problem := sensible_datetime(starts_at, born=born)):
        problems["starts_at"] = f"The date and time of the visit {problem}"
        return problems
    if outcome == Engagement.COMPLETED and starts_at is not None and starts_at > now:
        problems["starts_at"] = FUTURE_COMPLETED
    if child_seen_alone and not child_seen:
        problems["child_seen_alone"] = SEEN_ALONE_NOT_SEEN
    if (purpose in STATUTORY_PURPOSES and child_seen and not child_seen_alone
            and not not_seen_alone_reason.strip()):
        problems["not_seen_alone_reason"] = NOT_ALONE_REASON_MISSING
    return problems


NOT_YOURS = ("Only the worker who recorded this visit, or their team manager, can correct it")
REASON_MISSING = "Enter why you are correcting the visit"


def may_correct(*, recorder_id: int | None, recorder_team_id: int | None, user_id: int | None,
                user_role: str, user_team_id: int | None) -> bool:
    """R-REC-4: a record is corrected by whoever made it, or by a team manager of their
    team; nobody else."""
    if recorder_id is not None and recorder_id == user_id:
        return True
    return (user_role == Role.TEAM_MANAGER and recorder_team_id is not None
            and recorder_team_id == user_team_id)


def shown(field: str, value: Any) -> str:
    """A part of a visit as the visit page shows it, for an amendment's before and after."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        local = value.astimezone(calendar.LONDON)
        clock = f"{local:%H:%M:%S}" if local.second or local.microsecond else f"{local:%H:%M}"
        return f"{local:%A} {local.day} {local:%B %Y}, {clock}"
    if field == "kind":
        return str(dict(VisitKind.choices).get(value, value))
    if field == "outcome":
        return str(dict(Engagement.choices).get(value, value))
    if field == "purpose":
        return str(dict(VisitPurpose.choices).get(value, value))
    return "" if value is None else str(value)
