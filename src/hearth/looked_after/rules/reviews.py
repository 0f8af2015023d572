"""Reviews of a child looked after (R-CLA-3): when the next is due, and what a review must
say. Pure: dates in, answers out (``today`` is passed in)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hearth import calendar
from hearth.looked_after.codes import Participation

TEXT_MAX = 10_000
#: Under this age on the review date the child's participation is PN0 (SSDA903 440, 441).
PN0_UNDER = 4


def age_on(born: date, day: date) -> int:
    """Whole years of age on ``day`` (a 29 February birthday counts on 1 March)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class NextReview:
    number: int  # 1 for the first review, 2 for the second …
    due_on: date
    brought_forward: bool = False

    @property
    def label(self) -> str:
        return {1: "First review", 2: "Second review"}.get(self.number, "Review")


def next_review(entered_care: date, held: list[date],
                brought_forward_to: date | None = None) -> NextReview:
    """R-CLA-3: the first review 20 working days after entering care, the second 3 months
    after the first, then every 6 months; a date the IRO brought forward (after the last
    review) counts when it is earlier."""
    held = sorted(held)
    if not held:
        due = calendar.lac_review_1_due(entered_care).date()
    elif len(held) == 1:
        due = calendar.lac_review_2_due(held[0]).date()
    else:
        due = calendar.lac_review_next_due(held[-1]).date()
    if brought_forward_to is not None and brought_forward_to < due:
        return NextReview(len(held) + 1, brought_forward_to, True)
    return NextReview(len(held) + 1, due)


def participation_problem(participation: str, born: date | None, held_on: date) -> str:
    """PN0 if and only if the child is under 4 on the review date (SSDA903 440, 441)."""
    if participation not in Participation.values:
        return "Select how the child took part in the review from the list"
    if born is None:
        return ""
    under_four = age_on(born, held_on) < PN0_UNDER
    if under_four and participation != Participation.PN0:
        return (f"The child was under {PN0_UNDER} on the date of the review: their "
                f"participation is {Participation.PN0} ({Participation.PN0.label.lower()})")
    if not under_four and participation == Participation.PN0:
        return (f"{Participation.PN0} is only for a child under {PN0_UNDER} on the date of the "
                "review: select how the child took part")
    return ""


def review_problems(*, held_on: date | None, entered_care: date, left_care: date | None,
                    today: date, participation: str, born: date | None, decisions: str,
                    iro_view: str) -> dict[str, str]:
    """Every problem with a review as recorded, by field (empty: none)."""
    problems: dict[str, str] = {}
    if held_on is None:
        problems["held_on"] = "Enter the date of the review"
    elif held_on < entered_care:
        problems["held_on"] = (f"The date of the review must be on or after the day the child "
                               f"became looked after ({entered_care:%-d %B %Y})")
    elif held_on > today:
        problems["held_on"] = "The date of the review must be today or in the past"
    elif left_care is not None and held_on > left_care:
        problems["held_on"] = (f"The date of the review must be on or before the day the "
                               f"child ceased to be looked after ({left_care:%-d %B %Y})")
    if held_on is not None and "held_on" not in problems:
        problem = participation_problem(participation, born, held_on)
    else:
        problem = participation_problem(participation, None, today)
    if problem:
        problems["participation"] = problem
    for field, value, label in (("decisions", decisions, "the decisions of the review"),
                                ("iro_view", iro_view, "the IRO's view")):
        if not value.strip():
            problems[field] = f"Enter {label}"
        elif len(value) > TEXT_MAX:
            problems[field] = f"{label[0].upper()}{label[1:]} must be {TEXT_MAX:,} characters " \
                              "or fewer"
    return problems


def bring_forward_problems(*, due_on: date | None, current_due: date, last_review: date | None,
                           today: date, reason: str) -> dict[str, str]:
    """The IRO brings the next review forward: a date before the one now due, not in the
    past and not before the last review, with why."""
    problems: dict[str, str] = {}
    if due_on is None:
        problems["due_on"] = "Enter the new date of the next review"
    elif due_on >= current_due:
        problems["due_on"] = (f"The new date must be before the date now due "
                              f"({current_due:%-d %B %Y}): a review is brought forward, "
                              "never put back")
    elif due_on < today or (last_review is not None and due_on <= last_review):
        problems["due_on"] = "The new date must be today or later"
    if not reason.strip():
        problems["reason"] = "Enter why the review is brought forward"
    return problems
