from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "hearth.supervision"
    label = "supervision"
    verbose_name = "Supervision"

    def ready(self) -> None:
        # Added for issue 12 by the safety helper: safety (below supervision) finds the visit
        # action plan agreed in supervision through its registry (R-SAFE-3).
        from hearth.safety.queries.plans import VISIT_ACTION_PLANS
        from hearth.supervision.queries import latest_visit_action_plan

        VISIT_ACTION_PLANS.register(latest_visit_action_plan)
