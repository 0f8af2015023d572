"""Care plans and placement plans (R-CLA-2): when each is due."""

from __future__ import annotations

from datetime import date

from hearth import calendar


def care_plan_due(first_placement_start: date, agreed: list[date]) -> date | None:
    """A care plan before the first placement, or within 10 working days of its start
    (None: one has been agreed)."""
    if agreed:
        return None
    return calendar.care_plan_due(first_placement_start).date()


def placement_plan_due(placement_start: date, agreed: list[date]) -> date | None:
    """A placement plan before the placement, or within 5 working days of its start (None:
    one has been agreed for it)."""
    if agreed:
        return None
    return calendar.placement_plan_due(placement_start).date()


def plan_problems(*, agreed_on: date | None, today: date, summary: str,
                  earliest: date | None = None) -> dict[str, str]:
    problems: dict[str, str] = {}
    if agreed_on is None:
        problems["agreed_on"] = "Enter the date the plan was agreed"
    elif agreed_on > today:
        problems["agreed_on"] = "The date the plan was agreed must be today or in the past"
    elif earliest is not None and agreed_on < earliest:
        problems["agreed_on"] = (f"The date the plan was agreed must be on or after "
                                 f"{earliest:%-d %B %Y}")
    if not summary.strip():
        problems["summary"] = "Enter what the plan says"
    return problems
