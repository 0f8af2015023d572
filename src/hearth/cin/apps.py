from django.apps import AppConfig


class CinConfig(AppConfig):
    name = "hearth.cin"
    label = "cin"
    verbose_name = "Children in need plans"

    def ready(self) -> None:
        pass
