"""A case note about several children of one family, written once (issue 15): the shared part
once, each child's own part (what the child said and what was said about them, whether it was
significant for them) for each. Each child gets a draft note of their own, written by
``do_write_note`` with its own audit row, all in one transaction; the notes share a ``group``.
Finalising one may finalise the others; a later amendment of a shared part may be made to the
others too (R-REC-4), each with an amendment of its own; a child's own part never is."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.db import transaction

from hearth.casework.actions import check_family_parts, refused_for_child
from hearth.casework.queries import live_involvement
from hearth.core.refusals import Refused
from hearth.records import queries
from hearth.records.actions.notes import NOTE_FIELDS, do_amend, do_finalise, do_write_note
from hearth.records.codes import CHILD_NOTE_FIELDS, FIELD_LABELS, NoteStatus
from hearth.records.models import CaseNote, NoteAmendment

SHARED_NOTE_FIELDS = tuple(f for f in NOTE_FIELDS if f not in CHILD_NOTE_FIELDS)
NO_CHILD = "Choose the children the note is about"


@transaction.atomic
def do_write_family_note(person, parts: Sequence[Mapping[str, Any]], *, acting_user,
                         **shared: Any) -> list[CaseNote]:
    """Write one draft note about several children of ``person``'s family. ``parts``: for
    each child, ``{"child": person, "who_said_what": ..., "significant_event": ...}``;
    ``shared``: the other parts of a note. Every child must be one of the family's children
    the acting user may see. All or nothing. Returns the notes in the order of ``parts``."""
    many = check_family_parts(parts, acting_user=acting_user, person=person, shared=shared,
                              shared_fields=SHARED_NOTE_FIELDS, own_fields=CHILD_NOTE_FIELDS,
                              none_chosen=NO_CHILD)
    group = uuid.uuid4() if many else None
    notes = []
    for index, part in enumerate(parts):
        child = part["child"]
        try:
            notes.append(do_write_note(
                child, acting_user=acting_user, involvement=live_involvement(child),
                group=group, who_said_what=part.get("who_said_what", ""),
                significant_event=bool(part.get("significant_event")), **shared))
        except Refused as refusal:
            raise refused_for_child(refusal, index, child, own_fields=CHILD_NOTE_FIELDS,
                                    many=many) from refusal
    return notes


@transaction.atomic
def do_finalise_family_note(note: CaseNote, *, acting_user, expected_version: int,
                            to_all: bool = False) -> list[CaseNote]:
    """Finalise ``note`` (``do_finalise``) and, when ``to_all``, the acting user's drafts
    written with it (each audited and added to its child's chronology)."""
    done = [do_finalise(note, acting_user=acting_user, expected_version=expected_version)]
    if to_all:
        for other in queries.written_with(acting_user, note):
            if other.status == NoteStatus.DRAFT and other.author_id == acting_user.pk:
                done.append(do_finalise(other, acting_user=acting_user,
                                        expected_version=other.version))
    return done


def amendable_with(user, note: CaseNote, field: str, new_value: Any) -> list[CaseNote]:
    """The finalised notes written with ``note`` whose ``field`` would change."""
    after = new_value.strip() if isinstance(new_value, str) else new_value
    return [other for other in queries.written_with(user, note)
            if other.status == NoteStatus.FINALISED and getattr(other, field, None) != after]


@transaction.atomic
def do_amend_family_note(note: CaseNote, *, field: str, new_value: str | datetime,
                         reason: str, acting_user, expected_version: int,
                         to_all: bool = False) -> list[NoteAmendment]:
    """Amend ``note`` (``do_amend``, R-REC-4) and, when ``to_all``, make the same amendment
    to the finalised notes written with it that the acting user may see and that do not
    already say so, each with its own amendment and the same reason. A child's own part is
    never copied to another child (refused)."""
    if to_all and field in CHILD_NOTE_FIELDS:
        label = FIELD_LABELS.get(field, field)
        raise Refused(f"{label} is each child's own: amend it on each child's note", "to_all")
    amendments = [do_amend(note, field=field, new_value=new_value, reason=reason,
                           acting_user=acting_user, expected_version=expected_version)]
    if to_all:
        for other in amendable_with(acting_user, note, field, new_value):
            try:
                amendments.append(do_amend(other, field=field, new_value=new_value,
                                           reason=reason, acting_user=acting_user,
                                           expected_version=other.version))
            except Refused as refusal:
                raise refused_for_child(refusal, 0, other.person, own_fields=CHILD_NOTE_FIELDS,
                                        many=True) from refusal
    return amendments
