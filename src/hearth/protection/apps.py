from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "hearth.protection"
    label = "protection"
    verbose_name = "Child protection"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.people.models import Person
        from hearth.protection.queries.conferences import chair_reach
        from hearth.protection.queries.pathway import register_scopes

        # Conference chairs see the children the conference service works with.
        visibility.add_reach(Person, chair_reach)
        # Whoever sees the child sees the records of its child protection pathway.
        register_scopes()
        from hearth.documents.queries import Target, register_target
        from hearth.protection.models import Conference

        register_target(Target("conference", "conference", Conference,
                               lambda conference: conference.person, "protection:conference"))
        from hearth.chronology.actions import register
        from hearth.protection import chronology as c
        from hearth.protection import models as m

        register(m.StrategyDiscussion, "strategy_discussion", c.strategy_events,
                 c.all_strategy_discussions)
        register(m.Section47Enquiry, "s47_enquiry", c.enquiry_events, c.all_enquiries)
        register(m.S47Visit, "s47_visit", c.s47_visit_events, c.all_s47_visits)
        register(m.Conference, "cp_conference", c.conference_events, c.all_conferences)
        register(m.CPPlan, "cp_plan", c.plan_events, c.all_plans)
        register(m.CoreGroupMeeting, "core_group_meeting", c.core_group_events,
                 c.all_core_group_meetings)
        from hearth.core.due import SOURCES
        from hearth.protection import due

        # What is due (issue 15): conferences, core groups, outcomes to authorise.
        SOURCES.register(due.conferences)
        SOURCES.register(due.core_groups)
        SOURCES.register(due.cp_visits)
        SOURCES.register(due.outcomes_to_authorise)
        SOURCES.register(due.strategy_actions)
        # Whether a child has the records a source's work comes from (``core.due.needs``).
        from django.db.models import OuterRef

        from hearth.core import presence

        presence.register("s47", lambda: m.Section47Enquiry.objects.filter(person=OuterRef("pk")))
        presence.register("cp_plans", lambda: m.CPPlan.objects.filter(person=OuterRef("pk")))
        presence.register("strategy",
                          lambda: m.StrategyDiscussion.objects.filter(person=OuterRef("pk")))
        from hearth.core.status import PROVIDERS
        from hearth.people.queries.persons import PERSON_PANELS
        from hearth.protection.status import plan_panel, protection_statuses

        PROVIDERS.register(protection_statuses)  # the child at a glance (issue 15)
        PERSON_PANELS.register(plan_panel)  # the person page's current plan
