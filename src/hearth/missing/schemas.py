"""API shapes for missing episodes: no more than the episode's page shows. Date-times carry
their offset (422 with an example otherwise); MISSING is M or A (422 naming ``kind``)."""

from datetime import datetime
from uuid import UUID

from pydantic import Field, field_validator

from hearth.core.schemas import Schema, code
from hearth.missing.codes import MissingKind

TEXT = 300
AWARE_EXAMPLE = ("must be an ISO 8601 date-time with its offset, for example "
                 "2026-11-19T07:45:00+00:00")


def aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(AWARE_EXAMPLE)
    return value


class MissingEpisodeOut(Schema):
    id: int
    person_id: UUID
    kind: str = Field(description="SSDA903 MISSING: M missing, A away without authorisation")
    started_at: datetime = Field(description="MIS_START")
    reported_by: str
    ended_at: datetime | None = Field(description="MIS_END: empty while still missing")
    where_found: str
    interview_due: datetime | None = Field(
        description="72 hours after the return (R-CLA-6), once the child has returned")
    interview_offered_at: datetime | None
    interview_accepted: bool | None
    interview_held_at: datetime | None
    interview_by: str
    interview_learned: str
    recorded_by: str
    recorded_at: datetime
    version: int


class MissingEpisodeList(Schema):
    person_id: UUID
    episodes: list[MissingEpisodeOut]


class MissingEpisodeIn(Schema):
    person_id: UUID
    kind: str = code(MissingKind.values)
    started_at: datetime
    reported_by: str = Field(max_length=TEXT)
    ended_at: datetime | None = None
    where_found: str = Field("", max_length=TEXT)

    _aware = field_validator("started_at", "ended_at")(aware)


class MissingReturnIn(Schema):
    ended_at: datetime
    where_found: str = Field("", max_length=TEXT)

    _aware = field_validator("ended_at")(aware)


class ReturnInterviewIn(Schema):
    offered_at: datetime
    accepted: bool
    held_at: datetime | None = None
    held_by: str = Field("", max_length=TEXT)
    learned: str = Field("", max_length=10000)

    _aware = field_validator("offered_at", "held_at")(aware)
