"""What case records add to a child's chronology (R-CHR-1): a finalised case note marked as a
significant event. Registered from the app's AppConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, name_of, shorten
from hearth.records.models import CaseNote

ORIGIN = "case_note"
LINK = Link("records:detail", "note_id")


def case_note_events(note) -> list[Spec]:
    if not (note.significant_event and note.status == "finalised"):
        return []
    summary = shorten(note.who_said_what, 300)
    if note.actions_taken:
        summary += f" Action: {shorten(note.actions_taken, 100)}"
    return [Spec(note.person_id, Kind.CASE_NOTE, note.occurred_at, summary,
                 source_person=name_of(note.author), recorded_by_id=note.author_id)]


def all_case_notes():
    return CaseNote.objects.filter(significant_event=True).select_related("author")
