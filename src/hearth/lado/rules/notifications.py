"""Pure rules for a notification to the LADO (R-LADO-2, R-LADO-3, R-LADO-4): what it must hold
(who notified, the dates, the person it is about, the sector, what is alleged), and the
notification clock: the LADO should be told within 24 hours of the concern being shared (seed
003: "within 24 hours of the incident taking place or concern being shared"; a concern is
shared on or after the incident), in real elapsed hours (``calendar.lado_notification_due``).
Plain values in, problems by field out; no database and no clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from hearth import calendar
from hearth.lado.codes import Sector, Setting
from hearth.lado.rules.matters import (
    CONTACT_MAX,
    IN_FUTURE,
    LINE_MAX,
    NAME_MAX,
    TEXT_MAX,
    words,
)

#: Text a notification must have: field -> (what it is, as a message names it; its limit).
REQUIRED_TEXT: dict[str, tuple[str, int]] = {
    "notifier_name": ("who notified the LADO", LINE_MAX),
    "notifier_organisation": ("the organisation that notified the LADO", LINE_MAX),
    "notifier_contact": ("how to reach who notified", CONTACT_MAX),
    "subject_given_name": ("the given name of the person the allegation is about", NAME_MAX),
    "subject_family_name": ("the family name of the person the allegation is about", NAME_MAX),
    "subject_employer": ("their employer or organisation", LINE_MAX),
    "subject_role": ("their role", LINE_MAX),
    "allegation": ("what is alleged", TEXT_MAX),
}
OPTIONAL_TEXT: dict[str, tuple[str, int]] = {
    "notifier_role": ("the role of who notified", LINE_MAX),
    "dsl_name": ("the designated safeguarding lead", LINE_MAX),
}


@dataclass(frozen=True)
class Notification:
    """What the LADO is told (R-LADO-2, R-LADO-3, R-LADO-4)."""

    notifier_name: str = ""
    notifier_organisation: str = ""
    notifier_contact: str = ""
    notifier_role: str = ""
    dsl_name: str = ""
    incident_on: date | None = None
    concern_shared_at: datetime | None = None
    notified_at: datetime | None = None
    subject_given_name: str = ""
    subject_family_name: str = ""
    subject_date_of_birth: date | None = None
    subject_employer: str = ""
    subject_role: str = ""
    sector: str = ""
    setting: str = ""
    allegation: str = ""

    @classmethod
    def of(cls, data: Mapping[str, Any]) -> Notification:
        """The notification in ``data`` (other keys ignored), its text stripped."""
        names = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: (v.strip() if isinstance(v, str) else v)
                                  for k, v in data.items() if k in names}
        return cls(**values)


def _text_problems(n: Notification, specs: dict[str, tuple[str, int]], *,
                   required: bool) -> dict[str, str]:
    problems: dict[str, str] = {}
    for name, (what, limit) in specs.items():
        value = (getattr(n, name) or "").strip()
        if required and not value:
            problems[name] = f"Enter {what}"
        elif len(value) > limit:
            problems[name] = f"{what[0].upper()}{what[1:]} must be {limit} characters or fewer"
    return problems


def notification_problems(n: Notification, *, now: datetime) -> dict[str, str]:
    """Everything wrong with a notification, by field (empty: it may be recorded)."""
    today = now.astimezone(calendar.LONDON).date()
    problems = _text_problems(n, REQUIRED_TEXT, required=True)
    problems.update(_text_problems(n, OPTIONAL_TEXT, required=False))
    if n.sector not in Sector.values:
        problems["sector"] = ("Select the sector the person works in: "
                              + ", ".join(label.lower() for label in Sector.labels))
    if n.setting not in Setting.values:
        problems["setting"] = ("Select where it happened: at work, in the community or in "
                               "their home life")
    if n.subject_date_of_birth is not None and n.subject_date_of_birth > today:
        problems["subject_date_of_birth"] = f"Their date of birth {IN_FUTURE}"
    if n.incident_on is None:
        problems["incident_on"] = "Enter the date the incident happened"
    elif n.incident_on > today:
        problems["incident_on"] = f"The date the incident happened {IN_FUTURE}"
    if n.concern_shared_at is None:
        problems["concern_shared_at"] = "Enter when the concern was shared"
    elif n.concern_shared_at > now:
        problems["concern_shared_at"] = f"When the concern was shared {IN_FUTURE}"
    elif n.incident_on is not None and (
            n.concern_shared_at.astimezone(calendar.LONDON).date() < n.incident_on):
        problems["concern_shared_at"] = (
            "The concern cannot have been shared before the incident happened "
            f"({words(n.incident_on)})")
    if n.notified_at is None:
        problems["notified_at"] = "Enter when the LADO was told"
    elif n.notified_at > now:
        problems["notified_at"] = f"When the LADO was told {IN_FUTURE}"
    elif n.concern_shared_at is not None and n.notified_at < n.concern_shared_at:
        problems["notified_at"] = ("The LADO cannot have been told before the concern was "
                                   f"shared ({words(n.concern_shared_at)})")
    return problems


# --- the clocks (R-LADO-2) --------------------------------------------------------------------

def notification_due(concern_shared_at: datetime) -> datetime:
    """R-LADO-2: the LADO should be told within 24 hours of the concern being shared."""
    return calendar.lado_notification_due(concern_shared_at)


def notified_late(*, concern_shared_at: datetime, notified_at: datetime) -> bool:
    """R-LADO-2: told more than 24 hours after the concern was shared."""
    return notified_at > notification_due(concern_shared_at)


