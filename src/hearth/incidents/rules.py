"""Pure decisions about incidents, plans and meetings (R-SAFE-5, R-SAFE-6): plain values in,
``{field: message}`` out, no database and no clock (``now`` / ``today`` are passed in)."""

from __future__ import annotations

from datetime import date, datetime

from hearth.incidents.codes import IncidentKind, Investigation, PoliceComplaint
from hearth.safety.codes import WarningKind

#: The warning an incident suggests (the worker or manager may change it).
WARNING_KIND_FOR: dict[str, str] = {
    IncidentKind.THREAT: WarningKind.THREATS,
    IncidentKind.ABUSE: WarningKind.HOSTILE_TO_PROFESSION,
    IncidentKind.VIOLENCE: WarningKind.VIOLENCE,
    # Throwing things or damaging property is threatening behaviour (R-RES-2).
    IncidentKind.DAMAGE: WarningKind.THREATS,
}

NEEDS_DEBRIEF_DATE = "Enter the date of the debrief before closing the incident"
NEEDS_DEBRIEF_BY = "Select who gave the debrief before closing the incident"
NEEDS_POLICE_DECISION = ("Record whether a complaint was made to the police before closing "
                         "the incident")
NOT_IN_FUTURE = "When it happened must be now or in the past"
SHARED_REQUIRED = ("Enter what will be shared with the family, and how and when: secret "
                   "plans are unlikely to stay secret")


def warning_kind_for(kind: str) -> str:
    return WARNING_KIND_FOR.get(kind, WarningKind.OTHER)


def report_problems(*, kind: str, occurred_at: datetime | None, where: str,
                    what_happened: str, now: datetime) -> dict[str, str]:
    """What stops an incident report being saved."""
    problems: dict[str, str] = {}
    if kind not in IncidentKind.values:
        problems["kind"] = "Select what kind of incident it was"
    if occurred_at is None:
        problems["occurred_at"] = "Enter when it happened"
    elif occurred_at > now:
        problems["occurred_at"] = NOT_IN_FUTURE
    if not where.strip():
        problems["where"] = "Enter where it happened"
    if not what_happened.strip():
        problems["what_happened"] = "Enter what happened"
    return problems


def post_incident_problems(*, occurred_on: date, today: date, debrief_on: date | None,
                           debrief_by_id: int | None, investigation: str,
                           police_complaint: str, police_reference: str) -> dict[str, str]:
    """What stops the post-incident record being saved (R-SAFE-5)."""
    problems: dict[str, str] = {}
    if debrief_on is not None:
        if debrief_on > today:
            problems["debrief_on"] = "Date of the debrief must be today or in the past"
        elif debrief_on < occurred_on:
            problems["debrief_on"] = "Date of the debrief must be on or after the incident"
        if debrief_by_id is None:
            problems["debrief_by"] = "Select who gave the debrief"
    elif debrief_by_id is not None:
        problems["debrief_on"] = "Enter the date of the debrief"
    if investigation not in Investigation.values:
        problems["investigation"] = "Select where the investigation is"
    if police_complaint not in PoliceComplaint.values:
        problems["police_complaint"] = "Select whether a complaint was made to the police"
    elif police_reference.strip() and police_complaint != PoliceComplaint.YES:
        problems["police_reference"] = ("Only enter a police reference when a complaint was "
                                        "made to the police")
    return problems


def closing_problems(*, debrief_on: date | None, debrief_by_id: int | None,
                     police_complaint: str) -> dict[str, str]:
    """An incident is closed only once the debrief and the decision about a complaint to the
    police are recorded (R-SAFE-5; seed 004 §8.2)."""
    problems: dict[str, str] = {}
    if debrief_on is None:
        problems["debrief_on"] = NEEDS_DEBRIEF_DATE
    if debrief_by_id is None:
        problems["debrief_by"] = NEEDS_DEBRIEF_BY
    if police_complaint not in (PoliceComplaint.YES, PoliceComplaint.NO):
        problems["police_complaint"] = NEEDS_POLICE_DECISION
    return problems


def plan_problems(*, plan: str, shared_with_family: str, review_on: date | None,
                  today: date) -> dict[str, str]:
    """A worker risk-reduction plan needs the plan, what the family will be told, and a review
    date in the future (R-SAFE-6)."""
    problems: dict[str, str] = {}
    if not plan.strip():
        problems["plan"] = "Enter the plan to reduce the risk to the worker"
    if not shared_with_family.strip():
        problems["shared_with_family"] = SHARED_REQUIRED
    if review_on is None:
        problems["review_on"] = "Enter the review date"
    elif review_on <= today:
        problems["review_on"] = "The review date must be in the future"
    return problems


def meeting_problems(*, held_on: date | None, attendees: str, discussion: str, plan: str,
                     shared_with_family: str, today: date) -> dict[str, str]:
    """A practitioners' meeting always ends with an explicit plan of what / how / when to
    share with the family (R-SAFE-6; seed 004 §4.3)."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date of the meeting"
    elif held_on > today:
        problems["held_on"] = "Date of the meeting must be today or in the past"
    if not attendees.strip():
        problems["attendees"] = "Enter who attended"
    if not discussion.strip():
        problems["discussion"] = "Enter what was discussed"
    if not plan.strip():
        problems["plan"] = "Enter the work plan agreed"
    if not shared_with_family.strip():
        problems["shared_with_family"] = SHARED_REQUIRED
    return problems
