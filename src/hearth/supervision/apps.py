from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "hearth.supervision"
    label = "supervision"
    verbose_name = "Supervision"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.supervision.models import SupervisionAction, SupervisionSession
        from hearth.supervision.queries import (
            action_scope,
            latest_visit_action_plan,
            session_scope,
        )

        visibility.register(SupervisionSession, session_scope)
        visibility.register(SupervisionAction, action_scope)
        # Safety (below supervision) finds the visit action plan agreed in supervision
        # through its registry (R-SAFE-3).
        from hearth.safety.queries.plans import VISIT_ACTION_PLANS

        VISIT_ACTION_PLANS.register(latest_visit_action_plan)
        from hearth.core.due import SOURCES
        from hearth.supervision import due

        SOURCES.register(due.supervision)  # what is due (issue 15)
