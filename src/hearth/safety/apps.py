from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "hearth.safety"
    label = "safety"
    verbose_name = "Worker safety: warnings, visit plans and lone working"

    def ready(self) -> None:
        from hearth.frontdoor.queries import duty
        from hearth.safety import checkins

        checkins.register()  # lone working: job handlers and the visit-completion check
        duty.register_on_call(checkins.on_call_at)  # R-MASH-3: who approves out of hours
