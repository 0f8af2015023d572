"""Front-door decisions as plain functions of plain values (no database, no clock)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from hearth import calendar
from hearth.access.codes import Role
from hearth.access.rules import FRONT_DOOR_SERVICES, is_front_door_manager
from hearth.casework.codes import PrimaryNeed
from hearth.core.sensible import sensible_datetime
from hearth.frontdoor.codes import (
    ConsentStatus,
    Outcome,
    Rag,
    ReferralSource,
    Urgency,
)

# R-FD-5; seed 003: whether a strategy discussion is needed "is a decision to be made by the
# social worker and their manager".
OUTCOMES_NEEDING_AUTHORISATION = frozenset({Outcome.NFA, Outcome.REFERRAL, Outcome.STRATEGY})
DEFAULT_IMMEDIATE_DEADLINE_HOURS = 4  # R-FD-4 (settings.IMMEDIATE_DEADLINE_HOURS)

# R-MASH: response deadlines by RAG rating (configurable with settings.MASH_RAG_DEADLINES).
DEFAULT_RAG_DEADLINES: dict[str, tuple[str, int]] = {
    Rag.RED: ("hours", 4),
    Rag.AMBER: ("working_days", 1),
    Rag.GREEN: ("working_days", 3),
}


def needs_authorisation(outcome: str) -> bool:
    """R-FD-5: a manager authorises a referral, a no-further-action outcome and a strategy
    discussion (seed 003)."""
    return outcome in OUTCOMES_NEEDING_AUTHORISATION


def may_review_decision(*, user_id: int, role: str, team_id: int | None,
                        team_service: str | None, proposer_id: int,
                        proposer_team_id: int | None) -> bool:
    """R-FD-5: a manager of the front door (a team manager of the CRS, the MASH or the EDT), or
    of the team whose worker proposed the decision, or a service manager (the on-call senior
    manager out of hours) authorises or returns it; never the person who proposed it."""
    if user_id == proposer_id:
        return False
    if role == Role.SERVICE_MANAGER or is_front_door_manager(role, team_service):
        return True
    return role == Role.TEAM_MANAGER and team_id is not None and team_id == proposer_team_id


def may_sign_off_analysis(*, user_id: int, role: str, team_service: str | None,
                          analysed_by_id: int | None) -> bool:
    """R-MASH-5: a CRS manager (a team manager of the front door) or a service manager (the
    on-call senior manager, seed 003 "Children Emergency Service") signs off the analysis of
    what the partners said, or returns it; never the person who wrote it."""
    if analysed_by_id is not None and user_id == analysed_by_id:
        return False
    return role == Role.SERVICE_MANAGER or is_front_door_manager(role, team_service)


def decision_due(received: datetime, urgency: str,
                 immediate_hours: int = DEFAULT_IMMEDIATE_DEADLINE_HOURS) -> datetime:
    """R-FD-4: when the decision on a contact is due. An immediate contact has its own deadline,
    ``immediate_hours`` elapsed hours after it was received, whatever the day or hour; every other
    contact is due by the end of the first working day after the day of receipt."""
    if urgency == Urgency.IMMEDIATE:
        # Real elapsed hours (in UTC): across a clock change the wall time moves by an hour.
        return (received.astimezone(UTC) + timedelta(hours=immediate_hours)).astimezone(
            calendar.LONDON)
    return calendar.contact_decision_due(received)


def is_immediate_waiting(urgency: str, waiting: bool) -> bool:
    """R-FD-4: an immediate contact still waiting for a decision goes to the top of every
    queue."""
    return waiting and urgency == Urgency.IMMEDIATE


def queue_key(*, urgency: str, waiting: bool, overdue: bool, due: datetime, pk: int) -> tuple:
    """The order of every front-door queue (R-FD-4): immediate contacts still waiting first,
    then overdue ones, then the others waiting, then the rest; soonest due first within each."""
    return (not is_immediate_waiting(urgency, waiting), not overdue, not waiting, due, pk)


def reason_required_for_not_telling(family_told_sharing: bool) -> bool:
    """R-FD-2: not telling the family needs a recorded exceptional reason."""
    return not family_told_sharing


def contact_problems(data: dict[str, Any], now: datetime) -> dict[str, str]:
    """R-FD-1, R-FD-2: the problems with a contact, by field (none: it may be recorded). The
    page's form runs the same checks, so a page and the API give the same messages."""
    errors: dict[str, str] = {}
    received = data.get("received_at")
    if received is None:
        errors["received_at"] = "Enter when the contact was received"
    elif problem := sensible_datetime(received):  # issue 13 items 1 and 2
        errors["received_at"] = f"When received {problem}"
    elif received > now + timedelta(minutes=5):
        errors["received_at"] = "When received cannot be in the future"
    if data.get("referral_source") not in ReferralSource.values:
        errors["referral_source"] = "Choose the referral source (a DfE code such as 2A or 6)"
    if data.get("urgency") not in Urgency.values:
        errors["urgency"] = "Select the urgency: immediate, today or routine"
    if data.get("primary_need") and data["primary_need"] not in PrimaryNeed.values:
        errors["primary_need"] = "Choose a primary need code N0 to N9"
    for field, message in (("caller_name", "Enter the caller's name"),
                           ("caller_contact", "Enter how to reach the caller"),
                           ("worries", "Enter what the caller is worried about")):
        if not (data.get(field) or "").strip():
            errors[field] = message
    if reason_required_for_not_telling(bool(data.get("family_told_sharing"))) and not (
            data.get("not_told_reason") or "").strip():
        errors["not_told_reason"] = ("Enter the exceptional reason the family was not told "
                                     "information would be shared (R-FD-2)")
    return errors


def mash_due(rag: str, start: datetime,
             deadlines: dict[str, tuple[str, int]] | None = None) -> datetime:
    """When partners must answer: hours are elapsed hours; working days keep the time of day
    and land on the n-th working day after the start's date (Europe/London)."""
    unit, amount = (deadlines or DEFAULT_RAG_DEADLINES)[rag]
    local = start.astimezone(calendar.LONDON)
    if unit == "hours":
        return (start + timedelta(hours=amount)).astimezone(calendar.LONDON)
    if unit == "working_days":
        day = calendar.add_working_days(local.date(), amount)
        return datetime.combine(day, local.timetz().replace(tzinfo=None), calendar.LONDON)
    raise ValueError(f"unknown deadline unit {unit!r}")


def consent_allows_gathering(answers: Iterable[str], people_with_pr: int,
                             override_approved: bool) -> bool:
    """R-MASH-3: every person with parental responsibility consented, or a manager approved an
    override. With nobody holding parental responsibility on record, an override is needed."""
    if override_approved:
        return True
    answers = list(answers)
    return people_with_pr > 0 and len(answers) == people_with_pr and all(
        a == ConsentStatus.GIVEN for a in answers)


def may_approve_override(*, role: str, team_service: str | None, out_of_hours: bool,
                         on_call_now: bool = False) -> bool:
    """R-MASH-3: in office hours a CRS manager approves an override; out of hours only the
    senior manager on call at that moment (``hearth oncall``), whatever their usual team."""
    if out_of_hours:
        return on_call_now and role in (Role.TEAM_MANAGER, Role.SERVICE_MANAGER)
    return is_front_door_manager(role, team_service) or (
        role == Role.SERVICE_MANAGER and team_service in FRONT_DOOR_SERVICES)


def handover_at(received: datetime) -> datetime:
    """R-EDT-3: an EDT contact reaches the CRS queue when the office next opens."""
    local = received.astimezone(calendar.LONDON)
    day = local.date()
    if calendar.is_working_day(day) and local.time() < calendar.OFFICE_OPENS:
        return datetime.combine(day, calendar.OFFICE_OPENS, calendar.LONDON)
    return datetime.combine(calendar.next_working_day(day), calendar.OFFICE_OPENS,
                            calendar.LONDON)


def child_unknown(children_new_records: Iterable[bool]) -> bool:
    """R-EDT-3: the child is not known to children's services when no child is identified yet,
    or when a child's record was first made while taking this contact (as when EDT creates a
    new record out of hours rather than linking an existing child). One flag per child."""
    flags = list(children_new_records)
    return not flags or any(flags)


def goes_to_crs(*, decided_before_handover: bool, child_unknown: bool, checked: bool) -> bool:
    """R-EDT-3: an EDT contact is handed to CRS when the office next opens unless EDT decided it
    first about a known child. Still undecided, CRS decides it with the usual deadline; decided
    by EDT about a child not known, it waits for CRS to check it."""
    return not decided_before_handover or (child_unknown and not checked)


def describe_handover(handover: datetime, now: datetime, *, goes: bool) -> str:
    """R-EDT-3: what the contact page says about the handover: the future tense only until the
    handover time has passed."""
    local = handover.astimezone(calendar.LONDON)
    when = f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y}"
    if not goes:
        return "Not handed to CRS: EDT decided it and the child is known"
    if now < handover:
        return f"Will be handed to CRS at {when}"
    return f"Handed to CRS at {when}"


def time_left(due: datetime, now: datetime) -> timedelta:
    return due - now


def describe_time_left(due: datetime, now: datetime) -> str:
    """'3 hours 20 minutes left' or 'overdue by 1 day 2 hours' for the queue."""
    left = due - now
    overdue = left.total_seconds() < 0
    seconds = int(abs(left.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if not days and (minutes or not parts):
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    text = " ".join(parts[:2])
    return f"overdue by {text}" if overdue else f"{text} left"


def timeliness(decided: Iterable[tuple[datetime, datetime]]) -> tuple[int, int, float | None]:
    """(decided in time, decided, share in time) from (decided_at, decision_due) pairs."""
    pairs = list(decided)
    in_time = sum(1 for at, due in pairs if at <= due)
    return in_time, len(pairs), (in_time / len(pairs) if pairs else None)
