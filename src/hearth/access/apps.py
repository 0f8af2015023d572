from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "hearth.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self) -> None:
        """In every process: the audit log's sequencer joins the worker's periodic tasks."""
        from hearth.access import jobs  # noqa: F401  (registers the sequencer)
