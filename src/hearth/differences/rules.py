"""Pure decisions about professional differences (R-PD-1..3): no database, no clock (``today``
and ``now`` are passed in). What each stage's two working days mean, when a stage is overdue,
what a difference, a stage's outcome, an escalation and a resolution need, who may act on one,
and the time a difference took to resolve."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from hearth import calendar
from hearth.differences.codes import (
    LAST_STAGE,
    NOTE_NEEDED,
    STAGE_GUIDANCE,
    AgencyKind,
    RaisedBefore,
    StageNumber,
)

TEXT_MAX = 5000
DISCUSSION_MAX = 10000
NAME_MAX = 200
PEOPLE_MAX = 1000
#: A child is someone under this age (Children Act 1989 s105).
ADULT_AGE = 18

DECISION_MISSING = "Enter what the decision or practice was"
DECISION_BY_MISSING = "Enter who made the decision"
AGENCY_MISSING = "Select the agency whose decision or practice it is"
WHY_MISSING = "Enter why you disagree"
RAISED_BEFORE_MISSING = "Select where you raised it first, or that the child's timescale did " \
                        "not allow it"
NOTE_MISSING = {
    RaisedBefore.OTHER: "Enter which meeting or discussion you raised it at, and when",
    RaisedBefore.NOT_RAISED: "Enter why the child's timescale did not allow raising it first",
}
NOT_A_CHILD = ("Professional differences are about a child: {name} is {age}, so is not a "
               "child")
HELD_ON_MISSING = "Enter the date the discussion took place"
HELD_ON_FUTURE = "The date of the discussion must be today or in the past"
HELD_ON_EARLY = "The date of the discussion must be on or after the day stage {n} started " \
                "({started:%-d %B %Y})"
WHO_MISSING = "Enter who took part"
WITH_WHOM_MISSING = "Enter who they discussed it with"
DISCUSSED_MISSING = "Enter what was discussed"
RESOLVED_MISSING = "Select whether the discussion resolved the difference"
CHAIR_MISSING = "Enter who chaired the safeguarding partnership's resolution meeting"
LAST_STAGE_UNRESOLVED = ("Stage 5 is the last stage: record what the safeguarding "
                         "partnership's resolution meeting decided, as resolved")
NOT_OPEN = "This difference is resolved: it cannot be changed"
OUTCOME_FIRST = "Record the outcome of stage {n} ({name}) before {doing}"
STAGE_RESOLVED = ("Stage {n} resolved the difference: record what was agreed instead of "
                  "escalating it")
STAGE_UNRESOLVED = ("Stage {n} did not resolve the difference: escalate it to the next stage, "
                    "or record the stage's outcome again if it has now been resolved")
NO_NEXT_STAGE = "Stage 5, the safeguarding partnership, is the last stage: it cannot be " \
                "escalated further"
AGREED_MISSING = "Enter what was agreed"
TELLER_MISSING = "Select who tells the child's allocated worker what was agreed"
NOT_AWAITING = "There is no allocated worker waiting to be told what was agreed"
TOLD_MISSING = "Enter the date the allocated worker was told"
TOLD_FUTURE = "The date the worker was told must be today or in the past"
TOLD_EARLY = "The date the worker was told must be on or after the day it was resolved " \
             "({resolved:%-d %B %Y})"


def _text(problems: dict[str, str], field: str, value: str, missing: str, limit: int,
          label: str) -> None:
    value = (value or "").strip()
    if not value:
        problems[field] = missing
    elif len(value) > limit:
        problems[field] = f"{label} must be {limit:,} characters or fewer"


def stage_name(number: int) -> str:
    return StageNumber(number).label


def stage_guidance(number: int) -> str:
    return STAGE_GUIDANCE[number]


def stage_due(started_on: date) -> datetime:
    """R-PD-1: a stage is due two working days after the day it started, by the end of that
    day (``calendar.pd_stage_due``: the one place the timescale lives)."""
    return calendar.pd_stage_due(started_on)


def stage_overdue(*, due_at: datetime, resolved: bool | None, is_open: bool,
                  now: datetime) -> bool:
    """R-PD-2: a stage of an open difference that has not resolved it by its due time is
    flagged (it may then be escalated). A stage that resolved it is not overdue; nor is any
    stage of a resolved difference."""
    return is_open and resolved is not True and calendar.is_overdue(due_at, now)


def age_on(born: date | None, today: date) -> int | None:
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def child_problem(*, name: str, born: date | None, today: date) -> str | None:
    """R-PD-2: a difference is about a named child (an unborn child, or one whose age is not
    known, may be one)."""
    age = age_on(born, today)
    if age is not None and age >= ADULT_AGE:
        return NOT_A_CHILD.format(name=name, age=age)
    return None


def raise_problems(*, decision: str, decision_by: str, decision_agency: str, why: str,
                   raised_before: str, raised_before_note: str) -> dict[str, str]:
    """What is wrong with a difference as raised, by field (empty when it may be saved):
    R-PD-2's decision or practice, who made it, why the raiser disagrees, and where it was
    raised first (which meeting, with a note for another one) or why the child's timescale
    did not allow it."""
    problems: dict[str, str] = {}
    _text(problems, "decision", decision, DECISION_MISSING, TEXT_MAX,
          "What the decision or practice was")
    _text(problems, "decision_by", decision_by, DECISION_BY_MISSING, NAME_MAX,
          "Who made the decision")
    if decision_agency not in AgencyKind.values:
        problems["decision_agency"] = AGENCY_MISSING
    _text(problems, "why", why, WHY_MISSING, TEXT_MAX, "Why you disagree")
    if raised_before not in RaisedBefore.values:
        problems["raised_before"] = RAISED_BEFORE_MISSING
    elif raised_before in NOTE_NEEDED:
        _text(problems, "raised_before_note", raised_before_note,
              NOTE_MISSING[RaisedBefore(raised_before)], TEXT_MAX, "The note")
    elif len((raised_before_note or "").strip()) > TEXT_MAX:
        problems["raised_before_note"] = f"The note must be {TEXT_MAX:,} characters or fewer"
    return problems


def outcome_problems(*, number: int, started_on: date, held_on: date | None, who: str,
                     with_whom: str, discussed: str, resolved: bool | None, chaired_by: str,
                     today: date) -> dict[str, str]:
    """R-PD-2: each stage records who, with whom, when, what was discussed and whether it
    resolved the difference; stage 5 also who chaired the safeguarding partnership's
    resolution meeting, and it ends the procedure, so it is recorded as resolved."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = HELD_ON_MISSING
    elif held_on > today:
        problems["held_on"] = HELD_ON_FUTURE
    elif held_on < started_on:
        problems["held_on"] = HELD_ON_EARLY.format(n=number, started=started_on)
    _text(problems, "who", who, WHO_MISSING, PEOPLE_MAX, "Who took part")
    _text(problems, "with_whom", with_whom, WITH_WHOM_MISSING, PEOPLE_MAX,
          "Who they discussed it with")
    _text(problems, "discussed", discussed, DISCUSSED_MISSING, DISCUSSION_MAX,
          "What was discussed")
    if number == LAST_STAGE:
        _text(problems, "chaired_by", chaired_by, CHAIR_MISSING, NAME_MAX,
              "Who chaired the meeting")
    if resolved is None:
        problems["resolved"] = RESOLVED_MISSING
    elif number == LAST_STAGE and not resolved:
        problems["resolved"] = LAST_STAGE_UNRESOLVED
    return problems


def escalate_problem(*, number: int, resolved: bool | None) -> tuple[str, str] | None:
    """R-PD-1/R-PD-2: a stage is escalated to the next only once its outcome is recorded, and
    only when it did not resolve the difference; stage 5 is the last. (field, message), or
    None when it may be escalated."""
    if number >= LAST_STAGE:
        return "", NO_NEXT_STAGE
    if resolved is None:
        return "outcome", OUTCOME_FIRST.format(n=number, name=stage_name(number).lower(),
                                               doing=f"escalating to stage {number + 1}")
    if resolved:
        return "outcome", STAGE_RESOLVED.format(n=number)
    return None


def resolve_problems(*, number: int, resolved: bool | None, agreed: str,
                     teller_chosen: bool) -> tuple[dict[str, str], dict[str, str]]:
    """R-PD-2: resolution records what was agreed and who tells the child's worker, once the
    current stage's outcome says it resolved the difference. (problems of the record's state,
    problems of the input), each by field."""
    state: dict[str, str] = {}
    if resolved is None:
        state["outcome"] = OUTCOME_FIRST.format(n=number, name=stage_name(number).lower(),
                                                doing="recording the resolution")
    elif not resolved:
        state["outcome"] = STAGE_UNRESOLVED.format(n=number)
    given: dict[str, str] = {}
    _text(given, "agreed", agreed, AGREED_MISSING, TEXT_MAX, "What was agreed")
    if not teller_chosen:
        given["teller"] = TELLER_MISSING
    return state, given


def told_problems(*, told_on: date | None, resolved_on: date, today: date) -> dict[str, str]:
    if told_on is None:
        return {"told_on": TOLD_MISSING}
    if told_on > today:
        return {"told_on": TOLD_FUTURE}
    if told_on < resolved_on:
        return {"told_on": TOLD_EARLY.format(resolved=resolved_on)}
    return {}


def may_act(user_id: int, *, raiser_id: int, owner_id: int | None, manager: bool) -> bool:
    """Who may record a stage's outcome, escalate or resolve a difference: whoever raised it,
    whoever leads its current stage, and a manager (team or service) who may see it."""
    return manager or user_id in (raiser_id, owner_id)


def may_record_told(user_id: int, *, teller_id: int | None, worker_id: int | None,
                    manager: bool) -> bool:
    """Who may record that the allocated worker was told: the person named to tell them, the
    worker themselves, or a manager who may see the difference."""
    return manager or user_id in (teller_id, worker_id)


def working_days_to_resolve(raised_on: date, resolved_on: date) -> int:
    """R-PD-3: the time a difference took, in working days (R-PD-1 counts its stages in
    working days): those after the day it was raised, up to and including the day it was
    resolved (0 when resolved the day it was raised)."""
    return max(calendar.working_days_between(raised_on, resolved_on), 0)


def middle_rows(count: int) -> tuple[int, int]:
    """The positions (from 0) of the one or two middle values of ``count`` sorted values: the
    median's, so that the database hands back only those (``[start:stop]``)."""
    if count <= 0:
        return 0, 0
    return (count - 1) // 2, count // 2 + 1


def median(middle: Sequence[int | float]) -> float | None:
    """The median from the middle value, or the two middle values, of a sorted list."""
    if not middle:
        return None
    return sum(middle) / len(middle)


def status_label(number: int) -> str:
    """The child at a glance: what every page about the child says while a difference is open
    (R-PD-3), until the allocated worker has been told what was agreed."""
    return f"Professional difference open — stage {number}"
