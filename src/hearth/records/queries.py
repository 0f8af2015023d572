"""Reads that pages share; a note is visible exactly when its person is
(``Person.objects.visible_to``), otherwise 404."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from hearth.people.models import Person
from hearth.people.queries import get_visible_person as get_visible_person
from hearth.records.models import CaseNote, NoteAmendment


def visible_notes(user) -> QuerySet[CaseNote]:
    return CaseNote.objects.filter(person__in=Person.objects.visible_to(user))


def _with_parts(qs: QuerySet[CaseNote]) -> QuerySet[CaseNote]:
    amendments = NoteAmendment.objects.select_related("amended_by").order_by("amended_at", "pk")
    return qs.select_related("person", "author").prefetch_related(
        Prefetch("amendments", queryset=amendments))




def notes_of(user, person: Person) -> QuerySet[CaseNote]:
    """The person's notes, newest first (by when it happened, then when recorded)."""
    return _with_parts(visible_notes(user).filter(person=person)).order_by(
        "-occurred_at", "-recorded_at", "-pk")


def get_visible_note(user, note_id) -> CaseNote:
    """The note, or 404 when it does not exist or its person is not visible to ``user``."""
    try:
        return _with_parts(visible_notes(user)).get(pk=note_id)
    except (CaseNote.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such record.") from exc
