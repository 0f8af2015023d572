"""API shapes for professional differences (R-PD-1..3). (No ``from __future__ import
annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema, code, may_omit
from hearth.differences import rules
from hearth.differences.codes import AgencyKind, RaisedBefore, Status


class DifferenceIn(Schema):
    """Raise a difference about a decision or practice for a child you may see (R-PD-2):
    what it was, who made it and in which agency (``decision_partner_id``: the partner agency
    in Hearth, when it is one, so that its partners see the difference), why you disagree,
    and where you raised it first (with a note for ``other``), or why the child's timescale
    did not allow it (``not_raised``, with a note)."""

    person_id: UUID
    decision: str = Field(max_length=rules.TEXT_MAX)
    decision_by: str = Field(max_length=rules.NAME_MAX)
    decision_agency: str = code(AgencyKind.values)
    decision_partner_id: int = may_omit()
    why: str = Field(max_length=rules.TEXT_MAX)
    raised_before: str = code(RaisedBefore.values)
    raised_before_note: str = Field("", max_length=rules.TEXT_MAX)


class StageOutcomeIn(Schema):
    """The current stage's outcome (R-PD-2): when, who took part, with whom, what was
    discussed and whether it resolved the difference; at stage 5, who chaired the safeguarding
    partnership's resolution meeting (and it is resolved). Sent again, it corrects it."""

    held_on: date
    who: str = Field(max_length=rules.PEOPLE_MAX)
    with_whom: str = Field(max_length=rules.PEOPLE_MAX)
    discussed: str = Field(max_length=rules.DISCUSSION_MAX)
    resolved: bool
    chaired_by: str = Field("", max_length=rules.NAME_MAX)


class EscalateIn(Schema):
    """Start the next stage, led by ``owner_id`` (left out: the caller)."""

    owner_id: int = may_omit()


class ResolveIn(Schema):
    """What was agreed, and who tells the child's allocated worker (a user id)."""

    agreed: str = Field(max_length=rules.TEXT_MAX)
    teller_id: int


class WorkerToldIn(Schema):
    told_on: date


class StageOut(Schema):
    number: int
    name: str
    started_at: datetime
    started_by: str
    due_at: datetime
    overdue: bool
    owner_id: int
    owner: str
    held_on: date | None = None
    who: str
    with_whom: str
    discussed: str
    resolved: bool | None = None
    chaired_by: str
    outcome_by: str | None = None
    outcome_at: datetime | None = None


class DifferenceOut(Schema):
    id: int
    person_id: UUID
    person_name: str
    status: str = code(Status.values)
    raised_by_id: int
    raised_by: str
    raised_at: datetime
    raiser_agency: str = code(AgencyKind.values)
    raiser_agency_name: str
    decision: str
    decision_by: str
    decision_agency: str = code(AgencyKind.values)
    decision_partner_id: int | None = None
    decision_partner: str | None = None
    why: str
    raised_before: str = code(RaisedBefore.values)
    raised_before_note: str
    stage: int
    stage_due_at: datetime
    stage_overdue: bool
    stages: list[StageOut]
    agreed: str
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    working_days_to_resolve: int | None = None
    worker_id: int | None = None
    worker: str | None = None
    teller_id: int | None = None
    teller: str | None = None
    worker_told_on: date | None = None
    version: int
