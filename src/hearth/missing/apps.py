from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "hearth.missing"
    label = "missing"
    verbose_name = "Missing children"

    def ready(self) -> None:
        pass
