"""What the looked-after API takes and gives for periods of care, episodes and placements
(R-CLA-1, R-CLA-7): SSDA903 codes, listed in the OpenAPI document; anything else is 422
naming the field. (No ``from __future__ import annotations``: django-ninja reads them.)"""

from datetime import date, datetime
from typing import Any

from pydantic import Field

from hearth.core.schemas import Schema, code
from hearth.looked_after.codes import (
    CategoryOfNeed,
    EntryRoute,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonPlaceChange,
)


class PlacementIn(Schema):
    placement_type: str = code(PlacementType.values)
    provider: str = code(PlacementProvider.values, "", blank=True)
    provider_name: str = Field("", max_length=200)
    urn: str = Field("", max_length=8)
    address: str = Field("", max_length=500)
    postcode: str = Field("", max_length=10)
    address_hidden: bool = False
    carer_name: str = Field("", max_length=200)
    long_term: bool = False


class StartIn(Schema):
    """The child became looked after: the period, its first placement (from the same day)
    and the first episode (RNE S). ``entered_from_ref`` names the record it was decided at
    ("strategy:12", "conference:3", "front_door:40", "court_order:<chronology entry>")."""

    started_on: date
    legal_status: str = code(LegalStatus.values)
    category_of_need: str = code(CategoryOfNeed.values)
    home_postcode: str = Field("", max_length=10)
    entered_from: str = code(EntryRoute.values)
    entered_from_ref: str = Field("", max_length=60)
    placement: PlacementIn
    placement_started_on: date | None = None


class ChangeIn(Schema):
    """A change of legal status, of placement (``placement`` given), or both, from
    ``changed_on``; ``reason_changed`` for a move (R-CLA-7)."""

    changed_on: date
    legal_status: str = code(LegalStatus.values)
    placement: PlacementIn | None = None
    same_carer: bool = False
    reason_changed: str = code(ReasonPlaceChange.values, "", blank=True)


class CeaseIn(Schema):
    ceased_on: date
    reason_ceased: str = code([c for c in ReasonEpisodeCeased.values if c != "X1"])


class AmendIn(Schema):
    """A correction of one episode or one placement of the period, with why."""

    episode_id: int | None = None
    placement_id: int | None = None
    changes: dict[str, Any]
    reason: str = Field(max_length=2000)


class PlacementOut(Schema):
    id: int
    started_on: date
    ended_on: date | None
    placement_type: str
    provider: str
    provider_name: str
    urn: str
    address: str | None
    postcode: str | None
    address_hidden: bool
    carer_name: str
    long_term: bool
    reason_changed: str


class EpisodeOut(Schema):
    id: int
    placement_id: int
    started_on: date
    ended_on: date | None
    reason_new: str
    legal_status: str
    reason_ceased: str


class AmendmentOut(Schema):
    episode_id: int | None
    placement_id: int | None
    field: str
    before: str
    after: str
    reason: str
    amended_by: str
    amended_at: datetime


class PeriodOut(Schema):
    id: int
    child_id: str
    started_on: date
    ended_on: date | None
    reason_ceased: str
    category_of_need: str
    home_postcode: str
    entered_from: str
    entered_from_ref: str
    iro: str | None
    version: int
    episodes: list[EpisodeOut]
    placements: list[PlacementOut]
    amendments: list[AmendmentOut]


class ChildCareOut(Schema):
    child_id: str
    looked_after: bool
    uasc: bool
    uasc_ceased_on: date | None
    periods: list[PeriodOut]
