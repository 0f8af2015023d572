"""Pure rules for strategy discussions and Section 47 enquiries: plain values in, problems out
(by field), no database and no clock (``today`` and ``now`` are passed in).

- Working Together 2023: a strategy discussion involves the police and at least one other
  agency; every action agreed has an owner.
- R-CP-1: a Section 47 enquiry starts from the strategy discussion that decided on it; its
  ICPC is due 15 working days after that discussion (``icpc_due_from``).
- R-TWO-1: every Section 47 visit is made by two different people, who may make it together
  (``protection.rules.s47_workers_problem``), one of them a qualified social worker; on a
  joint enquiry the police officer's absence is recorded with its reason.

Problem keys name the input at fault as the action names it: ``participants`` (the list as a
whole), ``participants.0.agency`` (a row, counted from 0), ``actions.1.owner``, ``workers``,
``workers.1.name``...
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from hearth import calendar
from hearth.protection.codes import S47Outcome, StrategyDecision, WorkerKind
from hearth.protection.rules.pathway import s47_workers_problem

POLICE = "police"
#: Decisions that start a Section 47 enquiry (R-CP-1).
STARTS_ENQUIRY = (StrategyDecision.S47_SINGLE_AGENCY, StrategyDecision.S47_JOINT,
                  StrategyDecision.IMMEDIATE_PROTECTION)
#: Outcomes that end the enquiry without a conference: they must say why.
NEEDS_REASONS = (S47Outcome.NOT_SUBSTANTIATED, S47Outcome.ICPC_NOT_REQUIRED)

NAME_MAX = 150
TEXT_MAX = 10000
NOT_IN_FUTURE = "cannot be in the future"


@dataclass(frozen=True)
class Participant:
    name: str
    agency: str
    agency_kind: str = ""
    role: str = ""

    @property
    def is_police(self) -> bool:
        return self.agency_kind == POLICE


@dataclass(frozen=True)
class ActionLine:
    action: str
    owner: str
    due_on: date | None = None


@dataclass(frozen=True)
class Worker:
    """One of the two workers on a Section 47 visit: a colleague (``user_id``) or a named
    person from another agency. ``qualified``: a colleague in a social work role recorded as
    the social worker (R-TWO-1); a named person from outside Hearth never is."""

    kind: str
    name: str
    user_id: int | None = None
    agency: str = ""
    qualified: bool = False


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def icpc_due_from(held_on: date) -> date:
    """R-CP-1: the ICPC is due 15 working days after the strategy discussion that started the
    Section 47 enquiry."""
    return calendar.icpc_due(held_on).date()


def enquiry_joint(decision: str, *, police_took_part: bool) -> bool:
    """Whether the enquiry a decision starts is joint with the police: a joint decision is;
    immediate protection is joint whenever the police took part."""
    if decision == StrategyDecision.S47_JOINT:
        return True
    return decision == StrategyDecision.IMMEDIATE_PROTECTION and police_took_part


def participants_problems(participants: Sequence[Participant]) -> dict[str, str]:
    """Every row names someone and their agency; at least two agencies took part, one of them
    the police (Working Together 2023)."""
    problems: dict[str, str] = {}
    for i, p in enumerate(participants):
        if not p.name.strip():
            problems[f"participants.{i}.name"] = (
                f"Enter the name of participant {i + 1}, or clear the row")
        elif len(p.name) > NAME_MAX:
            problems[f"participants.{i}.name"] = (
                f"The name of participant {i + 1} must be {NAME_MAX} characters or fewer")
        if not p.agency.strip():
            problems[f"participants.{i}.agency"] = (
                f"Enter the agency of participant {i + 1}")
        elif len(p.agency) > NAME_MAX:
            problems[f"participants.{i}.agency"] = (
                f"The agency of participant {i + 1} must be {NAME_MAX} characters or fewer")
    if problems:
        return problems
    agencies = {_key(p.agency) for p in participants}
    police = any(p.is_police for p in participants)
    if not participants:
        problems["participants"] = ("Enter who took part in the strategy discussion: the "
                                    "police and at least one other agency")
    elif len(agencies) < 2 and police:
        problems["participants"] = ("Only the police are recorded: a strategy discussion "
                                    "needs at least one other agency as well, such as "
                                    "children's social care, health or the school")
    elif len(agencies) < 2:
        problems["participants"] = ("Only one agency is recorded: a strategy discussion needs "
                                    "at least two agencies, one of them the police")
    elif not police:
        problems["participants"] = ("The police must take part in a strategy discussion: add "
                                    "the police officer and choose Police as their kind of "
                                    "agency")
    return problems


def actions_problems(actions: Sequence[ActionLine], *, held_on: date | None) -> dict[str, str]:
    """Every action agreed has an owner, and is not due before the discussion."""
    problems: dict[str, str] = {}
    for i, a in enumerate(actions):
        if not a.action.strip():
            problems[f"actions.{i}.action"] = f"Enter what action {i + 1} is, or clear the row"
        if not a.owner.strip():
            problems[f"actions.{i}.owner"] = f"Enter who owns action {i + 1}"
        elif len(a.owner) > NAME_MAX:
            problems[f"actions.{i}.owner"] = (
                f"The owner of action {i + 1} must be {NAME_MAX} characters or fewer")
        if a.due_on is not None and held_on is not None and a.due_on < held_on:
            problems[f"actions.{i}.due_on"] = (
                f"Action {i + 1} cannot be due before the strategy discussion "
                f"({held_on:%-d %B %Y})")
    return problems


def strategy_problems(*, held_on: date | None, today: date, participants: Sequence[Participant],
                      information_shared: str, decision: str, decision_reasons: str,
                      actions: Sequence[ActionLine],
                      open_enquiry_since: date | None = None) -> dict[str, str]:
    """What stops a strategy discussion being recorded, by field (empty when it may be).
    ``open_enquiry_since``: when the child's current enquiry without an outcome started."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date of the discussion"
    elif held_on > today:
        problems["held_on"] = f"The date of the discussion {NOT_IN_FUTURE}"
    problems.update(participants_problems(participants))
    if not information_shared.strip():
        problems["information_shared"] = "Enter the information shared"
    if decision not in StrategyDecision.values:
        problems["decision"] = "Select the decision"
    elif decision in STARTS_ENQUIRY and open_enquiry_since is not None:
        problems["decision"] = (
            f"The child already has a Section 47 enquiry without an outcome (started "
            f"{open_enquiry_since:%-d %B %Y}): record its outcome before starting another")
    if not decision_reasons.strip():
        problems["decision_reasons"] = "Enter the reasons for the decision"
    problems.update(actions_problems(actions, held_on=held_on))
    return problems


def workers_problems(workers: Sequence[Worker], *, joint: bool,
                     police_could_not_attend: bool = False) -> dict[str, str]:
    """R-TWO-1: each worker row says who it is and what kind of worker; there are two of
    them, two different people, of kinds that may make the visit together, one of them a
    qualified social worker."""
    problems: dict[str, str] = {}
    for i, w in enumerate(workers):
        if w.kind not in WorkerKind.values:
            problems[f"workers.{i}.kind"] = f"Select what kind of worker worker {i + 1} is"
        if w.user_id is None and not w.name.strip():
            problems[f"workers.{i}.name"] = (
                f"Choose a colleague as worker {i + 1}, or enter their name")
        elif len(w.name) > NAME_MAX:
            problems[f"workers.{i}.name"] = (
                f"The name of worker {i + 1} must be {NAME_MAX} characters or fewer")
    if problems:
        return problems
    people = [("user", w.user_id) if w.user_id is not None else ("name", _key(w.name))
              for w in workers]
    if len(workers) >= 2 and len(set(people)) < len(people):
        return {"workers": "The two workers must be two different people: the same person "
                           "is named twice"}
    problem = s47_workers_problem(
        [w.kind for w in workers], joint=joint,
        qualified_social_worker=any(w.qualified for w in workers),
        police_could_not_attend=police_could_not_attend)
    return {"workers": problem} if problem else {}


def police_absence_problems(*, joint: bool, police_could_not_attend: bool, reason: str,
                            workers: Sequence[Worker]) -> dict[str, str]:
    """R-TWO-1: on a joint enquiry, a visit without the police says that they could not
    attend, and why; only a joint enquiry expects them, and a visit they attended cannot say
    they could not."""
    if not police_could_not_attend:
        return {}
    if not joint:
        return {"police_could_not_attend": "This enquiry is not joint with the police: do not "
                                           "record that the police could not attend"}
    if any(w.kind == WorkerKind.POLICE for w in workers):
        return {"police_could_not_attend": "A police officer is named as one of the workers: "
                                           "remove them, or do not record that the police "
                                           "could not attend"}
    if not reason.strip():
        return {"police_absence_reason": "Enter why the police could not attend"}
    if len(reason) > TEXT_MAX:
        return {"police_absence_reason": f"Why the police could not attend must be "
                                         f"{TEXT_MAX} characters or fewer"}
    return {}


def visit_problems(*, visited_at: datetime | None, now: datetime, started_on: date,
                   outcome_on: date | None, place: str, child_seen: bool | None,
                   child_seen_alone: bool | None, notes: str, workers: Sequence[Worker],
                   joint: bool, police_could_not_attend: bool = False,
                   police_absence_reason: str = "") -> dict[str, str]:
    """What stops a Section 47 visit being recorded (R-TWO-1, R-REC-6). A visit is part of the
    enquiry: not before the strategy discussion that started it, not after its outcome. On a
    joint enquiry without the police, ``police_could_not_attend`` and its reason."""
    problems: dict[str, str] = {}
    if visited_at is None:
        problems["visited_at"] = "Enter the date and time of the visit"
    elif visited_at.tzinfo is None or visited_at.utcoffset() is None:
        problems["visited_at"] = ("The date and time of the visit must give its offset from "
                                  "UTC, for example 2026-11-16T10:00:00+00:00")
    else:
        day = visited_at.astimezone(calendar.LONDON).date()
        if visited_at > now:
            problems["visited_at"] = f"The date of the visit {NOT_IN_FUTURE}"
        elif day < started_on:
            problems["visited_at"] = (
                f"The visit cannot be before the strategy discussion that started the "
                f"enquiry ({started_on:%-d %B %Y})")
        elif outcome_on is not None and day > outcome_on:
            problems["visited_at"] = (
                f"The enquiry's outcome was recorded for {outcome_on:%-d %B %Y}: a later visit "
                "is not part of this enquiry; record it as a visit on the child's record")
    if not place.strip():
        problems["place"] = "Enter where the visit took place"
    if child_seen is None:
        problems["child_seen"] = "Select whether the child was seen"
    if child_seen_alone is None:
        problems["child_seen_alone"] = "Select whether the child was seen alone"
    elif child_seen_alone and child_seen is False:
        problems["child_seen_alone"] = ("The child cannot have been seen alone if they were "
                                        "not seen")
    if not notes.strip():
        problems["notes"] = "Enter what was seen and said"
    problems.update(police_absence_problems(
        joint=joint, police_could_not_attend=police_could_not_attend,
        reason=police_absence_reason, workers=workers))
    problems.update(workers_problems(workers, joint=joint,
                                     police_could_not_attend=police_could_not_attend))
    return problems


def outcome_problems(*, outcome: str, reasons: str, outcome_on: date | None, started_on: date,
                     today: date) -> dict[str, str]:
    """What stops a Section 47 enquiry's outcome being recorded: the reasons are required when
    there will be no conference; the date is within the enquiry and not in the future."""
    problems: dict[str, str] = {}
    if outcome not in S47Outcome.values:
        problems["outcome"] = "Select the outcome of the enquiry"
    elif outcome in NEEDS_REASONS and not reasons.strip():
        problems["reasons"] = ("Enter the reasons: they are required when the concerns are not "
                               "substantiated or no conference is needed")
    if outcome_on is None:
        problems["outcome_on"] = "Enter the date of the outcome"
    elif outcome_on > today:
        problems["outcome_on"] = f"The date of the outcome {NOT_IN_FUTURE}"
    elif outcome_on < started_on:
        problems["outcome_on"] = (f"The outcome cannot be before the enquiry started "
                                  f"({started_on:%-d %B %Y})")
    return problems


# --- R-CP-1: an outcome without a conference takes effect when a team manager authorises it ---

#: Outcomes that end the enquiry without a conference: a team manager authorises them before
#: they take effect; until then the ICPC stays due (and overdue). "ICPC needed" takes effect
#: at once.
NEEDS_AUTHORISATION = NEEDS_REASONS
AUTHORISE, RETURN = "authorise", "return"


def needs_authorisation(outcome: str) -> bool:
    """R-CP-1: whether this outcome waits for a team manager before it takes effect."""
    return outcome in NEEDS_AUTHORISATION


def authoriser_problem(*, team_manager: bool, of_the_team: bool, proposer: bool,
                       teams: Sequence[str]) -> str | None:
    """R-CP-1: who may authorise (or return) a proposed outcome: a team manager of a team
    holding the child's case (``teams``), never the worker who proposed it."""
    names = " or ".join(teams)
    if not teams:
        return ("No team has an open case for this child: the outcome is authorised by the "
                "team manager of the team holding the case")
    if not (team_manager and of_the_team):
        return f"Only the team manager of {names} can authorise this outcome or return it"
    if proposer:
        return ("You proposed this outcome: another team manager of the team holding the case "
                "authorises it or returns it")
    return None


def decision_on_outcome_problems(*, decision: str, reason: str) -> dict[str, str]:
    """What stops a team manager's decision on a proposed outcome being recorded: authorise
    it, or return it with the reason."""
    if decision not in (AUTHORISE, RETURN):
        return {"decision": "Select whether you authorise the outcome or return it"}
    if decision == RETURN and not reason.strip():
        return {"reason": "Enter why you are returning the outcome: the worker will see it"}
    if len(reason) > TEXT_MAX:
        return {"reason": f"The reason must be {TEXT_MAX} characters or fewer"}
    return {}
