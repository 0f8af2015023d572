from django.apps import AppConfig


class AccessConfig(AppConfig):
    name = "hearth.access"
    label = "access"
    verbose_name = "Access and audit"

    def ready(self) -> None:
        from hearth.access import jobs  # noqa: F401  (registers the purge of idempotency keys)
