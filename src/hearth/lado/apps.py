from django.apps import AppConfig


class LadoConfig(AppConfig):
    name = "hearth.lado"
    label = "lado"
    verbose_name = "LADO allegations"
