"""API shapes for assessments: no more than the assessment page shows.
(No ``from __future__ import annotations``: django-ninja reads the annotations.)"""

from datetime import date, datetime

from hearth.assessments.codes import FACTOR_LABELS, Outcome
from hearth.core.schemas import Schema, code, codes, may_omit


class AssessmentOut(Schema):
    id: int
    child_id: str
    involvement_id: int
    referral_date: date
    due: datetime
    status: str
    summary: str
    analysis: str
    outcome: str
    factors: list[str]
    source_gaps: list[str]
    manager_comment: str
    version: int


class AssessmentPatch(Schema):
    """Change the parts sent (leave a part out to keep it; null is not a value)."""

    summary: str = may_omit()
    analysis: str = may_omit()
    outcome: str = code(Outcome.values, None, blank=True)
    factors: list[str] = codes(FACTOR_LABELS, None)


class AssessmentManagerIn(Schema):
    comment: str = ""
