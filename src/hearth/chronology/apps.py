from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "hearth.chronology"
    label = "chronology"
    verbose_name = "Chronology"

    def ready(self) -> None:
        from hearth.chronology.actions import follow_people_record
        from hearth.people.actions import RECORD_CHANGED

        RECORD_CHANGED.register(follow_people_record)  # addresses and households (R-PPL-3)
