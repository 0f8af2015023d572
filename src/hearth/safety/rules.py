"""Pure decisions about worker-safety warnings and visit plans (no database, no clock: ``today``
and ``now`` are passed in)."""

from __future__ import annotations

from datetime import date, datetime

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


def needs_agreement(requires_joint_visit: bool, joint_worker_id: int | None) -> bool:
    """A warning says visits need two workers and no second worker is named."""
    return requires_joint_visit and joint_worker_id is None


def plan_ready(requires_joint_visit: bool, joint_worker_id: int | None,
               manager_agreed: bool) -> bool:
    """R-SAFE-2: where a warning needs a joint visit, a joint worker is named or a manager has
    recorded their agreement."""
    return not needs_agreement(requires_joint_visit, joint_worker_id) or manager_agreed


def agree_refusal(*, worker_id: int, manager_id: int, may_agree: bool, requires_joint_visit: bool,
                  joint_worker_id: int | None, already_agreed: bool) -> str | None:
    if not may_agree:
        return "Only a manager can agree to a visit without a joint worker."
    if worker_id == manager_id:
        return "This is your own visit: another manager must agree to it."
    if already_agreed:
        return "A manager has already agreed to this visit."
    if not needs_agreement(requires_joint_visit, joint_worker_id):
        return "This visit does not need a manager's agreement: " + (
            "a joint worker is named." if joint_worker_id else "no warning asks for a joint visit.")
    return None
