from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "hearth.releases"
    label = "releases"
    verbose_name = "Copies of records released to the people they are about"

    def ready(self) -> None:
        """A copy is visible exactly when its person is."""
        from hearth.core import visibility
        from hearth.releases.models import Release
        from hearth.releases.queries.releases import release_scope

        visibility.register(Release, release_scope)
