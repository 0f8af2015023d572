from django.apps import AppConfig


class DifferencesConfig(AppConfig):
    name = "hearth.differences"
    label = "differences"
    verbose_name = "Resolving professional differences"
