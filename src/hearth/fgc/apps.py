from django.apps import AppConfig


class FgcConfig(AppConfig):
    name = "hearth.fgc"
    label = "fgc"
    verbose_name = "Family Group Conferences"
