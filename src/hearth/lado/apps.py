from django.apps import AppConfig


class LadoConfig(AppConfig):
    name = "hearth.lado"
    label = "lado"
    verbose_name = "LADO allegations"

    def ready(self) -> None:
        from django.db.models import OuterRef

        from hearth.chronology.actions import register
        from hearth.core import presence, visibility
        from hearth.core.due import SOURCES
        from hearth.core.status import PROVIDERS
        from hearth.lado import chronology, due
        from hearth.lado.models import Matter, MatterChild, Meeting
        from hearth.lado.queries.children import linked_children_reach
        from hearth.lado.queries.matters import in_lado_service, matter_scope
        from hearth.lado.queries.meetings import meeting_scope
        from hearth.lado.status import lado_panel, lado_statuses
        from hearth.people.models import Person
        from hearth.people.queries.persons import PERSON_PANELS

        # R-LADO-3: only the LADO service (and its service manager) sees matters; the LADO
        # service reaches the records of the children its matters are linked to.
        visibility.register(Matter, matter_scope)
        visibility.register(Meeting, meeting_scope)
        visibility.add_reach(Person, linked_children_reach)
        visibility.depends_on(Person, in_lado_service)  # whether a LADO officer is in the team
        # A child's record shows only the marker: its header, its page, its chronology.
        PROVIDERS.register(lado_statuses)
        PERSON_PANELS.register(lado_panel)
        presence.register("lado", lambda: MatterChild.objects.filter(person=OuterRef("pk")))
        register(MatterChild, "lado_matter_child", chronology.child_events,
                 chronology.all_children)
        # What is due: the LADO's responses (R-LADO-2).
        SOURCES.register(due.responses)
