"""What the child protection API takes and gives for strategy discussions, Section 47
enquiries, their visits and outcomes (api/strategy.py).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.access.models.users import AgencyKind
from hearth.core.schemas import Schema, code
from hearth.protection.codes import S47Outcome, StrategyDecision, StrategyOrigin, WorkerKind
from hearth.protection.rules.strategy import AUTHORISE, NAME_MAX, RETURN, TEXT_MAX


class ParticipantIn(Schema):
    name: str = Field(max_length=NAME_MAX)
    agency: str = Field(max_length=NAME_MAX)
    role: str = Field("", max_length=NAME_MAX)
    agency_kind: str = code(AgencyKind.values, "", blank=True,
                            description="Blank for another agency (a known partner agency's "
                                        "kind is filled in from its name)")
    police: bool = False


class ActionIn(Schema):
    action: str = Field(max_length=2000)
    owner: str = Field("", max_length=NAME_MAX)
    owner_user_id: int | None = None
    due_on: date | None = None


class DiscussionIn(Schema):
    origin: str = code(StrategyOrigin.values, StrategyOrigin.OPEN_CASE.value)
    contact_id: int | None = None
    assessment_id: int | None = None
    involvement_id: int | None = None
    held_on: date
    participants: list[ParticipantIn]
    information_shared: str = Field(max_length=TEXT_MAX)
    decision: str = code(StrategyDecision.values)
    decision_reasons: str = Field(max_length=TEXT_MAX)
    actions: list[ActionIn] = []


class ParticipantOut(Schema):
    name: str
    agency: str
    agency_kind: str
    role: str


class ActionOut(Schema):
    id: int
    action: str
    owner: str
    owner_user_id: int | None
    due_on: date | None
    done_on: date | None


class DiscussionOut(Schema):
    id: int
    person_id: UUID
    origin: str
    contact_id: int | None
    assessment_id: int | None
    involvement_id: int | None
    held_on: date
    information_shared: str
    decision: str
    decision_label: str
    decision_reasons: str
    participants: list[ParticipantOut]
    actions: list[ActionOut]
    enquiry_id: int | None
    recorded_by: str
    recorded_at: datetime


class DiscussionList(Schema):
    person_id: UUID
    discussions: list[DiscussionOut]


class S47WorkerIn(Schema):
    kind: str = code(WorkerKind.values)
    user_id: int | None = None
    name: str = Field("", max_length=NAME_MAX)
    agency: str = Field("", max_length=NAME_MAX)


class S47VisitIn(Schema):
    visited_at: datetime
    place: str = Field(max_length=200)
    child_seen: bool
    child_seen_alone: bool = False
    notes: str = Field(max_length=TEXT_MAX)
    workers: list[S47WorkerIn]
    #: A joint enquiry only: the police could not attend this visit, and why (R-TWO-1).
    police_could_not_attend: bool = False
    police_absence_reason: str = Field("", max_length=TEXT_MAX)


class S47WorkerOut(Schema):
    kind: str
    kind_label: str
    user_id: int | None
    name: str
    agency: str


class S47VisitOut(Schema):
    id: int
    enquiry_id: int
    visited_at: datetime
    place: str
    child_seen: bool
    child_seen_alone: bool
    notes: str
    workers: list[S47WorkerOut]
    police_could_not_attend: bool
    police_absence_reason: str
    recorded_by: str
    recorded_at: datetime


class ProposalOut(Schema):
    """An outcome proposed by a worker: ``awaiting`` a team manager's authorisation, or
    ``returned`` by one with the reason (R-CP-1)."""

    state: str
    outcome: str
    outcome_label: str
    reasons: str
    outcome_on: date | None
    proposed_by: str
    proposed_at: datetime | None
    returned_reason: str
    returned_by: str
    returned_at: datetime | None


class EnquiryOut(Schema):
    id: int
    person_id: UUID
    strategy_discussion_id: int
    joint: bool
    started_on: date
    icpc_due: date
    icpc_overdue: bool
    outcome: str
    outcome_label: str
    outcome_reasons: str
    outcome_on: date | None
    outcome_authorised_by: str
    outcome_authorised_at: datetime | None
    proposed_outcome: ProposalOut | None
    version: int
    visits: list[S47VisitOut]


class S47OutcomeIn(Schema):
    outcome: str = code(S47Outcome.values)
    reasons: str = Field("", max_length=TEXT_MAX)
    outcome_on: date


class S47OutcomeDecisionIn(Schema):
    decision: str = code([AUTHORISE, RETURN])
    reason: str = Field("", max_length=TEXT_MAX, description="Required when returning")

