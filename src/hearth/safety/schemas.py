"""API shapes for worker-safety warnings (R-SAFE-1)."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema, code
from hearth.safety.codes import WarningKind


class WorkerSafetyWarningOut(Schema):
    """A warning as the caller may see it. ``redacted``: it is about someone in the family
    whose record the caller may not open, so only its type and whether visits need two
    workers are given."""

    id: int
    kind: str
    kind_label: str
    about: str
    in_family: bool
    redacted: bool
    person_id: UUID | None = None
    address: str | None = None
    profession: str | None = None
    what_happened: str | None = None
    source: str | None = None
    occurred_on: date | None = None
    disclosed_to_person: bool | None = None
    not_disclosed_reason: str | None = None
    requires_joint_visit: bool
    status: str
    review_on: date | None = None
    review_due: bool


class WarningDetailOut(Schema):
    id: int
    person_id: UUID | None
    address: str | None
    kind: str
    profession: str
    what_happened: str
    source: str
    occurred_on: date
    disclosed_to_person: bool
    not_disclosed_reason: str
    requires_joint_visit: bool
    status: str
    review_on: date
    review_due: bool
    recorded_by: str
    recorded_at: datetime
    signed_off_by: str | None
    signed_off_at: datetime | None
    ended_at: datetime | None
    end_reason: str
    version: int


class WarningIn(Schema):
    """A new warning about a person, or (``at_address``) about the address they live at."""

    person_id: UUID
    at_address: bool = False
    kind: str = code(WarningKind.values)
    profession: str = Field("", max_length=100)
    what_happened: str = Field(..., max_length=10_000)
    source: str = Field("", max_length=200)
    occurred_on: date | None = None
    disclosed_to_person: bool | None = None
    not_disclosed_reason: str = Field("", max_length=10_000)
    requires_joint_visit: bool = False
    review_on: date | None = None


class WarningReviewIn(Schema):
    review_on: date | None = None
    note: str = Field("", max_length=10_000)


class WarningEndIn(Schema):
    reason: str = Field("", max_length=10_000)
