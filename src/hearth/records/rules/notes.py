"""Pure decisions about case notes: no database, no clock (``now`` is passed in)."""

from __future__ import annotations

from datetime import date, datetime

from hearth.calendar import LONDON
from hearth.core.sensible import IN_FUTURE, sensible_datetime
from hearth.records.codes import AMENDABLE_FIELDS, FIELD_LABELS, NoteStatus
from hearth.visits.rules import may_correct

FINALISED_REFUSAL = "A finalised record cannot be edited; add an amendment"
OPINION_REFUSAL = "Say what informed the opinion"


def opinion_problem(opinion: str, basis: str) -> str | None:
    """R-REC-3: an opinion must state what informed it."""
    if opinion.strip() and not basis.strip():
        return OPINION_REFUSAL
    return None


def when_problem(occurred_at: datetime, now: datetime, born: date | None) -> str | None:
    """When it happened: a sensible instant, in the past, not before the person was born
    (issue 13 item 1)."""
    problem = sensible_datetime(occurred_at, now=now, born=born)
    if problem == IN_FUTURE:
        return "When it happened must be in the past"
    return f"When it happened {problem}" if problem else None


def note_problems(data: dict, now: datetime, born: date | None = None) -> dict[str, str]:
    """What is wrong with a note's contents, by field (R-REC-1, R-REC-3); empty when fine."""
    problems: dict[str, str] = {}
    occurred_at = data.get("occurred_at")
    if occurred_at is None:
        problems["occurred_at"] = "Enter when it happened"
    elif when := when_problem(occurred_at, now, born):
        problems["occurred_at"] = when
    if not str(data.get("place", "")).strip():
        problems["place"] = "Enter where it happened"
    if not str(data.get("who_said_what", "")).strip():
        problems["who_said_what"] = "Enter who said what"
    basis = opinion_problem(str(data.get("opinion", "")), str(data.get("opinion_basis", "")))
    if basis:
        problems["opinion_basis"] = basis
    return problems


def may_edit_draft(status: str) -> bool:
    """R-REC-4: only a draft is edited in place."""
    return status == NoteStatus.DRAFT


def may_finalise(author_id: int | None, user_id: int | None, status: str) -> bool:
    """Only the author finalises their own draft."""
    return status == NoteStatus.DRAFT and author_id is not None and author_id == user_id


#: The length of ``CaseNote.place``: a longer amendment is refused, never a database error.
PLACE_MAX = 200


def amendment_problems(status: str, field: str, before: str, after: str, reason: str,
                       opinion: str, basis: str) -> dict[str, str]:
    """What stops an amendment, by form field; ``opinion``/``basis`` are as they would be after
    it (R-REC-3 still holds)."""
    problems: dict[str, str] = {}
    if status != NoteStatus.FINALISED:
        problems[""] = "Only a finalised record is amended; edit the draft instead"
        return problems
    if field not in AMENDABLE_FIELDS:
        problems["field"] = "Choose which part of the record to amend"
        return problems
    if not reason.strip():
        problems["reason"] = REASON_MISSING
    if before == after:
        problems["new_value"] = f"The new {FIELD_LABELS[field].lower()} is the same as before"
    elif field in {"place", "who_said_what"} and not after.strip():
        problems["new_value"] = f"Enter the corrected {FIELD_LABELS[field].lower()}"
    elif field == "place" and len(after) > PLACE_MAX:
        problems["new_value"] = f"Where must be {PLACE_MAX} characters or fewer"
    basis_problem = opinion_problem(opinion, basis)
    if basis_problem and "new_value" not in problems:
        problems["new_value"] = basis_problem
    return problems


REASON_MISSING = "Enter why the record is being amended"


def when_text(value: datetime) -> str:
    """When a note's event happened, as its amendments show it: London time, to the second
    when it has seconds (so that a before and after never look the same)."""
    local = value.astimezone(LONDON)
    clock = f"{local:%H:%M:%S}" if local.second or local.microsecond else f"{local:%H:%M}"
    return f"{local.day} {local:%B %Y}, {clock}"


def time_amendment_problems(status: str, before: datetime, after: datetime | None,
                            reason: str, now: datetime,
                            born: date | None = None) -> dict[str, str]:
    """What stops correcting when a finalised note's event happened (R-REC-4, issue 11): the
    same rules as writing it (a real, past date-time), a reason, and a real change."""
    problems: dict[str, str] = {}
    if status != NoteStatus.FINALISED:
        problems[""] = "Only a finalised record is amended; edit the draft instead"
        return problems
    if not reason.strip():
        problems["reason"] = REASON_MISSING
    if after is None or after.utcoffset() is None:
        problems["new_value"] = "Enter the corrected date and time"
    elif when := when_problem(after, now, born):
        problems["new_value"] = when
    elif after == before:
        problems["new_value"] = "The corrected date and time is the same as before"
    return problems


AMEND_NOT_YOURS = "Only the author of this record, or their team manager, can amend it"


def may_amend(*, author_id: int | None, author_team_id: int | None, user_id: int | None,
              user_role: str, user_team_id: int | None) -> bool:
    """R-REC-4: a finalised note is amended by its author or a team manager of their team,
    as a visit is corrected (one rule for both)."""
    return may_correct(recorder_id=author_id, recorder_team_id=author_team_id,
                       user_id=user_id, user_role=user_role, user_team_id=user_team_id)
