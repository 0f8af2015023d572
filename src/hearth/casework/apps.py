from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "hearth.casework"
    label = "casework"

    def ready(self) -> None:
        from hearth.casework.models import Involvement, InvolvementWorker
        from hearth.casework.queries import involvement_reach, involvement_scope, link_scope
        from hearth.core import visibility
        from hearth.people.models import Person

        # Practitioners see the people of their own and their team's involvements.
        visibility.add_reach(Person, involvement_reach)
        # An involvement (and a secondary worker's link to it) is seen with its child.
        visibility.register(Involvement, involvement_scope)
        visibility.register(InvolvementWorker, link_scope)

        from hearth.casework.queries import involvements_panel
        from hearth.people.queries.persons import PERSON_PANELS

        PERSON_PANELS.register(involvements_panel)  # the person page's involvements
        from hearth.casework.status import casework_statuses
        from hearth.core.status import PROVIDERS

        PROVIDERS.register(casework_statuses)  # the child at a glance (issue 15)
        from hearth.casework import chronology
        from hearth.chronology.actions import register_link

        register_link(chronology.ORIGIN, chronology.LINK)
