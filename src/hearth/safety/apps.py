from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "hearth.safety"
    label = "safety"
    verbose_name = "Worker safety: warnings, visit plans and lone working"

    def ready(self) -> None:
        from hearth.safety import checkins

        checkins.register()  # lone working: job handlers and the visit-completion check
