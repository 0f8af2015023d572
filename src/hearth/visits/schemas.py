"""API shapes for visits: no more than the visits page shows. Date-times must carry their
offset (a naive one is ambiguous across the clock change: 422 with an example). Coded answers
(kind, outcome) list their codes; limits are the model's."""

from datetime import datetime
from uuid import UUID

from pydantic import Field, field_validator

from hearth.core.schemas import Schema, code, may_omit
from hearth.visits.codes import Engagement, VisitKind, VisitPurpose

TEXT = 10000
AWARE_EXAMPLE = ("must be an ISO 8601 date-time with its offset, for example "
                 "2026-11-19T07:45:00+00:00")


def aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(AWARE_EXAMPLE)
    return value


class VisitAmendmentOut(Schema):
    field: str
    field_label: str
    before: str = Field(description="As the visit page showed it")
    after: str
    reason: str
    amended_by: str
    amended_at: datetime


PURPOSE = ("What the visit was for: a statutory CIN, CP or looked-after visit counts "
           "towards its plan's visit frequency; the rest count towards none")
REASON = ("Why the child was not seen alone: needed for a statutory visit (cin, cp, "
          "looked_after) at which the child was seen but not alone")


class VisitOut(Schema):
    id: int
    person_id: UUID
    purpose: str = Field(description=PURPOSE)
    kind: str
    starts_at: datetime
    timing_band: str = Field(description="When it started, Europe/London (R-RES-5): "
                                         "early_morning, office_hours, evening or "
                                         "weekend_or_holiday")
    place: str
    who_present: str
    child_seen: bool
    child_seen_alone: bool
    not_seen_alone_reason: str
    bedroom_seen: bool
    home_conditions: str
    parent_child_interaction: str
    what_was_said: str
    unknown_adult_seen: bool
    unknown_adult_details: str
    outcome: str
    joint_worker: str | None = Field(description="The colleague who went too, if any")
    recorded_by: str
    recorded_at: datetime
    amendments: list[VisitAmendmentOut] = Field(description="Corrections, oldest first (R-REC-4)")
    recorded_with: list[int] = Field(
        description="The visits to other children of the family recorded at once with this "
                    "one, those you may see")
    version: int


class VisitList(Schema):
    person_id: UUID
    vary_timing: bool = Field(description="Every recent visit was in weekday office hours: "
                                          "vary the timing (R-RES-5)")
    visits: list[VisitOut]


class VisitIn(Schema):
    """A visit to a child (R-REC-6). ``recorded_by`` and ``recorded_at`` are the system's."""

    person_id: UUID
    purpose: str = code(VisitPurpose.values, VisitPurpose.OTHER, description=PURPOSE)
    kind: str = code(VisitKind.values)
    starts_at: datetime = Field(description="With its offset, e.g. 2026-11-19T07:45:00+00:00")
    place: str = Field(max_length=200)
    who_present: str = Field("", max_length=TEXT)
    child_seen: bool
    child_seen_alone: bool = False
    not_seen_alone_reason: str = Field("", max_length=TEXT, description=REASON)
    bedroom_seen: bool = False
    home_conditions: str = Field("", max_length=TEXT)
    parent_child_interaction: str = Field("", max_length=TEXT)
    what_was_said: str = Field("", max_length=TEXT)
    unknown_adult_seen: bool = False
    unknown_adult_details: str = Field("", max_length=TEXT)
    outcome: str = code(Engagement.values, description="How the visit went")
    joint_worker_id: int | None = Field(
        None, ge=1, description="The colleague who went too (a user id); a visit to a family "
        "whose warning asks for two workers is not a lone visit when one is named (R-SAFE-2)")

    _starts_at = field_validator("starts_at")(aware)


class ChildPartIn(Schema):
    """One child's own part of a visit to the family (R-REC-6)."""

    person_id: UUID
    child_seen: bool
    child_seen_alone: bool = False
    bedroom_seen: bool = False
    what_was_said: str = Field("", max_length=TEXT)
    parent_child_interaction: str = Field("", max_length=TEXT)
    purpose: str = code(VisitPurpose.values, VisitPurpose.OTHER, description=PURPOSE)
    not_seen_alone_reason: str = Field("", max_length=TEXT, description=REASON)


class FamilyVisitIn(Schema):
    """One visit to several children of a family, recorded once (issue 15): the shared part
    once, each child's own part in ``children``. Every child gets a visit of their own."""

    kind: str = code(VisitKind.values)
    starts_at: datetime = Field(description="With its offset, e.g. 2026-11-19T07:45:00+00:00")
    place: str = Field(max_length=200)
    who_present: str = Field("", max_length=TEXT)
    home_conditions: str = Field("", max_length=TEXT)
    unknown_adult_seen: bool = False
    unknown_adult_details: str = Field("", max_length=TEXT)
    outcome: str = code(Engagement.values, description="How the visit went")
    joint_worker_id: int | None = Field(None, ge=1, description="The colleague who went too")
    children: list[ChildPartIn] = Field(
        min_length=1, max_length=20,
        description="The children of one family who were part of the visit, each once")

    _starts_at = field_validator("starts_at")(aware)


class FamilyVisitOut(Schema):
    visits: list[VisitOut] = Field(description="One visit for each child, in the order sent")


class VisitAmendIn(Schema):
    """Correct a visit (R-REC-4): why, and the parts sent as they should read (leave a part out
    to keep it; null is not a value). Each changed part is shown on the visit with who
    corrected it, when, why, and what it said before."""

    reason: str = Field(max_length=2000, description="Why the visit is being corrected")
    kind: str = code(VisitKind.values, None)
    purpose: str = code(VisitPurpose.values, None, description=PURPOSE)
    starts_at: datetime = may_omit()
    place: str = may_omit(max_length=200)
    who_present: str = may_omit(max_length=TEXT)
    child_seen: bool = may_omit()
    child_seen_alone: bool = may_omit()
    not_seen_alone_reason: str = may_omit(max_length=TEXT)
    bedroom_seen: bool = may_omit()
    home_conditions: str = may_omit(max_length=TEXT)
    parent_child_interaction: str = may_omit(max_length=TEXT)
    what_was_said: str = may_omit(max_length=TEXT)
    unknown_adult_seen: bool = may_omit()
    unknown_adult_details: str = may_omit(max_length=TEXT)
    outcome: str = code(Engagement.values, None)
    to_all: bool = Field(False, description="Make the same correction of the shared parts "
                         "to the visits to the other children recorded with this one (each "
                         "gets its own amendment); a child's own parts are never copied")

    _starts_at = field_validator("starts_at")(aware)
