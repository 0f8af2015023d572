from django.apps import AppConfig


class DifferencesConfig(AppConfig):
    name = "hearth.differences"
    label = "differences"
    verbose_name = "Resolving professional differences"

    def ready(self) -> None:
        from django.db.models import OuterRef

        from hearth.chronology.actions import register
        from hearth.chronology.rules import Link
        from hearth.core import presence, visibility
        from hearth.core.due import SOURCES
        from hearth.core.status import PROVIDERS
        from hearth.differences import chronology, due
        from hearth.differences.models import Difference
        from hearth.differences.queries.differences import difference_scope
        from hearth.differences.status import difference_statuses, differences_panel
        from hearth.people.models import Person
        from hearth.people.queries.persons import PERSON_PANELS

        visibility.register(Difference, difference_scope)  # who may see one (queries.py)
        # Compiled once a process for each user: the person page's panel reads through it.
        visibility.keep(Difference, embeds=(Person,))
        register(Difference, "difference", chronology.difference_events,
                 chronology.all_differences,
                 link=Link("differences:difference", "difference_id"))
        SOURCES.register(due.differences)  # stage owners, the allocated worker, the teller
        PROVIDERS.register(difference_statuses)  # "Professional difference open — stage N"
        PERSON_PANELS.register(differences_panel)  # the person page's differences
        # Whether the child has any difference at all: the panel's query only when one does.
        presence.register("differences", lambda: Difference.objects.filter(person=OuterRef("pk")))
