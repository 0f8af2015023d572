from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "hearth.visits"
    label = "visits"
    verbose_name = "Visits"

    def ready(self) -> None:
        from hearth.chronology.actions import register
        from hearth.visits import chronology
        from hearth.visits.models import Visit

        register(Visit, chronology.ORIGIN, chronology.visit_events, chronology.all_visits,
                 link=chronology.LINK)
