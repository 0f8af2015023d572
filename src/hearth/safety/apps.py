from django.apps import AppConfig


class SafetyConfig(AppConfig):
    name = "hearth.safety"
    label = "safety"
    verbose_name = "Worker safety: warnings, visit plans and lone working"

    def ready(self) -> None:
        """In every process (web, worker, tests): who may open what, the lone-working job
        handlers, the visit hooks, and who approves out of hours."""
        from hearth.core import visibility
        from hearth.frontdoor.queries import duty
        from hearth.safety import jobs  # noqa: F401  (registers the lone-working job kinds)
        from hearth.safety.models import CheckIn, VisitPlan, WorkerWarning
        from hearth.safety.queries.checkins import checkin_scope, open_visit_check
        from hearth.safety.queries.go_ahead import new_visit_check
        from hearth.safety.queries.oncall import on_call_at
        from hearth.safety.queries.plans import plan_scope
        from hearth.safety.queries.warnings import warning_scope
        from hearth.visits.actions import NEW_VISIT_CHECKS, VISIT_CHECKS

        visibility.register(WorkerWarning, warning_scope)
        visibility.register(VisitPlan, plan_scope)
        visibility.register(CheckIn, checkin_scope)
        VISIT_CHECKS.register(open_visit_check)  # R-SAFE-4: check out before completing
        NEW_VISIT_CHECKS.register(new_visit_check)  # R-SAFE-2, R-SAFE-3, R-RES-5
        duty.register_on_call(on_call_at)  # R-MASH-3: who approves out of hours

        from hearth.people.schemas import PERSON_API_FIELDS, ExtraField
        from hearth.safety.api import shown_for_api
        from hearth.safety.schemas import WorkerSafetyWarningOut

        # R-SAFE-1: the person API shows the warnings on the person, their family or address.
        PERSON_API_FIELDS.register(ExtraField("worker_safety_warnings",
                                              list[WorkerSafetyWarningOut], shown_for_api,
                                              default=[]))
        from hearth.core.due import SOURCES
        from hearth.safety import due

        SOURCES.register(due.warnings)  # what is due (issue 15): warnings to sign off, review
        from hearth.core import jinja
        from hearth.safety.templatetags.worker_safety import jinja_flags

        jinja.GLOBALS["worker_safety_flags"] = jinja_flags  # R-SAFE-1, in lists of people
