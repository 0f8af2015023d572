"""Every write to a case note: one transaction, one audit row on the person each (practice 1)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.records.codes import NoteStatus
from hearth.records.models import CaseNote, NoteAmendment
from hearth.records.rules import notes as rules

NOTE_FIELDS = ("occurred_at", "place", "who_said_what", "worker_said", "actions_taken",
               "referrals_made", "agency_response", "opinion", "opinion_basis",
               "significant_event")


def _refuse(problems: dict[str, str]) -> None:
    """The rules' problems, by field; one about the note as a whole (``""``: a draft cannot be
    amended) is the note's state."""
    refuse_if(problems, why=Why.STATE if "" in problems else None)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _locked(note: CaseNote, expected_version: int) -> CaseNote:
    current = CaseNote.objects.select_for_update().get(pk=note.pk)
    check_version(current, expected_version, "record")
    return current


def _audit(action: str, note: CaseNote, user, fields: dict[str, Any]) -> None:
    audit.record(action, user=user, obj=note.person, fields={"note": note.pk, **fields})


@transaction.atomic
def do_write_note(person, *, acting_user, involvement=None, group: UUID | None = None,
                  **data: Any) -> CaseNote:
    """Write a draft case note; its author and time of recording are the system's (R-REC-2).
    ``group``: the notes about a family's children written together
    (``family.do_write_family_note``)."""
    unknown = set(data) - set(NOTE_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    now = timezone.now()
    _refuse(rules.note_problems(data, now, person.date_of_birth))
    if involvement is not None and involvement.person_id != person.pk:
        raise Refused("That involvement is not this person's.", "involvement")
    note = CaseNote.objects.create(person=person, involvement=involvement, author=acting_user,
                                   recorded_at=now, status=NoteStatus.DRAFT, group=group,
                                   **data)
    written = {k: _jsonable(getattr(note, k)) for k in NOTE_FIELDS}
    if group is not None:
        written["group"] = str(group)
    _audit("case_note.write", note, acting_user, written)
    return note


@transaction.atomic
def do_update_draft(note: CaseNote, *, acting_user, expected_version: int,
                    **changes: Any) -> CaseNote:
    """Change a draft if nobody saved since ``expected_version``; a finalised note is refused
    (R-REC-4). Only the author edits their draft (R-REC-2)."""
    current = _locked(note, expected_version)
    if not rules.may_edit_draft(current.status):
        raise Refused(rules.FINALISED_REFUSAL, why=Why.STATE)
    if current.author_id != acting_user.pk:
        raise Refused("Only the author can change a draft record.", why=Why.FORBIDDEN)
    unknown = set(changes) - set(NOTE_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields {sorted(unknown)}")
    merged = {k: changes.get(k, getattr(current, k)) for k in NOTE_FIELDS}
    _refuse(rules.note_problems(merged, timezone.now(), current.person.date_of_birth))
    changed = {k: [_jsonable(getattr(current, k)), _jsonable(v)] for k, v in changes.items()
               if getattr(current, k) != v}
    if not changed:
        return current
    for field in changed:
        setattr(current, field, changes[field])
    current.version += 1
    current.save(update_fields=[*changed, "version"])
    _audit("case_note.update", current, acting_user, changed)
    return current


@transaction.atomic
def do_finalise(note: CaseNote, *, acting_user, expected_version: int) -> CaseNote:
    """The author finalises their draft; from then on it is only amended (R-REC-4)."""
    current = _locked(note, expected_version)
    if not rules.may_edit_draft(current.status):
        raise Refused("This record is already finalised.", why=Why.STATE)
    if not rules.may_finalise(current.author_id, acting_user.pk, current.status):
        raise Refused("Only the author can finalise this record.", why=Why.FORBIDDEN)
    current.status = NoteStatus.FINALISED
    current.finalised_at = timezone.now()
    current.version += 1
    current.save(update_fields=["status", "finalised_at", "version"])
    _audit("case_note.finalise", current, acting_user,
           {"finalised_at": current.finalised_at.isoformat()})
    chronology.sync(current)
    return current


@transaction.atomic
def do_amend(note: CaseNote, *, field: str, new_value: str | datetime, reason: str,
             acting_user, expected_version: int) -> NoteAmendment:
    """Correct a finalised note visibly: who, when, why, before and after (R-REC-4). Of two
    workers amending from the same version, the second gets ``StaleEdit``. Only the author or
    their team manager amends (``Refused``, ``Why.FORBIDDEN``, for anyone else). ``occurred_at``
    (when it happened) takes an aware datetime; every other part, its whole corrected text."""
    current = _locked(note, expected_version)
    author = current.author
    if not rules.may_amend(author_id=author.pk, author_team_id=author.team_id,
                           user_id=acting_user.pk, user_role=acting_user.role,
                           user_team_id=acting_user.team_id):
        raise Refused(rules.AMEND_NOT_YOURS, why=Why.FORBIDDEN)
    if field == "occurred_at":
        return _amend_time(current, new_value, reason, acting_user)
    if not isinstance(new_value, str):
        raise Refused("Enter the corrected text", "new_value")
    before = str(getattr(current, field, "") or "")
    after = new_value.strip()
    opinion = after if field == "opinion" else current.opinion
    basis = after if field == "opinion_basis" else current.opinion_basis
    _refuse(rules.amendment_problems(current.status, field, before, after, reason,
                                          opinion, basis))
    amendment = NoteAmendment.objects.create(note=current, field=field, before=before,
                                             after=after, reason=reason.strip(),
                                             amended_by=acting_user, amended_at=timezone.now())
    setattr(current, field, after)
    current.version += 1
    current.save(update_fields=[field, "version"])
    _audit("case_note.amend", current, acting_user,
           {"field": field, "before": before, "after": after, "reason": amendment.reason,
            "amendment": amendment.pk})
    chronology.sync(current)
    return amendment


def _amend_time(current: CaseNote, new_value: Any, reason: str, acting_user) -> NoteAmendment:
    """Correct when a finalised note's event happened (issue 11), shown as London time."""
    after = new_value if isinstance(new_value, datetime) else None
    _refuse(rules.time_amendment_problems(current.status, current.occurred_at, after,
                                               reason, timezone.now(),
                                               current.person.date_of_birth))
    assert after is not None
    before_at = current.occurred_at
    amendment = NoteAmendment.objects.create(
        note=current, field="occurred_at", before=rules.when_text(before_at),
        after=rules.when_text(after), reason=reason.strip(), amended_by=acting_user,
        amended_at=timezone.now())
    current.occurred_at = after
    current.version += 1
    current.save(update_fields=["occurred_at", "version"])
    _audit("case_note.amend", current, acting_user,
           {"field": "occurred_at", "before": before_at.isoformat(),
            "after": after.isoformat(), "reason": amendment.reason,
            "amendment": amendment.pk})
    chronology.sync(current)
    return amendment


def record_view(person, *, user, what: str = "view_case_notes") -> None:
    """Reading a child's case notes is reading their record: it is audited (practice 6)."""
    audit.record_read(what, user=user, obj=person)
