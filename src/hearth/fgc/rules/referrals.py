"""Referring a family for an FGC, allocating a coordinator, and ending an FGC before it is held
(R-FGC-1, R-FGC-2). Pure: no database, no clock (``today`` is passed in).

A professional refers (a social worker or family practitioner who can see the children): the
children (siblings together), the reason (seed 003's list), what the family and coordinator
need to know, 1 to 6 questions for the family (seed 003: "a small number (3-4) clear
questions"), and that the process was explained to the family, that it is voluntary, and
that they agreed — both required. Domestic abuse makes it a split conference (R-FGC-1).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from hearth import calendar
from hearth.access.codes import Role
from hearth.casework.rules import age_on
from hearth.fgc.codes import ENDED, Ending, Reason, Status

MIN_QUESTIONS = 1
MAX_QUESTIONS = 6
QUESTION_MAX = 500
TEXT_MAX = 10_000
REASON_MAX = 5_000
ADULT_AGE = 18
#: A referral waits in the FGC queue this many working days before taking it is overdue
#: (a local setting of the FGC service: no national timescale).
ALLOCATE_WORKING_DAYS = 5
#: The FGC service's teams: their team managers are the FGC managers (``access`` Service).
FGC_SERVICE = "fgc"

QUESTIONS_MISSING = ("Write at least one question for the family to answer at their meeting "
                     "(3 or 4 clear questions is usual)")
QUESTIONS_TOO_MANY = (f"Ask the family at most {MAX_QUESTIONS} questions (3 or 4 clear questions "
                      "is usual)")
NOT_EXPLAINED = ("Explain the Family Group Conference to the family before you refer, "
                 "including that it is voluntary")
NOT_AGREED = "The family must agree to a Family Group Conference before you refer: it is voluntary"


def questions_given(questions: Sequence[str]) -> list[str]:
    """The questions as they will be kept: each trimmed, empty ones left out."""
    return [q.strip() for q in questions if q and q.strip()]


def referral_problems(*, reason: str, background: str, questions: Sequence[str],
                      process_explained: bool, family_agreed: bool,
                      explained_on: date | None, today: date) -> dict[str, str]:
    """What stops the referral being made, by field; empty when it may be made."""
    problems: dict[str, str] = {}
    if reason not in Reason.values:
        problems["reason"] = "Select why the family is referred, from the list"
    if not background.strip():
        problems["background"] = ("Enter what the family and the coordinator need to know: "
                                  "the worries, and the family's strengths")
    elif len(background) > TEXT_MAX:
        problems["background"] = f"Keep what they need to know to {TEXT_MAX:,} characters"
    asked = questions_given(questions)
    if len(asked) < MIN_QUESTIONS:
        problems["questions"] = QUESTIONS_MISSING
    elif len(asked) > MAX_QUESTIONS:
        problems["questions"] = QUESTIONS_TOO_MANY
    else:
        for n, question in enumerate(asked, start=1):
            if len(question) > QUESTION_MAX:
                problems["questions"] = (f"Question {n} is too long: keep each question to "
                                         f"{QUESTION_MAX} characters")
                break
    if not process_explained:
        problems["process_explained"] = NOT_EXPLAINED
    if not family_agreed:
        problems["family_agreed"] = NOT_AGREED
    if explained_on is None:
        problems["explained_on"] = ("Enter the date the process was explained to the family "
                                    "and they agreed")
    elif explained_on > today:
        problems["explained_on"] = ("The date the family agreed cannot be in the future")
    return problems


@dataclass(frozen=True)
class Child:
    """What the referral needs to know of a child: their name, date of birth (None: unknown
    or unborn) and the date of the FGC already under way for them, if any."""

    name: str
    date_of_birth: date | None = None
    open_fgc_since: date | None = None


def is_child(date_of_birth: date | None, today: date) -> bool:
    """Under 18 (or not born yet, or the date of birth not known)."""
    return (age_on(date_of_birth, today) or 0) < ADULT_AGE


def children_problems(children: Sequence[Child], today: date) -> dict[str, str]:
    """At least one child, every one under 18 (an input problem, field ``children``)."""
    if not children:
        return {"children": "Choose the child or children the conference is for"}
    adults = [c.name for c in children if not is_child(c.date_of_birth, today)]
    if adults:
        return {"children": f"{' and '.join(adults)} is not a child (18 or over): a Family "
                            "Group Conference is for children and their family"}
    return {}


def already_open(children: Sequence[Child]) -> str:
    """A child has at most one FGC under way (a state problem: ``""`` when none has)."""
    busy = [c for c in children if c.open_fgc_since is not None]
    if not busy:
        return ""
    first = busy[0]
    assert first.open_fgc_since is not None
    return (f"{first.name} already has a Family Group Conference under way (referred on "
            f"{first.open_fgc_since:%-d %B %Y}): add to that one instead")


def split_conference(*, domestic_abuse: bool, split_requested: bool) -> bool:
    """R-FGC-1: where there is domestic abuse the conference is split (two meetings)."""
    return domestic_abuse or split_requested


# --- who may do what ---------------------------------------------------------------------------

def is_fgc_manager(role: str, team_service: str | None) -> bool:
    """A team manager of the FGC service, or a service manager: they allocate FGCs to
    coordinators (coordinators take them from the queue for themselves)."""
    return role == Role.SERVICE_MANAGER or (role == Role.TEAM_MANAGER
                                            and team_service == FGC_SERVICE)


def is_fgc_service(role: str, team_service: str | None) -> bool:
    """The FGC service: its coordinators and its managers see every referral."""
    return role == Role.FGC_COORDINATOR or (role == Role.TEAM_MANAGER
                                            and team_service == FGC_SERVICE)


def can_coordinate(role: str, active: bool) -> bool:
    return role == Role.FGC_COORDINATOR and active


def may_manage_referrer(*, actor_role: str, actor_team_id: int | None,
                        referrer_team_id: int | None) -> bool:
    """The referrer's own managers: their team's manager, or a service manager."""
    return actor_role == Role.SERVICE_MANAGER or (
        actor_role == Role.TEAM_MANAGER and actor_team_id is not None
        and actor_team_id == referrer_team_id)


# --- where an FGC has got to --------------------------------------------------------------------

#: Each step, and the statuses it may be taken from.
STEPS: dict[str, frozenset[str]] = {
    "take": frozenset({Status.REFERRED}),
    "allocate": frozenset({Status.REFERRED, Status.ALLOCATED, Status.PREPARING}),
    "prepare": frozenset({Status.ALLOCATED, Status.PREPARING}),
    "conference": frozenset({Status.PREPARING}),
    "plan": frozenset({Status.HELD, Status.PLAN_NOT_AGREED}),
    "decide": frozenset({Status.PLAN_WAITING}),
    "review": frozenset({Status.PLAN_AGREED, Status.REVIEWED}),
    "end": frozenset({Status.REFERRED, Status.ALLOCATED, Status.PREPARING}),
}
_WHY_NOT = {
    "take": "This conference has already been taken from the queue",
    "allocate": "A coordinator can only be allocated before the conference is held",
    "prepare": "Preparation is recorded after a coordinator is allocated and before the "
               "conference is held",
    "conference": "Record the venue, the date and each child's part in the conference before "
                  "recording the conference",
    "plan": "The family's plan is recorded after the conference is held",
    "decide": "There is no plan waiting for agreement",
    "review": "A plan is reviewed once it has been agreed",
    "end": "Only a conference that has not been held can be declined, withdrawn or stopped",
}


def step_problem(step: str, status: str) -> str:
    """Why ``step`` cannot be taken from ``status`` ("" when it can)."""
    if status in STEPS[step]:
        return ""
    if status in ENDED:
        return (f"This Family Group Conference has ended ({Status(status).label.lower()}): "
                "nothing more can be recorded")
    return _WHY_NOT[step]


def end_problems(*, outcome: str, reason: str) -> dict[str, str]:
    problems = {}
    if outcome not in Ending.values:
        problems["outcome"] = "Select whether the family declined, the referrer withdrew it or " \
                              "it did not go ahead"
    if not reason.strip():
        problems["reason"] = "Enter the reason (it is kept with the record, R-FGC-2)"
    elif len(reason) > REASON_MAX:
        problems["reason"] = f"Keep the reason to {REASON_MAX:,} characters"
    return problems


def allocation_due(referred_on: date) -> date:
    """When taking the referral from the queue is due (``ALLOCATE_WORKING_DAYS``)."""
    return calendar.add_working_days(referred_on, ALLOCATE_WORKING_DAYS)
