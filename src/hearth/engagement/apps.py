from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "hearth.engagement"
    label = "engagement"
    verbose_name = "Engagement, resistance and follow-up"

    def ready(self) -> None:
        from django.db.models import OuterRef

        from hearth.casework.actions import CLOSURE_CHECKS
        from hearth.chronology.actions import register
        from hearth.core import presence, visibility
        from hearth.engagement import chronology
        from hearth.engagement.actions import open_follow_up_refusal
        from hearth.engagement.models import EngagementEvent, FollowUpTask
        from hearth.engagement.queries.events import person_scope

        visibility.register(EngagementEvent, person_scope)
        visibility.register(FollowUpTask, person_scope)
        register(EngagementEvent, chronology.ORIGIN, chronology.build, chronology.all_events,
                 link=chronology.LINK)
        CLOSURE_CHECKS.register(open_follow_up_refusal)
        from hearth.engagement.actions import after_visit
        from hearth.visits.actions import AFTER_VISIT

        AFTER_VISIT.register(after_visit)
        from hearth.core.due import SOURCES
        from hearth.engagement import due

        SOURCES.register(due.follow_up_tasks)  # what is due (issue 15)
        presence.register("follow_ups", lambda: FollowUpTask.objects.filter(person=OuterRef("pk")))
