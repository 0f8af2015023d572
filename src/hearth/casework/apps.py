from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "hearth.casework"
    label = "casework"

    def ready(self) -> None:
        from hearth.casework.queries import involvement_reach
        from hearth.core import visibility
        from hearth.people.models import Person

        # Practitioners see the people of their own and their team's involvements.
        visibility.add_reach(Person, involvement_reach)
        from hearth.casework import chronology
        from hearth.chronology.actions import register_link

        register_link(chronology.ORIGIN, chronology.LINK)
