"""Pure rules for child protection: no database, no clock.

- R-TWO-1: who may make up the two workers on a Section 47 visit.
- R-TWO-2: when a family meets the criteria for two workers (must / should be considered),
  and which hostility is significant (confrontation or worse).
- R-CP-1/2: the checks a CP plan must pass, and its first core group and review dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from hearth import calendar
from hearth.engagement.codes import SEVERITY, HostilityForm
from hearth.protection.codes import S47Outcome, WorkerKind

#: R-TWO-2: this many children on CP plans in one family means two workers must be considered.
MUST_CONSIDER_CHILDREN = 4

#: R-TWO-2: the forms of resistance that are "significant hostility" (seed 004 §2):
#: confrontation or worse (``engagement.codes.SEVERITY``), never ambivalence or avoidance.
SIGNIFICANT_HOSTILITY = frozenset(form for form, severity in SEVERITY.items()
                                  if severity >= SEVERITY[HostilityForm.CONFRONTATION])


def significant_hostility(forms: Iterable[str]) -> bool:
    """R-TWO-2: whether any of these recorded forms of hostility is significant:
    confrontation, threatened or actual violence. Ambivalence or avoidance, however often
    recorded, is not."""
    return any(form in SIGNIFICANT_HOSTILITY for form in forms)


def s47_workers_problem(kinds: Sequence[str], *, joint: bool, qualified_social_worker: bool,
                        police_could_not_attend: bool = False) -> str | None:
    """R-TWO-1: why these workers cannot make a Section 47 visit, or None when they can.

    Two workers always. On a joint enquiry a police officer goes with the social worker; if
    the police could not attend (recorded, with why), or the enquiry is single-agency, the
    two are children's social care workers, or a social care worker and another professional
    who knows the family. In every case one of them is a qualified social worker
    (``qualified_social_worker``: a colleague in a social work role recorded as the social
    worker; a named professional from outside Hearth never is), because a social worker
    leads every Section 47 enquiry (Working Together 2023)."""
    if len(kinds) < 2:
        return "A Section 47 visit needs two workers: add the second worker"
    present = set(kinds)
    police = WorkerKind.POLICE in present
    if joint and not police and not police_could_not_attend:
        return ("This is a joint enquiry: one of the two workers must be a police officer and "
                "one a social worker. If the police could not attend, say so and why: two "
                "children's social care workers, or a social worker and another professional "
                "who knows the family, then make the visit")
    if not joint and police:
        return ("A police officer makes Section 47 visits on a joint enquiry: record the "
                "strategy discussion's decision as joint, or name a second social care worker")
    if not qualified_social_worker:
        return ("One of the two workers must be a qualified social worker, chosen from your "
                "colleagues and recorded as the social worker: a social worker leads every "
                "Section 47 enquiry")
    return None


@dataclass(frozen=True)
class TwoWorkerCriteria:
    """R-TWO-2: whether two workers must, or should, be considered, and why."""

    must_consider: bool
    should_consider: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def met(self) -> bool:
        return self.must_consider or self.should_consider


def two_worker_criteria(*, children_on_plans: int, significant_hostility: bool,
                        worker_safety_warning: bool, complex_needs: bool) -> TwoWorkerCriteria:
    """R-TWO-2: four or more children on CP plans — must be considered; significant hostility,
    a worker-safety warning or complex needs — should be considered."""
    reasons = []
    must = children_on_plans >= MUST_CONSIDER_CHILDREN
    if must:
        reasons.append(f"{children_on_plans} children in the family are subject to child "
                       "protection plans")
    if significant_hostility:
        reasons.append("The family has shown significant hostility")
    if worker_safety_warning:
        reasons.append("There is a warning about risks to workers")
    if complex_needs:
        reasons.append("The family has complex needs")
    should = significant_hostility or worker_safety_warning or complex_needs
    return TwoWorkerCriteria(must_consider=must, should_consider=should and not must,
                             reasons=reasons)


def plan_problems(*, icpc_on: date | None, start: date | None, end: date | None = None,
                  review_on: date | None = None, other_open_plans: int = 0) -> dict[str, str]:
    """What stops a CP plan being saved, by field (empty when it may be)."""
    problems: dict[str, str] = {}
    if icpc_on is None:
        problems["icpc"] = ("A child protection plan starts at an initial conference: record "
                            "the ICPC first")
    if start is None:
        problems["start"] = "Enter the date the plan started"
    elif icpc_on is not None and start != icpc_on:
        problems["start"] = "The plan starts on the date of the initial conference"
    if end is not None and start is not None and end < start:
        problems["end"] = "The plan cannot end before it started"
    if review_on is not None and start is not None and review_on < start:
        problems["review_on"] = "The review cannot be before the plan started"
    if other_open_plans and end is None:
        problems["child"] = "This child already has an open child protection plan"
    return problems


@dataclass(frozen=True)
class PlanDates:
    first_core_group_due: date
    first_review_due: date


def plan_dates(icpc_on: date) -> PlanDates:
    """R-CP-2: the first core group within 10 working days of the ICPC, the first review
    conference within 3 months (later ones every 6 months: ``calendar.rcpc_next_due``)."""
    return PlanDates(first_core_group_due=calendar.core_group_due(icpc_on).date(),
                     first_review_due=calendar.rcpc_first_due(icpc_on).date())


# --- what is due, and what is overdue (one place for the pages, the dashboard and the API) --

OVERDUE = "overdue"
DUE = "due"
#: Reviews due within this many days are shown as due on the dashboard.
REVIEW_WINDOW_DAYS = 28
#: A second plan starting within this many years of the last one ending is flagged.
REPEAT_WITHIN_YEARS = 2


def icpc_overdue(*, icpc_due: date, today: date, outcome: str, icpc_held: bool) -> bool:
    """R-CP-1: the ICPC is overdue once its due date has passed while the enquiry has no
    outcome, or concluded that an ICPC is needed and none has been held."""
    if icpc_held or outcome not in ("", S47Outcome.SUBSTANTIATED_ICPC):
        return False
    return today > icpc_due


def review_state(next_review_due: date, today: date) -> str | None:
    """R-CP-2: a review conference is due when its date is within ``REVIEW_WINDOW_DAYS``,
    overdue once that date has passed, and neither otherwise."""
    if next_review_due < today:
        return OVERDUE
    if (next_review_due - today).days <= REVIEW_WINDOW_DAYS:
        return DUE
    return None


def review_overdue(*, due: date, today: date, is_open: bool) -> bool:
    """R-CP-2: an open plan's review conference is overdue once its due date has passed."""
    return is_open and review_state(due, today) == OVERDUE


def core_group_overdue(*, first_due: date, last_held: date | None,
                       next_meeting_on: date | None, today: date) -> date | None:
    """The date a core group meeting was due by, when it is overdue, else None: the first
    meeting once its due date (10 working days after the ICPC, R-CP-2) has passed with no
    meeting; later, the next meeting set at the last one once that date has passed."""
    if last_held is None:
        return first_due if first_due < today else None
    if next_meeting_on is not None and next_meeting_on < today:
        return next_meeting_on
    return None


def repeat_within(start_on: date, previous_end_on: date,
                  years: int = REPEAT_WITHIN_YEARS) -> bool:
    """Whether a plan started within ``years`` of the child's previous plan ending (29
    February counts on to 28 February)."""
    return start_on <= calendar.add_months(previous_end_on, 12 * years)


def core_group_due(*, first_due: date, last_held: date | None,
                   next_meeting_on: date | None) -> date | None:
    """When the next core group meeting is due (what is due, issue 15): the first within 10
    working days of the ICPC (R-CP-2) until one is held, then the next meeting set at the
    last one (None when none was set). Overdue once passed (``core_group_overdue``)."""
    if last_held is None:
        return first_due
    return next_meeting_on


def cp_visit_due(*, plan_start: date, last_seen_on: date | None, working_days: int) -> date:
    """When a child on a CP plan must next be seen (what is due, issue 15): ``working_days``
    (a local setting, default 10) after the last visit since the plan began at which the child
    was seen, or after the plan began when there has been none. A visit with no access does
    not count: the child was not seen."""
    since = plan_start if last_seen_on is None or last_seen_on < plan_start else last_seen_on
    return calendar.add_working_days(since, working_days)
