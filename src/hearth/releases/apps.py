from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "hearth.releases"
    label = "releases"
    verbose_name = "Copies of records released to the people they are about"
