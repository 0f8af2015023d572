"""The rules of leaving care as plain functions of plain values (no database, no clock):

- R-CL-1: the category worked out from the date of birth and the periods of care, with the
  reason in words; a category that contradicts the dates is refused.
- R-CL-2: when the pathway plan and the next contact are due.
- R-CL-3: keeping in touch around each birthday from 17 to 21, with the SSDA903 OC3 codes and
  their cross-checks (344, 345, 347, 3001), and the valid ACCOM combinations.

Counting care (R-CL-1): a period is counted from the day it began up to the day it ended (that
day not included) or, while open, up to today. Only days from the 14th birthday count; 13
weeks (91 days) or more are needed, and some of that care must be after the 16th birthday (a
period ending on the 16th birthday is not care after 16)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from hearth import calendar
from hearth.leaving_care.codes import (
    ACCOMMODATION,
    CARE_LEAVERS,
    NEET,
    Activity,
    Category,
    ContactMethod,
    InTouch,
)

QUALIFYING_WEEKS = 13
QUALIFYING_DAYS = QUALIFYING_WEEKS * 7
#: Former relevant to 21; to 25 when the young person asks for support.
FORMER_RELEVANT_TO = 21
SUPPORT_TO = 25

Span = tuple[date, date | None]


@dataclass(frozen=True)
class Found:
    """A young person's category (R-CL-1), why, and when they first qualified."""

    category: str
    reason: str
    qualified_on: date | None = None
    weeks: int = 0

    @property
    def is_care_leaver(self) -> bool:
        return self.category in CARE_LEAVERS

    @property
    def label(self) -> str:
        return Category(self.category).label


def age_on(born: date, day: date) -> int:
    years = day.year - born.year
    return years if day >= calendar.birthday(born, years) else years - 1


def looked_after_on(spans: Iterable[Span], day: date) -> bool:
    return any(start <= day and (end is None or end > day) for start, end in spans)


def _end(span_end: date | None, today: date) -> date:
    return today if span_end is None else min(span_end, today)


def care_since_14(born: date, spans: Sequence[Span], today: date) -> tuple[int, date | None,
                                                                           date | None]:
    """Days looked after from the 14th birthday up to today; the day the 91st was reached;
    the first day looked after on or after the 16th birthday (None: none yet)."""
    b14, b16 = calendar.birthday(born, 14), calendar.birthday(born, 16)
    days, reached, after_16 = 0, None, None
    for start, end in sorted(spans):
        first, last = max(start, b14), _end(end, today)
        span_days = max((last - first).days, 0)
        if reached is None and days + span_days >= QUALIFYING_DAYS:
            reached = first + timedelta(days=QUALIFYING_DAYS - days)
        days += span_days
        if after_16 is None and max(start, b16) < last:
            after_16 = max(start, b16)
        if after_16 is None and end is None and today >= b16:
            after_16 = today  # in care now, on or after the 16th birthday
    return days, reached, after_16


def _weeks(days: int) -> str:
    weeks = days // 7
    return f"{weeks} week{'s' if weeks != 1 else ''}"


def category(born: date, spans: Sequence[Span], today: date, *,
             support_to_25: bool = False) -> Found:
    """R-CL-1: eligible (16-17, looked after 13 weeks or more since 14 including after 16,
    still looked after), relevant (16-17, was eligible, no longer looked after), former
    relevant (18-20; to 25 when support was asked for), or not a care leaver — with why."""
    age = age_on(born, today)
    days, reached, after_16 = care_since_14(born, spans, today)
    weeks = days // 7
    care = f"looked after for {_weeks(days)} since their 14th birthday"
    if age < 16:
        return Found(Category.NONE, f"Not a care leaver: {age} years old (care leavers are 16 "
                                    f"or over); {care}.", weeks=weeks)
    if reached is None or after_16 is None:
        why = (f"{care}; {QUALIFYING_WEEKS} weeks are needed" if reached is None
               else f"{care}, but none of it after their 16th birthday")
        return Found(Category.NONE, f"Not a care leaver: {why}.", weeks=weeks)
    qualified_on = max(reached, after_16)
    care = f"{care} ({QUALIFYING_WEEKS} are needed), including after their 16th birthday"
    now = looked_after_on(spans, today)
    if age < 18:
        if now:
            return Found(Category.ELIGIBLE, f"Eligible: {age} years old, {care}, and still "
                                            "looked after.", qualified_on, weeks)
        return Found(Category.RELEVANT, f"Relevant: {age} years old, {care}; no longer "
                                        "looked after.", qualified_on, weeks)
    if age < FORMER_RELEVANT_TO:
        return Found(Category.FORMER_RELEVANT, f"Former relevant: {age} years old, {care}.",
                     qualified_on, weeks)
    if age < SUPPORT_TO and support_to_25:
        return Found(Category.FORMER_RELEVANT, f"Former relevant: {age} years old, {care}; "
                                               "asked for support up to 25.", qualified_on,
                     weeks)
    if age < SUPPORT_TO:
        return Found(Category.NONE, f"Not a care leaver now: {age} years old; support "
                                    "continues to 25 only if they ask for it.", qualified_on,
                     weeks)
    return Found(Category.NONE, f"Not a care leaver now: {age} years old (support ends at "
                                "25).", qualified_on, weeks)


def category_problem(claimed: str | None, found: Found) -> str | None:
    """A category given by hand must be the one the dates give (R-CL-1)."""
    if not claimed or claimed == found.category:
        return None
    if claimed not in Category.values:
        return "Choose a care leaver category: eligible, relevant or former relevant."
    return (f"The dates make this young person {found.label.lower()}, not "
            f"{Category(claimed).label.lower()}: {found.reason}")


# --- R-CL-2: plans and contact ------------------------------------------------------------------

def plan_due(born: date, qualified_on: date | None, last_plan: date | None) -> datetime:
    if last_plan is not None:
        return calendar.pathway_plan_review_due(last_plan)
    return calendar.pathway_plan_first_due(born, qualified_on)


def contact_due(last_contact: date, weeks: int) -> datetime:
    return calendar.care_leaver_contact_due(last_contact, weeks)


def contact_problems(*, contacted_on, in_touch: bool, method: str, accommodation: str,
                     activity: str, activity_reason: str, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not isinstance(contacted_on, date):
        problems["contacted_on"] = "Enter the date of the contact."
    elif contacted_on > today:
        problems["contacted_on"] = "The date of the contact cannot be in the future."
    if method not in ContactMethod.values:
        problems["method"] = "Select how the contact was made."
    if accommodation not in ACCOMMODATION:
        problems["accommodation"] = accommodation_message(accommodation)
    if activity not in Activity.values:
        problems["activity"] = "Select the young person's main activity."
    if in_touch and "accommodation" not in problems and accommodation == "0":
        problems["accommodation"] = "Select where the young person lives and whether it suits them."
    if in_touch and "activity" not in problems and activity == Activity.NONE:
        problems["activity"] = "Select the young person's main activity."
    if activity in NEET and not (activity_reason or "").strip():
        problems["activity_reason"] = ("Say why the young person is not in education, "
                                       "employment or training.")
    return problems


def accommodation_message(code: str) -> str:
    letter = (code or "")[:1]
    if letter in ("S", "X"):
        return (f"Accommodation {code!r} is not a valid code: {letter} is only ever "
                f"{letter}2 (not suitable).")
    return ("Select the accommodation: a type letter with 1 (suitable) or 2 (not suitable), "
            "or 0 when not known.")


# --- R-CL-3: keeping in touch around each birthday ----------------------------------------------

def kit_problems(*, age: int, in_touch: str, activity: str, accommodation: str) -> dict[str, str]:
    """SSDA903 OC3 for the birthday ``age`` (17-21): valid codes, 344 (DIED/RHOM ⇒ ACTIV and
    ACCOM 0), 345 (YES ⇒ neither 0), 347 (no foyer under 18), 3001 (no Z at 17)."""
    problems: dict[str, str] = {}
    if age not in range(17, 22):
        problems["age"] = "Keeping in touch is recorded for the 17th to the 21st birthdays."
    if in_touch not in InTouch.values:
        problems["in_touch"] = "Select whether the authority is in touch (IN_TOUCH)."
        return problems
    if activity not in Activity.values:
        problems["activity"] = "Select the young person's main activity (ACTIV)."
    if accommodation not in ACCOMMODATION:
        problems["accommodation"] = accommodation_message(accommodation)
    if problems:
        return problems
    if in_touch in (InTouch.DIED, InTouch.RHOM):
        if activity != Activity.NONE:
            problems["activity"] = (f"With IN_TOUCH {in_touch} the main activity is 0 (not "
                                    "applicable).")
        if accommodation != "0":
            problems["accommodation"] = (f"With IN_TOUCH {in_touch} the accommodation is 0 "
                                         "(not applicable).")
    if in_touch == InTouch.YES:
        if activity == Activity.NONE:
            problems["activity"] = "In touch: select the main activity (not 0)."
        if accommodation == "0":
            problems["accommodation"] = "In touch: select the accommodation (not 0)."
    if age < 18 and accommodation.startswith("T"):
        problems["accommodation"] = "A foyer (T) is not recorded for a young person under 18."
    if age == 17 and accommodation.startswith("Z"):
        problems["accommodation"] = ("Staying with former foster carers (Z) starts at 18: not "
                                     "at the 17th birthday.")
    return problems


@dataclass(frozen=True)
class Window:
    age: int
    opens: date
    due: datetime


def kit_due(born: date, spans: Sequence[Span], recorded: Iterable[int],
            today: date) -> list[Window]:
    """R-CL-3: the birthdays (17 to 21) whose window has opened and has nothing recorded,
    those closed more than a year ago left out; not the 17th or 18th birthday of a young
    person looked after on it (SSDA903 1007)."""
    done = set(recorded)
    found = []
    for age in range(17, 22):
        opens, due = calendar.keeping_in_touch_window(born, age)
        day = calendar.birthday(born, age)
        if age in done or today < opens or due.date() < today - timedelta(days=365):
            continue
        if age in (17, 18) and looked_after_on(spans, day):
            continue
        found.append(Window(age, opens, due))
    return found
