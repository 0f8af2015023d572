"""What the LADO API takes and gives (api.py). Every name is the LADO's own (``Lado…``), so that
no other app's schema shares it. (No ``from __future__ import annotations``: django-ninja reads
the annotations.)"""

from datetime import date, datetime
from uuid import UUID

from pydantic import Field, field_validator

from hearth.core.schemas import Schema, code
from hearth.lado.codes import Outcome, Sector, Setting
from hearth.lado.rules.matters import CONTACT_MAX, LINE_MAX, NAME_MAX, TEXT_MAX

#: The most children one notification names.
CHILDREN_MAX = 50


def _aware(value: datetime | None) -> datetime | None:
    if value is not None and value.utcoffset() is None:
        raise ValueError("must be an ISO 8601 date-time with its offset, for example "
                         "2026-11-17T10:30:00+00:00")
    return value


class LadoSubjectIn(Schema):
    """The adult the allegation is about (R-LADO-3)."""

    given_name: str = Field(max_length=NAME_MAX)
    family_name: str = Field(max_length=NAME_MAX)
    date_of_birth: date | None = None
    employer: str = Field(max_length=LINE_MAX)
    role: str = Field(max_length=LINE_MAX)
    sector: str = code(Sector.values)
    person_id: UUID | None = Field(None, description="Their own Hearth record, if they have "
                                                     "one you can see (a foster carer)")


class LadoChildIn(Schema):
    """A child the allegation concerns: the id of their Hearth record when you can see it, or
    their name (and date of birth, when known)."""

    person_id: UUID | None = None
    given_name: str = Field("", max_length=NAME_MAX)
    family_name: str = Field("", max_length=NAME_MAX)
    date_of_birth: date | None = None


class LadoMatterIn(Schema):
    """A notification (R-LADO-2): who notifies, when the incident happened and the concern was
    shared (ISO 8601 date-times with their offset), the person it is about, the children and
    what is alleged. ``notified_at`` defaults to now."""

    notifier_name: str = Field(max_length=LINE_MAX)
    notifier_role: str = Field("", max_length=LINE_MAX)
    notifier_organisation: str = Field(max_length=LINE_MAX)
    notifier_contact: str = Field(max_length=CONTACT_MAX,
                                  description="A phone number or e-mail address")
    designated_safeguarding_lead: str = Field("", max_length=LINE_MAX)
    incident_on: date
    concern_shared_at: datetime
    notified_at: datetime | None = None
    subject: LadoSubjectIn
    setting: str = code(Setting.values, description="Where it happened")
    allegation: str = Field(max_length=TEXT_MAX)
    children: list[LadoChildIn] = Field(max_length=CHILDREN_MAX)

    _concern_shared_at = field_validator("concern_shared_at")(_aware)
    _notified_at = field_validator("notified_at")(_aware)


class LadoMatterReceipt(Schema):
    """What a notifier gets back: the matter's reference and its clocks. A notifier reads no
    matter back (R-LADO-3); ``id`` is given only to the LADO service."""

    reference: str
    id: int | None
    notified_at: datetime
    late_notification: bool
    notification_due: datetime
    response_due: datetime


class LadoMatterSummary(Schema):
    id: int
    reference: str
    status: str
    stage: str
    subject_name: str
    subject_employer: str
    sector: str
    notified_at: datetime
    late_notification: bool
    response_due: datetime
    responded_at: datetime | None
    response_overdue: bool
    lado_officer: str | None


class LadoMatterList(Schema):
    matters: list[LadoMatterSummary]
    page: int
    pages: int
    total: int


class LadoChildOut(Schema):
    person_id: UUID | None
    given_name: str
    family_name: str
    date_of_birth: date | None


class LadoAttendeeOut(Schema):
    name: str
    agency: str
    role: str


class LadoActionOut(Schema):
    action: str
    owner: str
    due_on: date


class LadoMeetingOut(Schema):
    id: int
    held_on: date
    attendees: list[LadoAttendeeOut]
    information_shared: str
    actions: list[LadoActionOut]
    next_meeting_on: date | None


class LadoMatterOut(LadoMatterSummary):
    origin: str
    contact_id: int | None
    notifier_name: str
    notifier_role: str
    notifier_organisation: str
    notifier_contact: str
    designated_safeguarding_lead: str
    incident_on: date
    concern_shared_at: datetime
    notification_due: datetime
    subject_given_name: str
    subject_family_name: str
    subject_date_of_birth: date | None
    subject_role: str
    setting: str
    allegation: str
    children: list[LadoChildOut]
    criteria: list[str]
    criteria_decided_at: datetime | None
    advice: str
    response: str
    suspension_considered: bool | None
    suspension: str
    investigation: str
    disciplinary: str
    police: str
    social_care: str
    meetings: list[LadoMeetingOut]
    outcome: str
    outcome_on: date | None
    outcome_notes: str
    dbs_referred_on: date | None
    regulator: str
    regulator_referred_on: date | None
    closed_at: datetime | None
    version: int


class LadoOutcomeIn(Schema):
    """R-LADO-4: the outcome and its date (not before the LADO was told, not in the future)."""

    outcome: str = code(Outcome.values)
    outcome_on: date
    outcome_notes: str = Field("", max_length=TEXT_MAX)


class LadoPageParams(Schema):
    page: int = Field(1, ge=1, le=999_999)
