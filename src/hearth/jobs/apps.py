from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "hearth.jobs"
    label = "jobs"

    def ready(self) -> None:
        from hearth.jobs import jobs  # noqa: F401  (registers the job kinds)
