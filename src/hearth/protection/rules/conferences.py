"""Pure rules for conferences, plans and core groups (R-CP-1..4), beyond ``rules.py``: plain
values in, ``{field: message}`` out (empty when it may be saved), no database and no clock
(``today`` is passed in).

- R-CP-1: an initial conference (ICPC) follows a Section 47 enquiry that found it was needed,
  one per enquiry, by the enquiry's due date (late ones are flagged, not refused).
- R-CP-2: a plan starts at its initial or ROTH conference; reviews are on or after its
  start; the first core group meeting and the reviews have due dates (overdue flags).
- R-CP-3: every core group member has an agency, a role and tasks.
- R-CP-4: a family member excluded from all or part of a conference has the reason recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from hearth.protection.codes import (
    DECISIONS_FOR,
    EXCLUDED,
    Attendance,
    Category,
    ConferenceDecision,
    ConferenceKind,
    FamilyParticipation,
    PlanEndReason,
    S47Outcome,
)

NOT_IN_FUTURE = "{what} must be today or in the past"
ICPC_NEEDS_ENQUIRY = ("An initial conference follows a Section 47 enquiry: choose the "
                      "child's enquiry whose outcome is that an ICPC is needed")
ICPC_NOT_NEEDED = ("The Section 47 enquiry's outcome is not that an initial conference is "
                   "needed: record that outcome on the enquiry first")
ONE_ICPC = "An initial conference is already arranged for this Section 47 enquiry"
ALREADY_ON_PLAN = ("{child} is already subject to a child protection plan: arrange a review "
                   "conference instead")
RCPC_NEEDS_PLAN = "A review conference reviews the child's open child protection plan"
PLAN_ENDED = "This child protection plan has ended"
REVIEW_BEFORE_START = ("The review conference cannot be before the plan started on {start}: "
                       "a review date before the plan's start is not possible")
BEFORE_ENQUIRY = ("The initial conference cannot be before the Section 47 enquiry started on "
                  "{start}")
EXCLUSION_REASON = "Enter why {name} was excluded: the reason must always be recorded"
EXCLUDED_FROM = "Enter which part of the conference {name} was excluded from"


def _day(d: date) -> str:
    return f"{d.day} {d:%B %Y}"


def arrange_problems(*, kind: str, held_on: date | None, child: str,
                     enquiry_outcome: str | None = None, enquiry_is_childs: bool = True,
                     enquiry_started: date | None = None,
                     conferences_for_enquiry: int = 0, has_open_plan: bool = False,
                     plan_is_childs: bool = True, plan_open: bool | None = None,
                     plan_start: date | None = None, rcpcs_arranged: int = 0,
                     chair_named: bool = True) -> dict[str, str]:
    """What stops a conference being arranged. ``enquiry_outcome`` / ``plan_open`` are None
    when no enquiry / plan was given."""
    problems: dict[str, str] = {}
    if kind not in ConferenceKind.values:
        return {"kind": "Select the kind of conference"}
    if held_on is None:
        problems["held_on"] = "Enter the date of the conference"
    if not chair_named:
        problems["chair"] = "Select the conference chair, or enter their name"
    if kind == ConferenceKind.ICPC:
        if enquiry_outcome is None or not enquiry_is_childs:
            problems["enquiry"] = ICPC_NEEDS_ENQUIRY
        elif enquiry_outcome != S47Outcome.SUBSTANTIATED_ICPC:
            problems["enquiry"] = ICPC_NOT_NEEDED
        elif conferences_for_enquiry:
            problems["enquiry"] = ONE_ICPC
        elif held_on is not None and enquiry_started is not None and held_on < enquiry_started:
            problems["held_on"] = BEFORE_ENQUIRY.format(start=_day(enquiry_started))
        if has_open_plan:
            problems.setdefault("kind", ALREADY_ON_PLAN.format(child=child))
    elif kind == ConferenceKind.RCPC:
        if plan_open is None or not plan_is_childs:
            problems["plan"] = RCPC_NEEDS_PLAN
        elif not plan_open:
            problems["plan"] = f"{PLAN_ENDED}: a review conference reviews an open plan"
        elif rcpcs_arranged:
            problems["plan"] = ("A review conference is already arranged for this plan: "
                                "record its outcome first")
        elif held_on is not None and plan_start is not None and held_on < plan_start:
            problems["held_on"] = REVIEW_BEFORE_START.format(start=_day(plan_start))
    elif has_open_plan:
        problems["kind"] = (f"{child} is already subject to a child protection plan: a risk "
                            "outside the home conference would start a second one. Review "
                            "the plan at its review conference instead")
    return problems


def invitee_problems(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """At least one invitee; each needs a name and an agency (``invitees-<i>-<field>``)."""
    problems: dict[str, str] = {}
    rows = list(rows)
    if not rows:
        problems["invitees"] = "Add at least one professional invited to the conference"
    for i, row in enumerate(rows):
        name, agency = (row.get("name") or "").strip(), (row.get("agency") or "").strip()
        if not name:
            problems[f"invitees-{i}-name"] = f"Enter the name of invitee {i + 1}"
        if not agency:
            problems[f"invitees-{i}-agency"] = (f"Enter the agency of {name or f'invitee {i + 1}'}")
    return problems


def family_problems(rows: Iterable[Mapping[str, str]]) -> dict[str, str]:
    """R-CP-4: how each family member took part; an exclusion always has its reason, and a
    part-exclusion says which part (``family-<i>-<field>``)."""
    problems: dict[str, str] = {}
    for i, row in enumerate(rows):
        name = (row.get("name") or "").strip()
        who = name or f"family member {i + 1}"
        participation = row.get("participation") or ""
        if not name:
            problems[f"family-{i}-name"] = f"Enter the name of family member {i + 1}"
        if participation not in FamilyParticipation.values:
            problems[f"family-{i}-participation"] = f"Select how {who} took part"
            continue
        if participation in EXCLUDED and not (row.get("exclusion_reason") or "").strip():
            problems[f"family-{i}-exclusion_reason"] = EXCLUSION_REASON.format(name=who)
        if (participation == FamilyParticipation.EXCLUDED_PART
                and not (row.get("excluded_from") or "").strip()):
            problems[f"family-{i}-excluded_from"] = EXCLUDED_FROM.format(name=who)
    return problems


def outcome_problems(*, kind: str, held_on: date | None, today: date, decision: str,
                     category: str, minutes: str, outline_plan: str, lead_chosen: bool,
                     attendance: Mapping[object, tuple[str, str]],
                     plan_start: date | None = None, plan_open: bool | None = None,
                     enquiry_started: date | None = None) -> dict[str, str]:
    """What stops a conference's outcome being recorded. ``attendance`` maps each invitee's
    id to (their name, what was recorded for them): ``attendance_<id>`` names the problem;
    ``plan_*`` describe the plan a review conference reviews."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date the conference was held"
    elif held_on > today:
        problems["held_on"] = ("The date the conference was held must be today or in the "
                               "past: record the outcome once it has been held")
    allowed = DECISIONS_FOR.get(ConferenceKind(kind), ()) if kind in ConferenceKind.values else ()
    if decision not in allowed:
        problems["decision"] = "Select the conference's decision"
    plan_starts = decision == ConferenceDecision.PLAN
    if category and category not in Category.values:
        problems["category"] = "Select a category of abuse"
    elif plan_starts and not category:
        problems["category"] = "Select the category of abuse for the child protection plan"
    if plan_starts and not lead_chosen:
        problems["lead_social_worker"] = "Select the plan's lead social worker"
    if not minutes.strip():
        problems["minutes"] = "Enter the minutes of the conference"
    if plan_starts and not outline_plan.strip():
        problems["outline_plan"] = "Enter the outline child protection plan"
    for key, (name, value) in attendance.items():
        if value not in Attendance.values or value == Attendance.NOT_KNOWN:
            problems[f"attendance_{key}"] = f"Select whether {name} attended"
    if (held_on is not None and enquiry_started is not None and held_on < enquiry_started
            and "held_on" not in problems):
        problems["held_on"] = BEFORE_ENQUIRY.format(start=_day(enquiry_started))
    if kind == ConferenceKind.RCPC:
        if plan_open is False:
            problems["plan"] = f"{PLAN_ENDED}: its review conference cannot now be recorded"
        if held_on is not None and plan_start is not None and held_on < plan_start:
            problems["held_on"] = REVIEW_BEFORE_START.format(start=_day(plan_start))
    return problems


def end_problems(*, start: date, end: date | None, today: date, reason: str,
                 notes: str, is_open: bool) -> dict[str, str]:
    """What stops a plan being ended (R-CP-2)."""
    if not is_open:
        return {"": f"{PLAN_ENDED} already"}
    problems: dict[str, str] = {}
    if end is None:
        problems["end_on"] = "Enter the date the plan ended"
    elif end < start:
        problems["end_on"] = (f"The plan cannot end before it started on {_day(start)}: enter "
                              "a date on or after that")
    elif end > today:
        problems["end_on"] = NOT_IN_FUTURE.format(what="The date the plan ended")
    if reason not in PlanEndReason.values:
        problems["reason"] = "Select why the plan ended"
    elif reason == PlanEndReason.OTHER and not notes.strip():
        problems["notes"] = "Enter why the plan ended"
    return problems


def member_problems(*, name: str, agency: str, role: str, tasks: str) -> dict[str, str]:
    """R-CP-3: each member's agency, role and tasks are agreed and written down."""
    problems: dict[str, str] = {}
    if not name.strip():
        problems["name"] = "Enter the core group member's name"
    if not agency.strip():
        problems["agency"] = "Enter their agency, or Family for a family member"
    if not role.strip():
        problems["role"] = "Enter their role in the core group"
    if not tasks.strip():
        problems["tasks"] = "Enter the tasks they agreed to, in plain language"
    return problems


def leaving_problems(*, left_on: date | None, start: date, today: date) -> dict[str, str]:
    if left_on is None:
        return {}
    if left_on < start:
        return {"left_on": f"The date they left cannot be before the plan started on "
                           f"{_day(start)}"}
    if left_on > today:
        return {"left_on": NOT_IN_FUTURE.format(what="The date they left")}
    return {}


def meeting_problems(*, held_on: date | None, start: date, end: date | None, today: date,
                     attendees: str, progress: str,
                     next_meeting_on: date | None) -> dict[str, str]:
    """What stops a core group meeting being recorded (R-CP-2)."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date of the meeting"
    elif held_on < start:
        problems["held_on"] = (f"The meeting cannot be before the plan started on "
                               f"{_day(start)}")
    elif held_on > today:
        problems["held_on"] = NOT_IN_FUTURE.format(what="The date of the meeting")
    elif end is not None and held_on > end:
        problems["held_on"] = f"The plan ended on {_day(end)}: the meeting must be before then"
    if not attendees.strip():
        problems["attendees"] = "Enter who attended"
    if not progress.strip():
        problems["progress"] = "Enter the progress against the plan"
    if next_meeting_on is not None and held_on is not None and next_meeting_on <= held_on:
        problems["next_meeting_on"] = "The next meeting must be after this one"
    return problems


# --- due dates and flags ----------------------------------------------------------------------

def icpc_late(*, due: date, held_on: date, held: bool, today: date) -> bool:
    """R-CP-1: an initial conference is late when it was (or is arranged to be) held after
    its due date, or it is not yet held and the due date has passed."""
    return held_on > due or (not held and today > due)
