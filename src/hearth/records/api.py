"""``/api/v1/notes``: case notes (R-REC-1..3) written as drafts, finalised by their author,
then only amended visibly (R-REC-4), with the same rules as the pages.

A note whose person the caller may not see is 404. Changes need ``If-Match`` with the ETag
of your last read (428 without it, 412 when someone changed the note since: of two workers
amending from the same version, the second gets 412). Refusals answer from the one status
table (``core.refusals``): bad input is 422 with ``errors`` naming the field; only the
author edits or finalises a draft, and only the author or their team manager amends (403
for anyone else); a finalised note is not edited and a draft is not amended (409). Nothing
is written when a request is refused. (No ``from __future__ import annotations``:
django-ninja reads the annotations at import.)"""

from datetime import datetime
from uuid import UUID

from django.http import HttpResponse
from ninja import Router, Status

from hearth.access.permissions import AuthedRequest, permission
from hearth.casework.queries import live_involvement
from hearth.core.problems import CHANGE_ERRORS, READ_ERRORS, Problem
from hearth.core.refusals import Refused
from hearth.core.versions import etag, require_if_match
from hearth.records.actions import family
from hearth.records.actions import notes as actions
from hearth.records.models import CaseNote
from hearth.records.queries import (
    get_visible_note,
    get_visible_person,
    notes_of,
    written_with,
    written_with_each,
)
from hearth.records.schemas import (
    AWARE_EXAMPLE,
    PLACE,
    FamilyNoteIn,
    FamilyNoteOut,
    NoteAmendIn,
    NoteIn,
    NoteList,
    NoteOut,
    NotePatch,
)

router = Router(tags=["case notes"])

ERRORS = {**CHANGE_ERRORS, 403: Problem}


def _out(note: CaseNote, together: list[CaseNote] | None = None) -> dict:
    data = {f: getattr(note, f) for f in NoteOut.model_fields
            if f not in ("person_id", "author", "amendments", "written_with")}
    data["written_with"] = [other.pk for other in together or []]
    data["person_id"] = note.person_id
    data["author"] = note.author.display_name
    data["amendments"] = [{"field": a.field, "field_label": a.get_field_label(),
                           "before": a.before, "after": a.after, "reason": a.reason,
                           "amended_by": a.amended_by.display_name,
                           "amended_at": a.amended_at} for a in note.amendments.all()]
    return data


def _change(request: AuthedRequest, response: HttpResponse, note_id: int, do, **kwargs):
    """Check If-Match, run the action, answer with the note as it is now."""
    note = get_visible_note(request.auth, note_id)
    expected = require_if_match(request, note, "note")
    do(note, acting_user=request.auth, expected_version=expected, **kwargs)
    note = get_visible_note(request.auth, note.pk)
    response["ETag"] = etag(note)
    return _out(note, written_with(request.auth, note))


@router.get("", response={200: NoteList, **READ_ERRORS},
            auth=permission("records.view"))
def person_notes(request: AuthedRequest, person: UUID):
    """The person's case notes, newest first, each with its amendments."""
    found = get_visible_person(request.auth, person)
    found_notes = list(notes_of(request.auth, found))
    together = written_with_each(request.auth, found_notes)
    notes = [_out(note, together.get(note.pk)) for note in found_notes]
    actions.record_view(found, user=request.auth, what="api_view_case_notes")
    return {"person_id": found.pk, "notes": notes}


@router.post("", response={201: NoteOut, **READ_ERRORS},
             auth=permission("records.write"))
def write(request: AuthedRequest, response: HttpResponse, payload: NoteIn):
    """Write a draft about ``person_id``; you are its author, now is when it was recorded
    (R-REC-2). An opinion needs what informed it (R-REC-3)."""
    data = payload.dict()
    person = get_visible_person(request.auth, data.pop("person_id"))
    note = actions.do_write_note(person, acting_user=request.auth,
                                 involvement=live_involvement(person),
                                 **data)
    note = get_visible_note(request.auth, note.pk)
    response["ETag"] = etag(note)
    return Status(201, _out(note))


@router.get("/{int:note_id}", response={200: NoteOut, 404: Problem},
            auth=permission("records.view"))
def detail(request: AuthedRequest, response: HttpResponse, note_id: int):
    note = get_visible_note(request.auth, note_id)
    actions.record_view(note.person, user=request.auth, what="api_view_case_note")
    response["ETag"] = etag(note)
    return _out(note, written_with(request.auth, note))


@router.patch("/{int:note_id}", response={200: NoteOut, **ERRORS},
              auth=permission("records.write"))
def change_draft(request: AuthedRequest, response: HttpResponse, note_id: int,
                 payload: NotePatch):
    """The author changes the fields sent of their draft; a finalised note is amended
    instead (R-REC-4)."""
    return _change(request, response, note_id, actions.do_update_draft,
                   **payload.dict(exclude_unset=True))


@router.post("/{int:note_id}/finalise", response={200: NoteOut, **ERRORS},
             auth=permission("records.write"))
def finalise(request: AuthedRequest, response: HttpResponse, note_id: int):
    """The author finalises their draft; from then on it is only amended (R-REC-4)."""
    return _change(request, response, note_id, actions.do_finalise)


@router.post("/{int:note_id}/amend", response={200: NoteOut, **ERRORS},
             auth=permission("records.write"))
def amend(request: AuthedRequest, response: HttpResponse, note_id: int, payload: NoteAmendIn):
    """Correct one part of a finalised note, with a reason: shown with the note with who
    amended it and when, before and after (R-REC-4). To correct when it happened, send
    ``field`` ``occurred_at`` and the ISO 8601 date-time with its offset as ``new_value``."""
    if payload.field == "place" and len(payload.new_value.strip()) > PLACE:
        raise Refused(f"Where it happened must be {PLACE} characters or fewer", "new_value")
    new_value: str | datetime = payload.new_value
    if payload.field == "occurred_at":
        try:
            new_value = datetime.fromisoformat(payload.new_value.strip())
        except ValueError as exc:
            raise Refused(f"When it happened {AWARE_EXAMPLE}", "new_value") from exc
        if new_value.utcoffset() is None:
            raise Refused(f"When it happened {AWARE_EXAMPLE}", "new_value")
    return _change(request, response, note_id, family.do_amend_family_note,
                   field=payload.field, new_value=new_value, reason=payload.reason,
                   to_all=payload.to_all)


@router.post("/family", response={201: FamilyNoteOut, **READ_ERRORS},
             auth=permission("records.write"))
def write_for_family(request: AuthedRequest, payload: FamilyNoteIn):
    """Write one draft note about several children of a family at once (issue 15): the
    shared part once, each child's own part in ``children``; each child gets a draft of
    their own, linked to the others (``written_with``). A child you may not see is 404; a
    child sent twice, or not of the first child's family, is 422; when any child's note is
    refused (422; ``children.<n>.<field>`` for a child's own part) none is written."""
    data = payload.dict()
    parts = data.pop("children")
    people = [get_visible_person(request.auth, part.pop("person_id")) for part in parts]
    notes = family.do_write_family_note(
        people[0], [{"child": person, **part} for person, part in zip(people, parts,
                                                                       strict=True)],
        acting_user=request.auth, **data)
    found = [get_visible_note(request.auth, note.pk) for note in notes]
    together = written_with_each(request.auth, found)
    return Status(201, {"notes": [_out(note, together.get(note.pk)) for note in found]})
