from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "hearth.engagement"
    label = "engagement"
    verbose_name = "Engagement, resistance and follow-up"

    def ready(self) -> None:
        from hearth.casework.actions import CLOSURE_CHECKS
        from hearth.chronology import sources
        from hearth.engagement import chronology
        from hearth.engagement.actions import open_follow_up_refusal
        from hearth.engagement.models import EngagementEvent

        sources.register(EngagementEvent, "engagement", chronology.build, chronology.all_events)
        CLOSURE_CHECKS.register(open_follow_up_refusal)
        from hearth.engagement.actions import after_visit
        from hearth.visits.actions import AFTER_VISIT

        AFTER_VISIT.register(after_visit)
