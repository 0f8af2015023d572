"""API shapes for case notes: no more than the case note pages show. The author and time of
recording are the system's and never an input (R-REC-2); the opinion is its own part with what
informed it (R-REC-3). Date-times carry their offset (a naive one gets 422 with an example)."""

from datetime import datetime
from uuid import UUID

from pydantic import Field, field_validator

from hearth.core.schemas import Schema, code, may_omit
from hearth.records.codes import AMENDABLE_FIELDS

TEXT = 20000
PLACE = 200
AWARE_EXAMPLE = ("must be an ISO 8601 date-time with its offset, for example "
                 "2026-11-16T15:30:00+00:00")


def aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(AWARE_EXAMPLE)
    return value


class NoteAmendmentOut(Schema):
    field: str
    field_label: str
    before: str
    after: str
    reason: str
    amended_by: str
    amended_at: datetime


class NoteOut(Schema):
    id: int
    person_id: UUID
    status: str = Field(description="draft or finalised")
    occurred_at: datetime
    place: str
    who_said_what: str
    worker_said: str
    actions_taken: str
    referrals_made: str
    agency_response: str
    opinion: str
    opinion_basis: str
    significant_event: bool
    author: str
    recorded_at: datetime
    finalised_at: datetime | None
    amendments: list[NoteAmendmentOut] = Field(description="Oldest first (R-REC-4)")
    written_with: list[int] = Field(
        description="The notes about other children of the family written at once with this "
                    "one, those you may see")
    version: int


class NoteList(Schema):
    person_id: UUID
    notes: list[NoteOut]


class NoteIn(Schema):
    """A draft case note about ``person_id`` (R-REC-1)."""

    person_id: UUID
    occurred_at: datetime = Field(description="With its offset, e.g. 2026-11-16T15:30:00Z")
    place: str = Field(max_length=PLACE)
    who_said_what: str = Field(max_length=TEXT)
    worker_said: str = Field("", max_length=TEXT)
    actions_taken: str = Field("", max_length=TEXT)
    referrals_made: str = Field("", max_length=TEXT)
    agency_response: str = Field("", max_length=TEXT)
    opinion: str = Field("", max_length=TEXT)
    opinion_basis: str = Field("", max_length=TEXT, description="Required with an opinion")
    significant_event: bool = False

    _occurred_at = field_validator("occurred_at")(aware)


class NotePatch(Schema):
    """Change the draft's fields sent (leave a field out to keep it; null is not a value)."""

    occurred_at: datetime = may_omit()
    place: str = may_omit(max_length=PLACE)
    who_said_what: str = may_omit(max_length=TEXT)
    worker_said: str = may_omit(max_length=TEXT)
    actions_taken: str = may_omit(max_length=TEXT)
    referrals_made: str = may_omit(max_length=TEXT)
    agency_response: str = may_omit(max_length=TEXT)
    opinion: str = may_omit(max_length=TEXT)
    opinion_basis: str = may_omit(max_length=TEXT)
    significant_event: bool = may_omit()

    _occurred_at = field_validator("occurred_at")(aware)


class NoteAmendIn(Schema):
    """A visible correction of a finalised note (R-REC-4): which part, the whole part as it
    should read, and why."""

    field: str = code(AMENDABLE_FIELDS, description="The part to correct")
    new_value: str = Field(max_length=TEXT, description="The whole part as it should read; "
                           "for occurred_at an ISO 8601 date-time with its offset")
    reason: str = Field(max_length=TEXT)
    to_all: bool = Field(False, description="Make the same amendment to the finalised notes "
                         "written with this one (each gets its own amendment); refused for a "
                         "child's own part (who_said_what)")


class ChildNoteIn(Schema):
    """One child's own part of a note about the family (R-REC-1)."""

    person_id: UUID
    who_said_what: str = Field(max_length=TEXT)
    significant_event: bool = False


class FamilyNoteIn(Schema):
    """One draft case note about several children of a family, written once (issue 15): the
    shared part once, each child's own part in ``children``."""

    occurred_at: datetime = Field(description="With its offset, e.g. 2026-11-16T15:30:00Z")
    place: str = Field(max_length=PLACE)
    worker_said: str = Field("", max_length=TEXT)
    actions_taken: str = Field("", max_length=TEXT)
    referrals_made: str = Field("", max_length=TEXT)
    agency_response: str = Field("", max_length=TEXT)
    opinion: str = Field("", max_length=TEXT)
    opinion_basis: str = Field("", max_length=TEXT, description="Required with an opinion")
    children: list[ChildNoteIn] = Field(min_length=1, max_length=20,
                                        description="The children of one family, each once")

    _occurred_at = field_validator("occurred_at")(aware)


class FamilyNoteOut(Schema):
    notes: list[NoteOut] = Field(description="One draft for each child, in the order sent")
