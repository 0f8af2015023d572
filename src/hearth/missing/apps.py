from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "hearth.missing"
    label = "missing"
    verbose_name = "Missing children"

    def ready(self) -> None:
        from django.db.models import OuterRef

        from hearth.chronology.actions import register
        from hearth.core import presence, visibility
        from hearth.core.due import SOURCES
        from hearth.core.status import PROVIDERS
        from hearth.missing import chronology, due
        from hearth.missing.models import MissingEpisode
        from hearth.missing.queries import episode_scope
        from hearth.missing.status import missing_panel, missing_statuses
        from hearth.people.queries.persons import PERSON_PANELS

        visibility.register(MissingEpisode, episode_scope)  # seen with its child
        register(MissingEpisode, chronology.ORIGIN, chronology.episode_events,
                 chronology.all_episodes, link=chronology.LINK)
        SOURCES.register(due.return_interviews)  # R-CLA-6: 72 hours after the return
        PROVIDERS.register(missing_statuses)  # "Missing now since …"
        PERSON_PANELS.register(missing_panel)
        presence.register("missing", lambda: MissingEpisode.objects.filter(child=OuterRef("pk")))
