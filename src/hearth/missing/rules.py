"""The rules of a missing episode (R-CLA-6), as plain functions of plain values: what makes an
episode, a return and a return interview acceptable, when the interview is due, and when
repeated episodes must alert the allocated worker and their manager.

Each ``*_problems`` function answers ``{field: message}`` (empty: nothing wrong), the fields
named as the actions and the API name them."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hearth import calendar
from hearth.missing.codes import MissingKind

#: Three or more episodes within 90 days alert the worker and their manager (R-CLA-6).
REPEAT_COUNT = 3
REPEAT_DAYS = 90


def _aware(value) -> bool:
    return isinstance(value, datetime) and value.tzinfo is not None


def episode_problems(*, kind: str, started_at, reported_by: str, now: datetime,
                     born: date | None = None) -> dict[str, str]:
    """A new episode (R-CLA-6; SSDA903 rules 564, 565, 1006, 586)."""
    problems: dict[str, str] = {}
    if kind not in MissingKind.values:
        problems["kind"] = ("Select whether the child was missing (M) or away from placement "
                            "without authorisation (A).")
    if not _aware(started_at):
        problems["started_at"] = "Enter the date and time the child went missing."
    elif started_at > now:
        problems["started_at"] = "The time the child went missing cannot be in the future."
    elif born is not None and started_at.astimezone(calendar.LONDON).date() < born:
        problems["started_at"] = "The child cannot have gone missing before they were born."
    if not (reported_by or "").strip():
        problems["reported_by"] = "Enter who reported the child missing."
    return problems


def return_problems(*, started_at: datetime, ended_at, now: datetime) -> dict[str, str]:
    """The child's return (SSDA903 rule 567: MIS_END is not before MIS_START)."""
    if not _aware(ended_at):
        return {"ended_at": "Enter the date and time the child returned."}
    if ended_at < started_at:
        went = started_at.astimezone(calendar.LONDON)
        return {"ended_at": "The time the child returned cannot be before they went missing "
                            f"({went:%d/%m/%Y %H:%M})."}
    if ended_at > now:
        return {"ended_at": "The time the child returned cannot be in the future."}
    return {}


def interview_problems(*, ended_at: datetime | None, offered_at, accepted: bool | None,
                       held_at, held_by: str, now: datetime) -> dict[str, str]:
    """The return interview: offered after the return, held (if accepted) after the offer's
    return and not in the future, by someone named."""
    if ended_at is None:
        return {"": "Record the child's return before the return interview."}
    problems: dict[str, str] = {}
    if not _aware(offered_at):
        problems["offered_at"] = "Enter when the return interview was offered."
    elif offered_at < ended_at:
        problems["offered_at"] = ("The return interview cannot be offered before the child "
                                  "returned.")
    elif offered_at > now:
        problems["offered_at"] = "The offer of a return interview cannot be in the future."
    if accepted is None:
        problems["accepted"] = "Select whether the child accepted the return interview."
    if held_at is not None:
        if not accepted:
            problems["held_at"] = ("A return interview the child did not accept cannot have been "
                                   "held: select that they accepted it.")
        elif not _aware(held_at):
            problems["held_at"] = "Enter the date and time the return interview was held."
        elif held_at < ended_at:
            problems["held_at"] = "The return interview cannot be before the child returned."
        elif held_at > now:
            problems["held_at"] = "The return interview cannot be in the future."
        elif not (held_by or "").strip():
            problems["held_by"] = "Enter who held the return interview."
    return problems


def interview_due(ended_at: datetime) -> datetime:
    """R-CLA-6: offered within 72 hours of the return (``calendar.return_interview_due``)."""
    return calendar.return_interview_due(ended_at)


def interview_outstanding(*, ended_at, offered_at, accepted, held_at) -> bool:
    """Whether a return interview is still to offer, or accepted and still to hold."""
    if ended_at is None:
        return False
    return offered_at is None or (bool(accepted) and held_at is None)


def is_child(born: date | None, today: date) -> bool:
    """Whether a missing episode may be recorded for this person: a child (under 18), or
    someone whose date of birth is not known."""
    return born is None or calendar.birthday(born, 18) > today


def repeated(starts: list[datetime], now: datetime) -> bool:
    """R-CLA-6: three or more episodes started in the 90 days up to ``now``."""
    since = now - timedelta(days=REPEAT_DAYS)
    return sum(1 for s in starts if since <= s <= now) >= REPEAT_COUNT
