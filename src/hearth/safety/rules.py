"""Pure decisions about worker-safety warnings, visit plans and lone-working check-ins (no
database, no clock: ``today`` and ``now`` are passed in); and the check-in periods, read from
the settings: ``HEARTH_CHECKIN_GRACE_MINUTES`` (15), ``HEARTH_CHECKIN_ESCALATE_MINUTES`` (30),
``HEARTH_CHECKIN_MAX_HOURS`` (12)."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta

from django.conf import settings

from hearth import calendar
from hearth.safety.codes import PLAN_QUESTIONS, WarningKind, WarningStatus

SOURCE_MAX = 200
PROFESSION_MAX = 100
TEXT_MAX = 10_000

QUESTION_KEYS = [key for key, _ in PLAN_QUESTIONS]


def warning_problems(*, kind: str, what_happened: str, source: str, occurred_on: date | None,
                     disclosed_to_person: bool | None, not_disclosed_reason: str,
                     review_on: date | None, profession: str, today: date) -> dict[str, str]:
    """What is wrong with a new warning, by field, in the order the page asks (R-SAFE-1)."""
    problems: dict[str, str] = {}
    if kind not in WarningKind.values:
        problems["kind"] = "Select the type of risk"
    elif kind == WarningKind.HOSTILE_TO_PROFESSION and not profession.strip():
        problems["profession"] = "Enter which profession the person is hostile to"
    if len(profession.strip()) > PROFESSION_MAX:
        problems["profession"] = f"Which profession must be {PROFESSION_MAX} characters or fewer"
    if not what_happened.strip():
        problems["what_happened"] = "Enter what happened"
    elif len(what_happened) > TEXT_MAX:
        problems["what_happened"] = f"What happened must be {TEXT_MAX} characters or fewer"
    if not source.strip():
        problems["source"] = "Enter where this information came from"
    elif len(source.strip()) > SOURCE_MAX:
        problems["source"] = f"Where this came from must be {SOURCE_MAX} characters or fewer"
    if occurred_on is None or occurred_on > today:
        problems["occurred_on"] = "Enter the date it happened, today or in the past"
    if disclosed_to_person is None:
        problems["disclosed_to_person"] = "Select whether the person has been told"
    elif not disclosed_to_person and not not_disclosed_reason.strip():
        problems["not_disclosed_reason"] = "Say why the person has not been told about the " \
                                           "warning"
    if review_on is not None and review_on <= today:
        problems["review_on"] = "The review date must be in the future"
    return problems


def is_live(status: str) -> bool:
    return status in (WarningStatus.ACTIVE, WarningStatus.AWAITING_SIGN_OFF)


def sign_off_refusal(*, status: str, author_id: int, manager_id: int,
                     may_sign_off: bool) -> str | None:
    """A manager signs a warning off; never its author (R-SAFE-1)."""
    if not may_sign_off:
        return "Only a manager can sign off a worker-safety warning."
    if status != WarningStatus.AWAITING_SIGN_OFF:
        return "This warning is not awaiting sign-off."
    if author_id == manager_id:
        return "You raised this warning: another manager must sign it off."
    return None


def review_problems(*, status: str, review_on: date | None, note: str,
                    today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not is_live(status):
        problems[""] = "This warning has ended: it is not reviewed any more."
    if review_on is None or review_on <= today:
        problems["review_on"] = "Enter the next review date, in the future"
    if not note.strip():
        problems["note"] = "Enter what the review considered"
    return problems


def end_problems(*, status: str, reason: str) -> dict[str, str]:
    if not is_live(status):
        return {"": "This warning has already ended."}
    if not reason.strip():
        return {"reason": "Enter why the warning is ending"}
    return {}


# --- Visit plans (R-SAFE-2, R-SAFE-3) ---------------------------------------------------------


def plan_problems(*, planned_for: datetime | None, answers: dict, worker_id: int,
                  joint_worker_id: int | None, now: datetime) -> dict[str, str]:
    """Every question of seed 004 §8.1 answered; a visit still to come; a joint worker who is
    not the worker themselves."""
    problems: dict[str, str] = {}
    if planned_for is None:
        problems["planned_for"] = "Enter when the visit will be"
    elif planned_for < now:
        problems["planned_for"] = "The visit must be in the future: plan it before you go"
    for key, question in PLAN_QUESTIONS:
        answer = answers.get(key) or {}
        if answer.get("answer") not in (True, False):
            problems[key] = f"Answer: {question}"
        elif len(answer.get("note") or "") > TEXT_MAX:
            problems[key] = f"Notes must be {TEXT_MAX} characters or fewer"
    if joint_worker_id is not None and joint_worker_id == worker_id:
        problems["joint_worker"] = "The joint worker must be someone other than you"
    return problems


def agree_refusal(*, worker_id: int, manager_id: int, may_agree: bool, already_agreed: bool,
                  agreement_wanted: bool, joint_worker_named: bool) -> str | None:
    """A manager, not the worker themselves, records their agreement once, where the visit
    needs it (``agreement_wanted``)."""
    if not may_agree:
        return "Only a manager can agree to a visit plan."
    if worker_id == manager_id:
        return "This is your own visit: another manager must agree to it."
    if already_agreed:
        return "A manager has already agreed to this visit."
    if not agreement_wanted:
        return "This visit does not need a manager's agreement: " + (
            "a joint worker is named." if joint_worker_named
            else "no warning asks for a joint visit and it is in daylight and working hours.")
    return None


# --- May this visit go ahead as planned? (R-SAFE-2, R-SAFE-3, R-RES-5) -------------------------
#
# "Daylight and working hours" (seed 004 §8.1: "Risky visits should be undertaken in daylight
# and in working hours whenever possible") is office hours on a working day: 09:00 to 17:00,
# Europe/London, Monday to Friday except England's bank holidays. These are the hours outside
# the Emergency Duty Team's (R-EDT-1; seed 003: EDT works 5pm to 9am, and all day at weekends
# and on bank holidays), so ``calendar`` decides them. Sunset is not computed: in midwinter it is
# dusk before 17:00, which the plan's own "daylight" question still asks the worker about.

#: The problems' keys: the second worker, and a manager's recorded agreement (a visit plan
#: agreed by a manager, ``do_agree_plan``).
SECOND_WORKER = "joint_worker"
AGREEMENT = "manager_agreement"

WORKING_HOURS = "09:00 to 17:00 on a working day"
NEEDS_TWO = ("A worker-safety warning says visits to this family need two workers: name the "
             "second worker, or a manager must record their agreement on the visit plan")
OUT_OF_HOURS_TWO = ("This visit is outside daylight and working hours (" + WORKING_HOURS
                    + ") and the family has a worker-safety warning: it needs a second worker")
OUT_OF_HOURS_AGREED = ("This visit is outside daylight and working hours (" + WORKING_HOURS
                       + ") and the family has a worker-safety warning: it needs a visit plan "
                       "agreed by a manager")


def in_daylight_working_hours(starts_at: datetime, ends_at: datetime | None = None) -> bool:
    """The visit starts, and ends if that is known, within 09:00 to 17:00 of one working day
    (Europe/London; both aware). Back at 17:00 exactly is still within working hours."""
    if calendar.is_edt(starts_at):
        return False
    if ends_at is None:
        return True
    start, end = starts_at.astimezone(calendar.LONDON), ends_at.astimezone(calendar.LONDON)
    return end.date() == start.date() and end.time() <= calendar.OFFICE_CLOSES


def go_ahead_problems(*, starts_at: datetime, ends_at: datetime | None = None, warned: bool,
                      joint_visit_required: bool, second_worker: bool,
                      manager_agreed: bool) -> dict[str, str]:
    """May a visit (a check-in, a recorded visit, a visit plan) go ahead as planned? Empty when
    it may; else what is missing, by ``SECOND_WORKER`` / ``AGREEMENT``.

    - No worker-safety warning on the person, their family or address: it may.
    - R-SAFE-2: a warning asks for two workers: a second worker is named, or a manager has
      recorded their agreement to the visit.
    - R-RES-5 with R-SAFE-2/3 (seeds 002 and 004 reconciled): timing is varied, but for a family
      with any worker-safety warning a visit outside daylight and working hours needs both a
      second worker and a plan agreed by a manager.
    """
    if not warned:
        return {}
    problems: dict[str, str] = {}
    if not in_daylight_working_hours(starts_at, ends_at):
        if not second_worker:
            problems[SECOND_WORKER] = OUT_OF_HOURS_TWO
        if not manager_agreed:
            problems[AGREEMENT] = OUT_OF_HOURS_AGREED
    elif joint_visit_required and not (second_worker or manager_agreed):
        problems[SECOND_WORKER] = NEEDS_TWO
    return problems


def agreement_wanted(*, starts_at: datetime, ends_at: datetime | None = None, warned: bool,
                     joint_visit_required: bool, second_worker: bool) -> bool:
    """A manager's agreement would change whether the visit may go ahead (it is missing, or
    one of the things missing)."""
    def problems(agreed: bool) -> dict[str, str]:
        return go_ahead_problems(starts_at=starts_at, ends_at=ends_at, warned=warned,
                                 joint_visit_required=joint_visit_required,
                                 second_worker=second_worker, manager_agreed=agreed)

    return problems(False) != problems(True)


# --- Lone working (R-SAFE-4, R-EDT-2) ------------------------------------------------------------

OUT, LATE, OVERDUE = "out", "late", "overdue"


def _setting(name: str, default: int) -> int:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(f"HEARTH_{name}") or default
    return int(value)


def grace() -> timedelta:
    """How long after the expected time the manager is alerted."""
    return timedelta(minutes=_setting("CHECKIN_GRACE_MINUTES", 15))


def escalate_after() -> timedelta:
    """How long after the manager's alert the on-call senior manager is told."""
    return timedelta(minutes=_setting("CHECKIN_ESCALATE_MINUTES", 30))


def max_ahead() -> timedelta:
    """The furthest ahead a worker may say they will be back."""
    return timedelta(hours=_setting("CHECKIN_MAX_HOURS", 12))


def expected_back_problem(expected_back: datetime | None, *, now: datetime,
                          limit: timedelta) -> str | None:
    """What is wrong with an expected-back time (None when it may be used)."""
    if expected_back is None:
        return "Enter the date and time you expect to be back"
    if expected_back <= now:
        return "The time you expect to be back must be in the future"
    if expected_back > now + limit:
        hours = int(limit.total_seconds() // 3600)
        return (f"The time you expect to be back must be within {hours} hours: check in "
                f"again if the visit runs on")
    return None


def state(*, now: datetime, expected_back: datetime, grace: timedelta) -> str:
    """``out`` before the expected time, ``late`` after it, ``overdue`` once the grace period
    has passed too (the manager is alerted)."""
    if now < expected_back:
        return OUT
    return OVERDUE if now >= expected_back + grace else LATE


def alert_due(*, now: datetime, expected_back: datetime, checked_out: bool,
              alerted_at: datetime | None, grace: timedelta) -> bool:
    """The manager is to be alerted now: still out, past the grace period, and not yet alerted
    for this expected-back time (an alert before it was for an earlier time, since extended)."""
    if checked_out or now < expected_back + grace:
        return False
    return alerted_at is None or alerted_at < expected_back


def escalation_due(*, now: datetime, expected_back: datetime, checked_out: bool,
                   alerted_at: datetime | None, escalated_at: datetime | None,
                   escalate_after: timedelta) -> bool:
    """The on-call senior manager is to be told now: still out, the manager was alerted for
    this expected-back time at least ``escalate_after`` ago, and nobody has escalated it."""
    if checked_out or alerted_at is None or alerted_at < expected_back:
        return False
    if escalated_at is not None and escalated_at >= expected_back:
        return False
    return now >= alerted_at + escalate_after


def line_manager_off_duty(at: datetime) -> bool:
    """R-EDT-2, R-SAFE-4: in EDT hours (R-EDT-1: 17:00 to 09:00 on weekdays, all day at
    weekends and on bank holidays) a lone worker, an EDT practitioner or anyone working out of
    hours, has no line manager on duty: the on-call senior manager is alerted first."""
    return calendar.is_edt(at)
