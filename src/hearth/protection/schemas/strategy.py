"""What the child protection API takes and gives for strategy discussions, Section 47
enquiries, their visits and outcomes (api/strategy.py).
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from hearth.core.schemas import Schema
from hearth.protection.codes import StrategyOrigin


class ParticipantIn(Schema):
    name: str
    agency: str
    role: str = ""
    #: police, health, education, probation, housing, social_care; blank for another agency
    #: (a known partner agency's kind is filled in from its name).
    agency_kind: str = ""
    police: bool = False


class ActionIn(Schema):
    action: str
    owner: str = ""
    owner_user_id: int | None = None
    due_on: date | None = None


class DiscussionIn(Schema):
    origin: str = StrategyOrigin.OPEN_CASE
    contact_id: int | None = None
    assessment_id: int | None = None
    involvement_id: int | None = None
    held_on: date
    participants: list[ParticipantIn]
    information_shared: str
    decision: str
    decision_reasons: str
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


class WorkerIn(Schema):
    kind: str
    user_id: int | None = None
    name: str = ""
    agency: str = ""


class VisitIn(Schema):
    visited_at: datetime
    place: str
    child_seen: bool
    child_seen_alone: bool = False
    notes: str
    workers: list[WorkerIn]
    #: A joint enquiry only: the police could not attend this visit, and why (R-TWO-1).
    police_could_not_attend: bool = False
    police_absence_reason: str = ""


class WorkerOut(Schema):
    kind: str
    kind_label: str
    user_id: int | None
    name: str
    agency: str


class VisitOut(Schema):
    id: int
    enquiry_id: int
    visited_at: datetime
    place: str
    child_seen: bool
    child_seen_alone: bool
    notes: str
    workers: list[WorkerOut]
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
    visits: list[VisitOut]


class OutcomeIn(Schema):
    outcome: str
    reasons: str = ""
    outcome_on: date


class OutcomeDecisionIn(Schema):
    #: ``authorise`` or ``return``
    decision: str
    #: Required when returning.
    reason: str = ""

