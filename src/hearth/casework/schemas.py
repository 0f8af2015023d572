"""API shapes for involvements: no more than the pages show (the person page, the family view,
the allocation queue and caseload). Coded answers (closure reason, secondary role) list their
codes in the document."""

from datetime import date
from uuid import UUID

from pydantic import Field

from hearth.casework.codes import ClosureReason, SecondaryRole
from hearth.core.schemas import Schema, code


class SecondaryWorkerOut(Schema):
    worker_id: int
    worker: str
    role: str
    start_date: date


class InvolvementOut(Schema):
    id: int
    person_id: UUID
    team_id: int
    team: str
    worker_id: int | None
    worker: str | None = Field(description="The allocated worker's name; null when waiting")
    status: str = Field(description="awaiting_allocation, open or closed")
    service: str
    primary_need: str
    urgency: str = Field(description="How soon the child needs a worker, from the referring "
                         "contact: immediate, today or routine; empty when not recorded")
    opened_on: date
    allocated_on: date | None
    closure_reason: str = Field(description="RC1 to RC9 once closed, else empty")
    secondary_workers: list[SecondaryWorkerOut] = Field(
        description="Co-allocated workers still working on the case (R-SVC-1)")
    version: int


class InvolvementList(Schema):
    person_id: UUID
    involvements: list[InvolvementOut]


class AllocateIn(Schema):
    worker_id: int = Field(description="An active social worker or advanced practitioner "
                                       "of the involvement's team")


class ReallocateIn(AllocateIn):
    reason: str = Field("", max_length=2000, description="Why the case is moving")


class CloseIn(Schema):
    reason: str = code(ClosureReason.values, description="DfE reason for closure")
    closed_on: date | None = Field(None, description="Defaults to today")


class SecondaryWorkerIn(Schema):
    worker_id: int
    role: str = code(SecondaryRole.values)
    start_date: date | None = Field(None, description="Defaults to today")
