from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "hearth.records"
    label = "records"
    verbose_name = "Records"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.records.models import CaseNote, ParentSummary
        from hearth.records.queries import note_scope, summary_scope

        visibility.register(CaseNote, note_scope)  # a note is seen with its person
        visibility.register(ParentSummary, summary_scope)  # with its parent and child
        from hearth.chronology.actions import register
        from hearth.records import chronology
        from hearth.records.models import CaseNote

        register(CaseNote, chronology.ORIGIN, chronology.case_note_events,
                 chronology.all_case_notes, link=chronology.LINK)
