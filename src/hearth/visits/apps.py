from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "hearth.visits"
    label = "visits"
    verbose_name = "Visits"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.visits.models import Visit
        from hearth.visits.queries import visit_scope

        visibility.register(Visit, visit_scope)  # a visit is seen with its child
        from hearth.documents.queries import Target, register_target

        register_target(Target("visit", "visit", Visit, lambda visit: visit.child,
                               "visits:detail"))
        from hearth.chronology.actions import register
        from hearth.visits import chronology

        register(Visit, chronology.ORIGIN, chronology.visit_events, chronology.all_visits,
                 link=chronology.LINK)
