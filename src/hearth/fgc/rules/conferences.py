"""The conference, the family's plan, the referrer's decision and the review (R-FGC-1,
R-FGC-4). Pure: no database, no clock (``today`` is passed in).

The conference records its three stages (seed 003): information sharing, private family time,
sharing and agreeing the plan; a split conference says how its two meetings were held. The
plan's items each say who, what and by when; the plan is reviewed on a date set at the
conference and is agreed by the referrer unless it places a child at risk, with the reason.
The plan is printed for the family: its wording is checked as a parent's summary is
(``records.rules.summaries.wording_warnings``), warning, never blocking.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from hearth import calendar
from hearth.fgc.codes import Progress, Stage
from hearth.records.rules.summaries import ActionLine, wording_warnings

NOTES_MAX = 20_000
WHO_MAX = 150
MAX_ITEMS = 12
#: The referrer is asked to agree the plan within this many working days of its recording
#: (a local setting: the seed asks only that it is agreed).
AGREE_WORKING_DAYS = 5

STAGE_MISSING = {
    Stage.INFORMATION: "Record what was shared at information sharing",
    Stage.PRIVATE_TIME: "Record the family's private time",
    Stage.PLAN: "Record how the plan was shared and agreed at the meeting",
}


def conference_problems(*, held_on: date | None, stages: Mapping[str, str], split: bool,
                        split_arrangements: str, referred_on: date,
                        today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date the conference was held"
    elif held_on > today:
        problems["held_on"] = "The date the conference was held cannot be in the future"
    elif held_on < referred_on:
        problems["held_on"] = (f"The conference cannot be before the referral on "
                               f"{referred_on:%-d %B %Y}")
    for stage, message in STAGE_MISSING.items():
        text = stages.get(stage, "")
        if not text.strip():
            problems[stage] = message
        elif len(text) > NOTES_MAX:
            problems[stage] = f"Keep this to {NOTES_MAX:,} characters"
    if split and not split_arrangements.strip():
        problems["split_arrangements"] = ("Say how the split conference was held: who came to "
                                          "each of the two meetings")
    return problems


#: One "who will do what by when" line as entered (blank parts ``""`` / ``None``): the parent
#: summary's action line, the same three parts.
PlanLine = ActionLine


def plan_problems(lines: Sequence[PlanLine], *, review_on: date | None,
                  held_on: date) -> dict[str, str]:
    """By field (``item_<n>_who|what|by_when``, n from 1; ``items`` for none at all; the
    review date ``review_on``): every item has who, what and by when (R-FGC-4)."""
    problems: dict[str, str] = {}
    given = [(n, line) for n, line in enumerate(lines, start=1) if not line.is_blank]
    if not given:
        problems["items"] = "Add at least one item to the plan: who will do what, by when"
    elif len(given) > MAX_ITEMS:
        problems["items"] = f"A plan has at most {MAX_ITEMS} items"
    for n, line in given:
        if not line.who.strip():
            problems[f"item_{n}_who"] = (f"Enter who will do item {n}: every item needs "
                                         "someone who owns it")
        elif len(line.who) > WHO_MAX:
            problems[f"item_{n}_who"] = f"Keep who will do item {n} to {WHO_MAX} characters"
        if not line.what.strip():
            problems[f"item_{n}_what"] = f"Enter what will be done in item {n}"
        elif len(line.what) > NOTES_MAX:
            problems[f"item_{n}_what"] = f"Keep item {n} to {NOTES_MAX:,} characters"
        if line.by_when is None:
            problems[f"item_{n}_by_when"] = f"Enter the date item {n} will be done by"
        elif line.by_when < held_on:
            problems[f"item_{n}_by_when"] = (f"The date for item {n} cannot be before the "
                                             "conference")
    if review_on is None:
        problems["review_on"] = "Enter the date the plan will be reviewed, set at the conference"
    elif review_on <= held_on:
        problems["review_on"] = "The review must be after the conference"
    return problems


def decision_problems(*, agreed: bool | None, reason: str) -> dict[str, str]:
    """R-FGC-4: the referrer agrees the plan unless it places a child at risk, saying why."""
    if agreed is None:
        return {"agreed": "Select whether you agree the family's plan"}
    if not agreed and not reason.strip():
        return {"reason": "Enter why you cannot agree the plan: how it would place a child at "
                          "risk"}
    if len(reason) > NOTES_MAX:
        return {"reason": f"Keep the reason to {NOTES_MAX:,} characters"}
    return {}


def review_problems(*, held_on: date | None, progress: Sequence[tuple[int, str]],
                    next_review_on: date | None, conference_on: date,
                    today: date) -> dict[str, str]:
    """``progress``: (item number, status) for every item of the plan."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date of the review"
    elif held_on > today:
        problems["held_on"] = "The date of the review cannot be in the future"
    elif held_on <= conference_on:
        problems["held_on"] = "The review must be after the conference"
    for n, status in progress:
        if status not in Progress.values:
            problems[f"item_{n}_progress"] = f"Select how item {n} is going"
    if next_review_on is not None and held_on is not None and next_review_on <= held_on:
        problems["next_review_on"] = "The next review must be after this one"
    return problems


def agreement_due(plan_recorded_on: date) -> date:
    return calendar.add_working_days(plan_recorded_on, AGREE_WORKING_DAYS)


def plan_warnings(questions: Sequence[str], lines: Sequence[PlanLine]) -> list[str]:
    """The family reads the plan: jargon left unexplained and sentences over 25 words in its
    questions and items (the parent summary's checks, R-REC-8). Not blocking."""
    parts = [(f"Question {n}", q) for n, q in enumerate(questions, start=1)]
    parts += [(f"Item {n}", f"{line.who}. {line.what}")
              for n, line in enumerate(lines, start=1) if not line.is_blank]
    return wording_warnings(parts)
