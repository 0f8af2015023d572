from django.apps import AppConfig


class DraftsConfig(AppConfig):
    name = "hearth.drafts"
    label = "drafts"
    verbose_name = "Drafts and forms kept over a timeout"

    def ready(self) -> None:
        from hearth.drafts import jobs  # noqa: F401  (registers the purge of old drafts)
