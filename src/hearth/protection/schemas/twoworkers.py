"""What the child protection API takes and gives for two workers (R-TWO-2, R-TWO-3), the
two-worker report and the child protection dashboard (api/twoworkers.py).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema


class PersonRef(Schema):
    id: UUID
    name: str


class CriteriaOut(Schema):
    met: bool
    must_consider: bool
    should_consider: bool
    reasons: list[str]


class TwoWorkerDecisionOut(Schema):
    id: int
    two_workers: bool
    reasons: str
    decided_on: date
    decided_by: str
    team: str
    recorded_at: datetime
    criteria: list[str]
    children: list[PersonRef]


class ChildOut(PersonRef):
    on_plan: bool


class TwoWorkerFamilyOut(Schema):
    person_id: UUID
    children: list[ChildOut]
    other_children: int
    parents: list[PersonRef]
    teams: list[str]
    criteria: CriteriaOut
    needed: bool
    criteria_changed_since_decision: list[str]
    may_decide: bool
    decisions: list[TwoWorkerDecisionOut]


class TwoWorkerDecisionIn(Schema):
    two_workers: bool
    reasons: str = Field(max_length=5000)
    decided_on: date


class NeededOut(Schema):
    children: list[PersonRef]
    other_children: int
    teams: list[str]
    criteria: CriteriaOut


class ReportOut(Schema):
    needed: list[NeededOut]
    decisions: list[TwoWorkerDecisionOut]


class DueOut(Schema):
    person: PersonRef
    due: date
    overdue: bool
    enquiry_id: int | None = None
    plan_id: int | None = None
    conference_id: int | None = None
    meeting: str = ""


class CategoryOut(Schema):
    code: str
    label: str
    latest: int
    initial: int


class RepeatOut(Schema):
    person: PersonRef
    plan_id: int
    start_on: date
    previous_end_on: date
    previous_plans: int
    within_two_years: bool


class OutcomeWaitingOut(Schema):
    enquiry_id: int
    person: PersonRef
    outcome: str
    outcome_label: str
    proposed_by: str
    proposed_at: datetime | None
    icpc_due: date


class DashboardOut(Schema):
    today: date
    figures: dict[str, int]
    icpcs: list[DueOut]
    outcomes_awaiting_authorisation: list[OutcomeWaitingOut]
    reviews: list[DueOut]
    core_groups: list[DueOut]
    categories: list[CategoryOut]
    repeats: list[RepeatOut]

