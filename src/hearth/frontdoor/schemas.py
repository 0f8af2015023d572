"""API shapes for the front door and the MASH; messages name the field and the problem. Coded
answers (channel, referral source, urgency, primary need, outcome, scope, RAG, consent) list
their codes in the document; lengths are the model's."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import Field, field_validator

from hearth.casework.codes import PrimaryNeed
from hearth.core.schemas import Schema, code
from hearth.frontdoor.codes import (
    CallerKind,
    Channel,
    ConsentStatus,
    MashScope,
    Outcome,
    Rag,
    ReferralSource,
    Urgency,
)


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise ValueError("must be an ISO 8601 date-time with its offset, for example "
                         "2026-11-17T10:30:00+00:00")
    return value


class PersonLink(Schema):
    person_id: UUID
    role: Literal["child", "adult"]


class ContactIn(Schema):
    """A contact from a partner system (R-FD-1, R-FD-2). ``received_at`` is an ISO 8601
    date-time with its offset, for example 2026-11-17T10:30:00+00:00."""

    received_at: datetime
    channel: str = code(Channel.values, Channel.PARTNER_SYSTEM.value)
    caller_kind: str = code(CallerKind.values, CallerKind.PROFESSIONAL.value)
    caller_name: str = Field(max_length=150)
    caller_agency: str = Field("", max_length=150)
    caller_role: str = Field("", max_length=150)
    caller_contact: str = Field(max_length=200)
    caller_email: str = Field("", max_length=254)
    caller_relationship: str = Field("", max_length=150)
    referral_source: str = code(ReferralSource.values, description="The DfE code")
    worries: str = Field(max_length=20000)
    strengths: str = Field("", max_length=20000)
    caller_actions: str = Field("", max_length=20000)
    child_words: str = Field("", max_length=20000)
    questions_asked: str = Field("", max_length=20000)
    advice_given: str = Field("", max_length=20000)
    urgency: str = code(Urgency.values, description="No default: the caller chooses (R-FD-4)")
    family_aware: bool
    family_told_sharing: bool
    not_told_reason: str = Field("", max_length=20000)
    primary_need: str = code(PrimaryNeed.values, "", blank=True)
    people: list[PersonLink] = []

    _received_at = field_validator("received_at")(_aware)

    @field_validator("caller_email")
    @classmethod
    def _email(cls, v: str) -> str:
        if v and ("@" not in v or " " in v.strip()):
            raise ValueError("is not an email address")
        return v.strip()


class LinkOut(Schema):
    person_id: UUID
    role: str


class ContactDecisionOut(Schema):
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
    decisions: list[ContactDecisionOut]


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
    scope: str = code(MashScope.values)
    rag: str = code(Rag.values)
    agency_ids: list[int] = Field([], description="The partner agencies to ask (targeted)")


class ContactDecisionIn(Schema):
    outcome: str = code(Outcome.values)
    rationale: str = Field(max_length=20000)
    advice: str = Field("", max_length=20000)
    referrer_plan: str = Field("", max_length=20000)
    team_id: int | None = None
    primary_need: str = code(PrimaryNeed.values, "", blank=True)
    mash: MashIn | None = None
    expected_version: int | None = None


class DecisionReturnIn(Schema):
    comment: str = Field("", max_length=4000)


class ConsentIn(Schema):
    person_id: UUID
    status: str = code(ConsentStatus.values)
    sought_by: str = Field("", max_length=150)
    answered_on: datetime | None = None
    note: str = Field("", max_length=2000)

    _answered_on = field_validator("answered_on")(_aware)


class ConsentOut(Schema):
    person_id: UUID
    status: str = code(ConsentStatus.values)
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


class MashStartIn(Schema):
    question: str = Field("", max_length=4000)


class AnalysisIn(Schema):
    analysis: str = Field("", max_length=10000)


class AnalysisReturnIn(Schema):
    reason: str = Field("", max_length=4000)


class MashSubjectOut(Schema):
    name: str
    date_of_birth: str
    address: str
    role: str


class MashRequestOut(Schema):
    """What a partner sees: the minimum to find their records (R-MASH-4)."""

    id: int
    agency: str
    subjects: list[MashSubjectOut]
    question: str
    due_at: datetime
    is_late: bool
    answer: str
    sources: str
    information_date: date | None
    answered_at: datetime | None


class MashRequestList(Schema):
    waiting: list[MashRequestOut]
    answered: list[MashRequestOut]


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
    requests: list[MashRequestOut]
    analysis: str
    analysed_by: str | None = None
    analysed_at: datetime | None = None
    signed_off_by: str | None = None
    signed_off_at: datetime | None = None
    returned_by: str | None = None
    returned_at: datetime | None = None
    return_reason: str = ""
