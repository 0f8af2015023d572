"""Pure rules for a LADO matter once it has started (the notification's own rules are in
``notifications``): the response clock of R-LADO-2 (24 working hours from when the LADO was
told, ``calendar.lado_response_due``), the criteria of R-LADO-1, the response, the employer's
actions, the outcome and the referrals of R-LADO-4, when a matter may close, where it stands,
and who sees it (R-LADO-3). Plain values in, problems by field out (the names the actions and
the API use); no database and no clock (``today`` and ``now`` are passed in).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta

from hearth import calendar
from hearth.access.codes import Role
from hearth.lado.codes import (
    CLOSED_STATUSES,
    DBS_DISCIPLINARY,
    Criterion,
    Disciplinary,
    Investigation,
    MatterStatus,
    Outcome,
    Police,
    SocialCare,
    Suspension,
)
from hearth.people.rules.normalise import name_key

NAME_MAX = 100
LINE_MAX = 150
CONTACT_MAX = 200
TEXT_MAX = 10000
IN_FUTURE = "must not be in the future"


def words(day: date | datetime) -> str:
    """A date (or a London date-time) as a message names it: "16 November 2026 at 15:30"."""
    if isinstance(day, datetime):
        local = day.astimezone(calendar.LONDON)
        return f"{local:%-d %B %Y at %H:%M}"
    return f"{day:%-d %B %Y}"



# --- the response clock (R-LADO-2) ---------------------------------------------------------

def response_due(notified_at: datetime) -> datetime:
    """R-LADO-2: the LADO responds within 24 working hours of being told."""
    return calendar.lado_response_due(notified_at)


def response_overdue(*, due: datetime, responded_at: datetime | None, now: datetime) -> bool:
    return responded_at is None and calendar.is_overdue(due, now)


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{minutes} minute{'' if minutes == 1 else 's'}"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} hour{'' if hours == 1 else 's'}"
    days = hours // 24
    return f"{days} days"


def time_left(due: datetime, now: datetime) -> str:
    """'5 hours left', 'overdue by 2 days' (real time, for the queue)."""
    if now > due:
        return f"overdue by {_span(now - due)}"
    return f"{_span(due - now)} left"


# --- criteria (R-LADO-1) ----------------------------------------------------------------------

def criteria_problems(criteria: Iterable[str], advice: str) -> dict[str, str]:
    """The criteria met must be among the four; with none met the concern is low-level and the
    LADO's advice is recorded."""
    chosen = list(criteria)
    problems: dict[str, str] = {}
    if any(c not in Criterion.values for c in chosen):
        problems["criteria"] = "Select only the criteria listed"
    advice = (advice or "").strip()
    if not chosen and not advice:
        problems["advice"] = ("No criterion is met, so this is a low-level concern: enter the "
                              "advice given to the employer")
    elif len(advice) > TEXT_MAX:
        problems["advice"] = f"The advice must be {TEXT_MAX} characters or fewer"
    return problems


def is_low_level(criteria: Iterable[str]) -> bool:
    """R-LADO-1: a concern that meets none of the criteria is a low-level concern."""
    return not list(criteria)


# --- the response -----------------------------------------------------------------------------

def response_problems(*, responded_at: datetime | None, response: str, notified_at: datetime,
                      now: datetime) -> dict[str, str]:
    problems: dict[str, str] = {}
    response = (response or "").strip()
    if not response:
        problems["response"] = ("Enter the LADO's response: the advice given and what happens "
                                "next")
    elif len(response) > TEXT_MAX:
        problems["response"] = f"The response must be {TEXT_MAX} characters or fewer"
    if responded_at is None:
        problems["responded_at"] = "Enter when the LADO responded"
    elif responded_at > now:
        problems["responded_at"] = f"When the LADO responded {IN_FUTURE}"
    elif responded_at < notified_at:
        problems["responded_at"] = ("The LADO cannot have responded before being told "
                                    f"({words(notified_at)})")
    return problems


# --- the employer's actions, the police and children's social care (R-LADO-4) ---------------

CHOICES = {"suspension": Suspension, "investigation": Investigation,
           "disciplinary": Disciplinary, "police": Police, "social_care": SocialCare}
#: The message for an answer that is not one of its codes.
UNKNOWN = {"suspension": "Choose the decision on suspension from the list",
           "investigation": "Choose the investigation from the list",
           "disciplinary": "Choose the disciplinary action from the list",
           "police": "Choose the police's involvement from the list",
           "social_care": "Choose children's social care's involvement from the list"}


def employer_problems(*, suspension_considered: bool | None,
                      notes: Mapping[str, str] | None = None, **chosen: str) -> dict[str, str]:
    """Each answer is one of its codes (or not yet known); a suspension decision only when
    suspension was considered, and one when it was."""
    problems: dict[str, str] = {}
    for name, value in chosen.items():
        if value and value not in CHOICES[name].values:
            problems[name] = UNKNOWN[name]
    suspension = chosen.get("suspension", "")
    if suspension_considered is False and suspension:
        problems["suspension"] = ("Suspension was not considered: leave the decision empty, "
                                  "or say that it was considered")
    elif suspension_considered and not suspension and "suspension" not in problems:
        problems["suspension"] = "Select the employer's decision on suspension"
    for name, text in (notes or {}).items():
        if len(text or "") > TEXT_MAX:
            problems[name] = f"The notes must be {TEXT_MAX} characters or fewer"
    return problems


# --- the outcome and referrals (R-LADO-4) -----------------------------------------------------

def _dated(problems: dict[str, str], name: str, what: str, day: date | None, *,
           notified_on: date, today: date) -> None:
    if day is None:
        return
    if day > today:
        problems[name] = f"The date of {what} {IN_FUTURE}"
    elif day < notified_on:
        problems[name] = (f"The date of {what} cannot be before the LADO was told "
                          f"({words(notified_on)})")


def outcome_problems(*, outcome: str, outcome_on: date | None, notes: str, notified_on: date,
                     today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if outcome not in Outcome.values:
        problems["outcome"] = ("Select the outcome: substantiated, false, malicious, "
                               "unsubstantiated or unfounded")
    if outcome_on is None:
        problems["outcome_on"] = "Enter the date of the outcome"
    _dated(problems, "outcome_on", "the outcome", outcome_on, notified_on=notified_on,
           today=today)
    if len(notes or "") > TEXT_MAX:
        problems["outcome_notes"] = f"The notes must be {TEXT_MAX} characters or fewer"
    return problems


def referral_problems(*, dbs_referred_on: date | None, regulator: str,
                      regulator_referred_on: date | None, notified_on: date,
                      today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    _dated(problems, "dbs_referred_on", "the referral to the DBS", dbs_referred_on,
           notified_on=notified_on, today=today)
    regulator = (regulator or "").strip()
    if len(regulator) > LINE_MAX:
        problems["regulator"] = f"The regulator must be {LINE_MAX} characters or fewer"
    elif regulator_referred_on is not None and not regulator:
        problems["regulator"] = ("Enter the regulator the person was referred to, for example "
                                 "the Teaching Regulation Agency")
    if regulator and regulator_referred_on is None:
        problems["regulator_referred_on"] = "Enter the date of the referral to the regulator"
    _dated(problems, "regulator_referred_on", "the referral to the regulator",
           regulator_referred_on, notified_on=notified_on, today=today)
    return problems


# --- closing ----------------------------------------------------------------------------------

ALREADY_CLOSED = "This matter is closed: it cannot be changed"
CRITERIA_FIRST = ("Record whether the criteria are met first: a concern that meets none is "
                  "closed as a low-level concern with the advice given")
OUTCOME_FIRST = ("A matter is closed only with its outcome: record the outcome (substantiated, "
                 "false, malicious, unsubstantiated or unfounded) first")
DBS_FIRST = ("The person was dismissed, or left when they would have been: record the referral "
             "to the Disclosure and Barring Service before closing")


def state_problem(status: str) -> str | None:
    """Why a matter in ``status`` cannot be changed (None: it can)."""
    return ALREADY_CLOSED if status in CLOSED_STATUSES else None


def close_problems(*, status: str, outcome: str, disciplinary: str,
                   dbs_referred_on: date | None) -> tuple[dict[str, str], bool]:
    """What stops the matter closing, and whether it is the matter's state (True) rather than
    a missing answer (False)."""
    if status in CLOSED_STATUSES:
        return {"": ALREADY_CLOSED}, True
    if status == MatterStatus.NEW:
        return {"": CRITERIA_FIRST}, True
    problems: dict[str, str] = {}
    if not outcome:
        problems["outcome"] = OUTCOME_FIRST
    if disciplinary in DBS_DISCIPLINARY and dbs_referred_on is None:
        problems["dbs_referred_on"] = DBS_FIRST
    return problems, False


# --- where a matter stands --------------------------------------------------------------------

STAGES = {"new": "New", "awaiting_response": "Awaiting response",
          "response_overdue": "Response overdue", "responded": "Responded",
          "meeting_held": "Meeting held", "outcome_recorded": "Outcome recorded",
          "closed": "Closed", "low_level": "Low-level concern: closed"}


def stage(*, status: str, criteria_decided: bool, responded: bool, response_overdue: bool,
          meetings: int, outcome: str) -> str:
    """The one word for where a matter stands (a key of ``STAGES``)."""
    if status == MatterStatus.LOW_LEVEL:
        return "low_level"
    if status == MatterStatus.CLOSED:
        return "closed"
    if outcome:
        return "outcome_recorded"
    if meetings:
        return "meeting_held"
    if responded:
        return "responded"
    if response_overdue:
        return "response_overdue"
    return "awaiting_response" if criteria_decided else "new"


def subject_key(given_name: str, family_name: str, date_of_birth: date | None) -> str:
    """R-LADO-5: the person a matter is about, for finding repeat matters: the name folded
    (case, accents, spaces and punctuation ignored) and the date of birth."""
    born = date_of_birth.isoformat() if date_of_birth else ""
    return f"{name_key(given_name)}|{name_key(family_name)}|{born}"


# --- who sees a matter (R-LADO-3) -------------------------------------------------------------

def sees_matters(role: str, *, with_a_lado_in_team: bool) -> bool:
    """R-LADO-3: LADO records are seen by the LADO service and its manager: every LADO officer,
    and the LADO's service manager — a service manager whose own team has a LADO officer in it
    (Hearth has no "managed by" link: a team is the unit, and its service manager is the
    service manager who sits in it). Nobody else, whatever their other rights."""
    return role == Role.LADO or (role == Role.SERVICE_MANAGER and with_a_lado_in_team)
