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

        from hearth.people.schemas import PERSON_API_FIELDS, ExtraField
        from hearth.safety.api import shown_for_api
        from hearth.safety.schemas import WorkerSafetyWarningOut

        # R-SAFE-1: the person API shows the warnings on the person, their family or address.
        PERSON_API_FIELDS.register(ExtraField("worker_safety_warnings",
                                              list[WorkerSafetyWarningOut], shown_for_api,
                                              default=[]))
