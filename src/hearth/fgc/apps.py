from django.apps import AppConfig


class FgcConfig(AppConfig):
    name = "hearth.fgc"
    label = "fgc"
    verbose_name = "Family Group Conferences"

    def ready(self) -> None:
        from django.db.models import OuterRef

        from hearth.chronology.actions import register
        from hearth.chronology.rules import Link
        from hearth.core import presence, visibility
        from hearth.core.due import SOURCES
        from hearth.core.status import PROVIDERS
        from hearth.fgc import chronology, due
        from hearth.fgc.models import FGC, FGCChild
        from hearth.fgc.queries.referrals import fgc_scope, in_service, service_reach
        from hearth.fgc.status import fgc_panel, fgc_statuses
        from hearth.people.models import Person
        from hearth.people.queries.persons import PERSON_PANELS

        visibility.register(FGC, fgc_scope)
        # Compiled once a process for each user: the person page's panel reads through it.
        visibility.keep(FGC, embeds=(Person,))
        visibility.depends_on(FGC, in_service)  # the service sees the FGCs it works on
        # The FGC service opens the records of the children it works with.
        visibility.add_reach(Person, service_reach)
        visibility.depends_on(Person, in_service)  # the reach is the FGC service's
        register(FGC, "fgc", chronology.fgc_events, chronology.all_fgcs,
                 link=Link("fgc:fgc", "fgc_id"))
        SOURCES.register(due.fgc_work)  # what is due (issue 16)
        PROVIDERS.register(fgc_statuses)  # the child at a glance
        PERSON_PANELS.register(fgc_panel)  # the person page's FGCs, "Refer for an FGC"
        presence.register("fgc", lambda: FGCChild.objects.filter(person=OuterRef("pk")))
