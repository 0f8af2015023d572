"""API shapes for the front door and the MASH; messages name the field and the problem. Coded
answers the domain checks (referral source, primary need, outcome, scope, RAG, consent) are
plain strings here so that the domain's own message reaches the caller."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import Field, field_validator

from hearth.core.schemas import Schema
from hearth.frontdoor.codes import CallerKind, Channel, Urgency


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise ValueError("must be an ISO 8601 date-time with its offset, for example "
                         "2026-11-17T10:30:00+00:00")
    return value


def _one_of(value: str, choices: list[str]) -> str:
    if value not in choices:
        raise ValueError(f"must be one of {', '.join(choices)}")
    return value


class PersonLink(Schema):
    person_id: UUID
    role: Literal["child", "adult"]


class ContactIn(Schema):
    """A contact from a partner system (R-FD-1, R-FD-2). ``received_at`` is an ISO 8601
    date-time with its offset, for example 2026-11-17T10:30:00+00:00."""

    received_at: datetime
    channel: str = Channel.PARTNER_SYSTEM.value
    caller_kind: str = CallerKind.PROFESSIONAL.value
    caller_name: str = Field(max_length=150)
    caller_agency: str = Field("", max_length=150)
    caller_role: str = Field("", max_length=150)
    caller_contact: str = Field(max_length=200)
    caller_email: str = Field("", max_length=254)
    caller_relationship: str = Field("", max_length=150)
    referral_source: str = Field(max_length=10)
    worries: str = Field(max_length=20000)
    strengths: str = Field("", max_length=20000)
    caller_actions: str = Field("", max_length=20000)
    child_words: str = Field("", max_length=20000)
    questions_asked: str = Field("", max_length=20000)
    advice_given: str = Field("", max_length=20000)
    urgency: str = Field(description="immediate, today or routine: no default, the caller "
                         "chooses (R-FD-4)")
    family_aware: bool
    family_told_sharing: bool
    not_told_reason: str = Field("", max_length=20000)
    primary_need: str = Field("", max_length=10)
    people: list[PersonLink] = []

    _received_at = field_validator("received_at")(_aware)

    @field_validator("channel")
    @classmethod
    def _channel(cls, v: str) -> str:
        return _one_of(v, Channel.values)

    @field_validator("caller_kind")
    @classmethod
    def _caller_kind(cls, v: str) -> str:
        return _one_of(v, CallerKind.values)

    @field_validator("urgency")
    @classmethod
    def _urgency(cls, v: str) -> str:
        return _one_of(v, Urgency.values)

    @field_validator("caller_email")
    @classmethod
    def _email(cls, v: str) -> str:
        if v and ("@" not in v or " " in v.strip()):
            raise ValueError("is not an email address")
        return v.strip()


class LinkOut(Schema):
    person_id: UUID
    role: str


class DecisionOut(Schema):
    id: int
    contact_id: int
    outcome: str
    status: str
    rationale: str
    team_id: int | None
    proposed_by: str
    proposed_at: datetime
    reviewed_by: str | None
    reviewed_at: datetime | None
    manager_comment: str
    contact_status: str


class ContactOut(Schema):
    id: int
    reference: str
    status: str
    is_edt: bool
    received_at: datetime
    decision_due: datetime
    handover_at: datetime | None
    channel: str
    caller_kind: str
    caller_name: str
    caller_agency: str
    referral_source: str
    urgency: str
    worries: str
    family_aware: bool
    family_told_sharing: bool
    primary_need: str
    version: int
    people: list[LinkOut]
    decisions: list[DecisionOut]


class ContactSummaryOut(Schema):
    """A contact in the list of those waiting (R-FD-4): immediate first, then soonest due."""

    id: int
    reference: str
    status: str
    urgency: str
    is_edt: bool
    received_at: datetime
    decision_due: datetime
    overdue: bool


class MashIn(Schema):
    scope: str
    rag: str
    agency_ids: list[int] = []


class DecisionIn(Schema):
    outcome: str
    rationale: str = Field(max_length=20000)
    advice: str = Field("", max_length=20000)
    referrer_plan: str = Field("", max_length=20000)
    team_id: int | None = None
    primary_need: str = Field("", max_length=10)
    mash: MashIn | None = None
    expected_version: int | None = None


class ReturnIn(Schema):
    comment: str = Field("", max_length=4000)


class ConsentIn(Schema):
    person_id: UUID
    status: str
    sought_by: str = Field("", max_length=150)
    answered_on: datetime | None = None
    note: str = Field("", max_length=2000)

    _answered_on = field_validator("answered_on")(_aware)


class ConsentOut(Schema):
    person_id: UUID
    status: str
    sought_by: str
    answered_on: datetime | None
    recorded_at: datetime


class OverrideIn(Schema):
    justification: str = Field("", max_length=4000)


class OverrideOut(Schema):
    justification: str
    requested_by: str
    requested_at: datetime
    approved_by: str | None
    approved_at: datetime | None
    out_of_hours: bool


class StartIn(Schema):
    question: str = Field("", max_length=4000)


class AnalysisIn(Schema):
    analysis: str = Field("", max_length=10000)


class AnalysisReturnIn(Schema):
    reason: str = Field("", max_length=4000)


class Subject(Schema):
    name: str
    date_of_birth: str
    address: str
    role: str


class RequestOut(Schema):
    """What a partner sees: the minimum to find their records (R-MASH-4)."""

    id: int
    agency: str
    subjects: list[Subject]
    question: str
    due_at: datetime
    is_late: bool
    answer: str
    sources: str
    information_date: date | None
    answered_at: datetime | None


class RequestList(Schema):
    waiting: list[RequestOut]
    answered: list[RequestOut]


class AnswerIn(Schema):
    answer: str = Field("", max_length=10000)
    sources: str = Field("", max_length=500)
    information_date: date | None = None


class MashOut(Schema):
    contact_id: int
    contact_status: str
    status: str
    scope: str
    rag: str
    agencies: list[str]
    consents: list[ConsentOut]
    people_with_pr: list[UUID]
    override: OverrideOut | None
    requests: list[RequestOut]
    analysis: str
    analysed_by: str | None = None
    analysed_at: datetime | None = None
    signed_off_by: str | None = None
    signed_off_at: datetime | None = None
    returned_by: str | None = None
    returned_at: datetime | None = None
    return_reason: str = ""
