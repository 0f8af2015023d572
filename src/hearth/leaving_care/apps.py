from django.apps import AppConfig


class LeavingCareConfig(AppConfig):
    name = "hearth.leaving_care"
    label = "leaving_care"
    verbose_name = "Care leavers"

    def ready(self) -> None:
        pass
