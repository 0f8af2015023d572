from django.apps import AppConfig


class CinConfig(AppConfig):
    name = "hearth.cin"
    label = "cin"
    verbose_name = "Children in need plans"

    def ready(self) -> None:
        from django.db.models import OuterRef

        from hearth.assessments.views import NEXT_STEPS
        from hearth.chronology.actions import register
        from hearth.chronology.rules import Link
        from hearth.cin import chronology, due
        from hearth.cin.actions.plans import end_for_cp_plan
        from hearth.cin.models import CINPlan
        from hearth.cin.queries import plan_scope
        from hearth.cin.status import cin_panel, cin_statuses, likely_purpose, start_link
        from hearth.core import presence, visibility
        from hearth.core.due import SOURCES
        from hearth.core.status import PROVIDERS
        from hearth.people.models import Person
        from hearth.people.queries.persons import PERSON_PANELS
        from hearth.protection.actions.plans import PLAN_STARTED
        from hearth.visits.queries import LIKELY_PURPOSE

        visibility.register(CINPlan, plan_scope)  # seen by whoever sees the child
        # Compiled once a process for each user: the person page's panel reads through it.
        visibility.keep(CINPlan, embeds=(Person,))
        register(CINPlan, "cin_plan", chronology.plan_events, chronology.all_plans,
                 link=Link("cin:plan", "plan_id"))
        SOURCES.register(due.cin_meetings)  # R-CIN-1: the next CIN meeting
        SOURCES.register(due.cin_visits)  # R-CIN-1: the next statutory CIN visit
        PROVIDERS.register(cin_statuses)  # the child at a glance
        PERSON_PANELS.register(cin_panel)  # the person page's CIN plan
        presence.register("cin_plans", lambda: CINPlan.objects.filter(person=OuterRef("pk")))
        PLAN_STARTED.register(end_for_cp_plan)  # R-CIN-2: a CP plan ends the CIN plan
        LIKELY_PURPOSE.register(likely_purpose)  # a new visit: the plan's statutory visit
        NEXT_STEPS.register(start_link)  # "Start the CIN plan" on the assessment's page
