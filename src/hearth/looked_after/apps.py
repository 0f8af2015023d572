from django.apps import AppConfig


class LookedAfterConfig(AppConfig):
    name = "hearth.looked_after"
    label = "looked_after"
    verbose_name = "Children looked after"

    def ready(self) -> None:
        pass
