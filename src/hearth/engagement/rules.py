"""Pure decisions about engagement (ENGINEERING.md practice 5): plain values in, a decision
out, no database and no clock (``now`` is passed in).

- R-RES-3: repeated avoidance (missed appointments, visits the family cancelled, no answer or
  no access, blocked communication) needs proactive follow-up, not case closure.
- R-RES-4: escalating hostility prompts the worker to alert the other practitioners, guided by
  the questions of seed 004 §4.2.

Thresholds come from Django settings (``HEARTH_AVOIDANCE_EVENTS``, ``HEARTH_AVOIDANCE_DAYS``,
``HEARTH_HOSTILITY_DAYS``, ``HEARTH_FOLLOW_UP_WORKING_DAYS``) through ``configured()``; the
functions themselves take them as arguments.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from hearth.core.sensible import sensible_datetime
from hearth.engagement.codes import (
    AVOIDANCE_KINDS,
    SEVERITY,
    Behaviour,
    CancelledBy,
    EventKind,
    HostilityForm,
)

AVOIDANCE_EVENTS = 2
AVOIDANCE_DAYS = 28
HOSTILITY_DAYS = 90
FOLLOW_UP_WORKING_DAYS = 5

AGENCY_MAX = 150
WHO_MAX = 200
ACCOUNT_MAX = 10000


@dataclass(frozen=True)
class Thresholds:
    avoidance_events: int = AVOIDANCE_EVENTS
    avoidance_days: int = AVOIDANCE_DAYS
    hostility_days: int = HOSTILITY_DAYS
    follow_up_working_days: int = FOLLOW_UP_WORKING_DAYS


def configured(settings: Any) -> Thresholds:
    """The thresholds in force: Django settings where given, else the defaults."""
    return Thresholds(
        avoidance_events=int(getattr(settings, "HEARTH_AVOIDANCE_EVENTS", AVOIDANCE_EVENTS)),
        avoidance_days=int(getattr(settings, "HEARTH_AVOIDANCE_DAYS", AVOIDANCE_DAYS)),
        hostility_days=int(getattr(settings, "HEARTH_HOSTILITY_DAYS", HOSTILITY_DAYS)),
        follow_up_working_days=int(getattr(settings, "HEARTH_FOLLOW_UP_WORKING_DAYS",
                                           FOLLOW_UP_WORKING_DAYS)))


# --- R-RES-3: repeated avoidance -----------------------------------------------------------

@dataclass(frozen=True)
class Avoidance:
    """One time the family kept professionals away: an engagement event (``("event", id)``)
    or a visit whose outcome says so and that has no event of its own (``("visit", id)``)."""

    key: tuple[str, int]
    kind: str
    at: datetime


def is_avoidance(kind: str, cancelled_by: str = "") -> bool:
    """Whether an event counts towards repeated avoidance. A visit a professional cancelled
    is not the family's avoidance."""
    if kind == EventKind.CANCELLED_VISIT:
        return cancelled_by == CancelledBy.FAMILY
    return kind in AVOIDANCE_KINDS


def repeated_avoidance(items: Iterable[Avoidance], *, now: datetime,
                       events: int = AVOIDANCE_EVENTS, days: int = AVOIDANCE_DAYS,
                       covered: Iterable[tuple[str, int]] = ()) -> list[Avoidance]:
    """R-RES-3: the avoidance of the last ``days`` days (up to ``now``) not yet followed up,
    oldest first, when there are ``events`` or more of it; otherwise nothing. Each key counts
    once, and what an earlier follow-up task covered does not count again."""
    since = now - timedelta(days=days)
    done = set(covered)
    recent: dict[tuple[str, int], Avoidance] = {}
    for item in items:
        if since <= item.at <= now and item.key not in done:
            recent.setdefault(item.key, item)
    found = sorted(recent.values(), key=lambda i: (i.at, i.key))
    return found if len(found) >= max(events, 1) else []


def follow_up_reason(items: list[Avoidance], *, days: int = AVOIDANCE_DAYS,
                     labels: Mapping[str, str] | None = None) -> str:
    """Why the task exists, in plain words, naming each time."""
    names = labels or dict(EventKind.choices)
    times = "; ".join(f"{names.get(i.kind, i.kind).lower()} ({i.at:%-d %B %Y})" for i in items)
    return (f"{len(items)} times in {days} days the family did not engage: {times}. Missed "
            "appointments, cancelled visits, no answer at the door and blocked communication "
            "are indicators of avoidance that need proactive follow-up, not case closure.")


def may_complete(assigned_to_id: int | None, user_id: int, is_manager: bool) -> bool:
    """The worker the task is for, or a manager, completes it."""
    return is_manager or (assigned_to_id is not None and assigned_to_id == user_id)


def outcome_problem(outcome: str) -> str | None:
    if not (outcome or "").strip():
        return "Enter what was done to follow up and what happened"
    if len(outcome) > ACCOUNT_MAX:
        return f"The outcome must be {ACCOUNT_MAX} characters or fewer"
    return None


# --- R-RES-4: escalating hostility ---------------------------------------------------------

def escalation_reason(form: str, at: datetime, previous: Iterable[tuple[str, datetime]], *,
                      days: int = HOSTILITY_DAYS) -> str | None:
    """R-RES-4: why this hostility should be shared with the other practitioners now, or None.

    It escalates when it is confrontation or worse, or when it is more serious than the
    family's previous hostility within ``days`` days before it."""
    if form not in SEVERITY:
        return None
    labels = dict(HostilityForm.choices)
    if SEVERITY[form] >= SEVERITY[HostilityForm.CONFRONTATION]:
        return f"{labels[form]} is serious enough to alert the other practitioners."
    since = at - timedelta(days=days)
    earlier = [(when, f) for f, when in previous if since <= when <= at and f in SEVERITY]
    if not earlier:
        return None
    when, last = max(earlier)
    if SEVERITY[form] > SEVERITY[last]:
        return (f"{labels[form]} is more serious than the hostility recorded on "
                f"{when:%-d %B %Y} ({labels[last].lower()}).")
    return None


def hostility_escalates(form: str, at: datetime, previous: Iterable[tuple[str, datetime]], *,
                        days: int = HOSTILITY_DAYS) -> bool:
    return escalation_reason(form, at, previous, days=days) is not None


def sharing_expected(answers: Mapping[str, bool]) -> bool:
    """Seed 004 §4.2: a yes to any question means the information should be shared."""
    return any(answers.values())


def alert_problems(answers: Mapping[str, Any], question_keys: Iterable[str], *,
                   told: int, not_shared_reason: str) -> dict[str, str]:
    problems: dict[str, str] = {}
    for key in question_keys:
        if not isinstance(answers.get(key), bool):
            problems[f"answer_{key}"] = "Answer yes or no to each question"
    unknown = set(answers) - set(question_keys)
    if unknown:
        problems["answers"] = f"Unknown question(s): {', '.join(sorted(unknown))}"
    if not problems and sharing_expected(answers) and told == 0 \
            and not (not_shared_reason or "").strip():
        problems["not_shared_reason"] = ("You answered yes to a question, so the information "
                                         "should be shared: choose who you told, or say why "
                                         "you are not sharing it")
    return problems


# --- recording an event --------------------------------------------------------------------

def event_problems(values: Mapping[str, Any], now: datetime,
                   born: date | None = None) -> dict[str, str]:
    """What is wrong with an engagement event as given, field by field (first problem per
    field). Nothing is wrong when the dict is empty. It happened in a sensible range, not
    before the person was born (issue 13 item 1)."""
    problems: dict[str, str] = {}

    def refuse(field: str, message: str) -> None:
        problems.setdefault(field, message)

    kind = values.get("kind", "")
    if kind not in EventKind.values:
        refuse("kind", "Select what happened")
    when = values.get("occurred_at")
    if not isinstance(when, datetime) or when.tzinfo is None:
        refuse("occurred_at", "Enter the date and time it happened, with its time zone")
    elif (problem := sensible_datetime(when, born=born)):
        refuse("occurred_at", f"The date and time it happened {problem}")
    elif when > now:
        refuse("occurred_at", "The date and time it happened cannot be in the future")
    agency = (values.get("agency") or "").strip()
    if not agency:
        refuse("agency", "Enter which agency it happened to")
    elif len(agency) > AGENCY_MAX:
        refuse("agency", f"The agency must be {AGENCY_MAX} characters or fewer")
    if len(values.get("by_whom") or "") > WHO_MAX:
        refuse("by_whom", f"Who must be {WHO_MAX} characters or fewer")
    if len(values.get("account") or "") > ACCOUNT_MAX:
        refuse("account", f"Your account must be {ACCOUNT_MAX} characters or fewer")
    cancelled_by = values.get("cancelled_by") or ""
    if kind == EventKind.CANCELLED_VISIT and cancelled_by not in CancelledBy.values:
        refuse("cancelled_by", "Select who cancelled the visit")
    elif kind != EventKind.CANCELLED_VISIT and cancelled_by:
        refuse("cancelled_by", "Only say who cancelled for a cancelled visit")
    if kind != EventKind.NO_ANSWER and values.get("believed_in") is not None:
        refuse("believed_in", "Only say whether someone was believed to be in when nobody "
                              "answered the door")
    form = values.get("form") or ""
    behaviours = list(values.get("behaviours") or [])
    if kind == EventKind.HOSTILITY:
        if form not in HostilityForm.values:
            refuse("form", "Select the form the hostility took")
        unknown = [b for b in behaviours if b not in Behaviour.values]
        if unknown:
            refuse("behaviours", f"Choose threatening behaviours from the list "
                                 f"(not known: {', '.join(map(str, unknown))})")
        if len(set(behaviours)) != len(behaviours):
            refuse("behaviours", "Choose each threatening behaviour once")
        if not values.get("by_person") and not (values.get("by_whom") or "").strip():
            refuse("by_whom", "Say who was hostile: choose a person on the record or describe "
                              "them")
        if not (values.get("account") or "").strip():
            refuse("account", "Enter your account of what happened")
    else:
        if form:
            refuse("form", "Only give the form of hostility when recording hostility")
        if behaviours:
            refuse("behaviours", "Only give threatening behaviours when recording hostility")
    return problems


def last_months(today: date, count: int = 12) -> list[date]:
    """The first days of the ``count`` months ending with ``today``'s, oldest first."""
    months = []
    year, month = today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]
