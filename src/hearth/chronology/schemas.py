"""API shapes for the chronology: no more than the chronology page shows.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime

from pydantic import Field

from hearth.chronology.codes import MANUAL_KINDS, Lane
from hearth.chronology.queries import MAX_PAGE_DIGITS, PAGE_SIZE
from hearth.chronology.rules import SOURCE_AGENCY_MAX, SOURCE_PERSON_MAX, SUMMARY_MAX
from hearth.core.schemas import Schema, code, codes, may_omit


class ChronologyFiguresOut(Schema):
    address_moves: int
    household_changes: int
    school_moves: int
    missed_visits: int
    contacts: int
    unknown_adults: int


class ChronologyEventOut(Schema):
    id: int
    person_id: str
    occurred_at: datetime
    time_known: bool
    kind: str
    kind_label: str
    lane: str
    summary: str
    source_agency: str
    source_person: str
    impact: str
    origin: str
    origin_id: str
    recorded_at: datetime
    version: int


class ChronologyOut(Schema):
    person_id: str
    scope: str
    total: int
    page: int
    page_count: int
    figures: ChronologyFiguresOut
    unstable: bool
    instability_reasons: list[str]
    events: list[ChronologyEventOut] = Field(max_length=PAGE_SIZE,
                                             description=f"At most {PAGE_SIZE} a page")


class ChronologyFilterParams(Schema):
    lane: list[str] = codes(Lane.values, [], description="May repeat")
    date_from: str = Field("", description="YYYY-MM-DD or DD/MM/YYYY", max_length=10)
    date_to: str = Field("", description="YYYY-MM-DD or DD/MM/YYYY", max_length=10)
    source: str = Field("", description="The source agency, as recorded")
    scope: str = code(["child", "family"], "child")
    order: str = code(["newest", "oldest"], "newest")
    page: int = Field(1, ge=1, le=10 ** MAX_PAGE_DIGITS - 1)


class ChronologyEntryIn(Schema):
    kind: str = code(MANUAL_KINDS)
    occurred_on: date
    summary: str = Field(max_length=SUMMARY_MAX)
    source_agency: str = Field(max_length=SOURCE_AGENCY_MAX)
    source_person: str = Field("", max_length=SOURCE_PERSON_MAX)
    impact: str = ""


class ChronologyCorrectionIn(Schema):
    """Why, and the parts sent as they should read (leave a part out to keep it; null is not a
    value)."""

    reason: str
    kind: str = code(MANUAL_KINDS, None)
    occurred_on: date = may_omit()
    summary: str = may_omit(max_length=SUMMARY_MAX)
    source_agency: str = may_omit(max_length=SOURCE_AGENCY_MAX)
    source_person: str = may_omit(max_length=SOURCE_PERSON_MAX)
    impact: str = may_omit()
