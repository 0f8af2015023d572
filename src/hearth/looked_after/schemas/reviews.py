"""What the reviews API takes and gives (R-CLA-3). The participation is a REVIEW_CODE
(PN0-PN7); anything else is 422 naming the field. (No ``from __future__ import annotations``:
django-ninja reads the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field

from hearth.core.schemas import Schema, code
from hearth.looked_after.codes import Participation
from hearth.looked_after.rules.reviews import TEXT_MAX


class ReviewIn(Schema):
    """A review held by the child's IRO: its date (on or after the child became looked after),
    the child's participation (PN0 if and only if under 4 on that date), the decisions, the
    IRO's view and any concern (``open_difference``: raise it as a professional difference)."""

    held_on: date
    participation: str = code(Participation.values)
    decisions: str = Field(max_length=TEXT_MAX)
    iro_view: str = Field(max_length=TEXT_MAX)
    concern: str = Field("", max_length=TEXT_MAX)
    open_difference: bool = False


class ReviewChangeIn(Schema):
    """A correction of a review (If-Match: the review's ETag)."""

    held_on: date
    participation: str = code(Participation.values)
    decisions: str = Field(max_length=TEXT_MAX)
    iro_view: str = Field(max_length=TEXT_MAX)
    concern: str = Field("", max_length=TEXT_MAX)


class ReviewOut(Schema):
    id: int
    child_id: UUID
    held_on: date
    participation: str
    participation_label: str
    decisions: str
    iro_view: str
    concern: str
    difference_id: int | None
    recorded_by: str
    recorded_at: datetime
    version: int


class ChildReviewsOut(Schema):
    """The child's reviews (newest first) and the next one due."""

    child_id: UUID
    iro: str | None
    next_review: str
    next_review_due: date
    brought_forward: bool
    reviews: list[ReviewOut]
