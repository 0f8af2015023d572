"""What the FGC API takes and gives (api.py). The limits are the pages' and the rules': the
reason is one of seed 003's codes; 1 to 6 questions of at most 500 characters each.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema, code
from hearth.fgc.codes import Ending, Reason
from hearth.fgc.rules.conferences import NOTES_MAX
from hearth.fgc.rules.referrals import MAX_QUESTIONS, MIN_QUESTIONS, QUESTION_MAX, TEXT_MAX

Question = Annotated[str, Field(max_length=QUESTION_MAX)]


class ReferralIn(Schema):
    """A professional refers a family (R-FGC-1, R-FGC-2): the children (siblings together),
    why (seed 003's reasons), what the family and coordinator need to know, the questions
    for the family, and that the process was explained and the family agreed (both must be
    true). ``domestic_abuse`` makes it a split conference."""

    children: list[UUID]
    reason: str = code(Reason.values)
    background: str = Field(max_length=TEXT_MAX)
    questions: list[Question] = Field(json_schema_extra={"minItems": MIN_QUESTIONS,
                                                         "maxItems": MAX_QUESTIONS})
    explained_on: date
    process_explained: bool
    family_agreed: bool
    domestic_abuse: bool = False
    split_requested: bool = False
    pre_proceedings: bool = False


class PlanDecisionIn(Schema):
    """The referrer agrees the family's plan, or says why not: it would place a child at
    risk (R-FGC-4)."""

    agreed: bool
    reason: str = Field("", max_length=NOTES_MAX)


class FgcEndIn(Schema):
    """Declined by the family, withdrawn by the referrer, or not held: with the reason."""

    outcome: str = code(Ending.values)
    reason: str = Field(max_length=NOTES_MAX)


class FgcChildOut(Schema):
    """A child of the FGC: ``id`` and ``name`` are null for a child whose record the caller
    may not open."""

    id: UUID | None = None
    name: str | None = None
    attendance: str
    attends_for: str
    supported_by: str
    wishes_and_feelings: str


class PlanItemOut(Schema):
    position: int
    who: str
    what: str
    by_when: date


class ReferralOut(Schema):
    id: int
    status: str
    status_label: str
    children: list[FgcChildOut]
    reason: str
    background: str
    questions: list[str]
    explained_on: date
    process_explained: bool
    family_agreed: bool
    domestic_abuse: bool
    split_conference: bool
    pre_proceedings: bool
    referred_by_id: int
    referred_by: str
    referred_at: datetime
    coordinator_id: int | None = None
    coordinator: str | None = None
    venue: str
    conference_at: datetime | None = None
    held_on: date | None = None
    items: list[PlanItemOut]
    review_on: date | None = None
    plan_agreed: bool | None = None
    plan_not_agreed_reason: str
    ended_reason: str
    version: int
