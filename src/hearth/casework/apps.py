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

        from hearth.casework.queries import involvements_panel
        from hearth.people.queries.persons import PERSON_PANELS

        PERSON_PANELS.register(involvements_panel)  # the person page's involvements
