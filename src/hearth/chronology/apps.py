from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "hearth.chronology"
    label = "chronology"
    verbose_name = "Chronology"

    def ready(self) -> None:
        from hearth.chronology.actions import follow_people_record
        from hearth.people.actions import RECORD_CHANGED

        RECORD_CHANGED.register(follow_people_record)  # addresses and households (R-PPL-3)
        from hearth.chronology import chronology as c
        from hearth.chronology.actions import register
        from hearth.chronology.models import Event
        from hearth.chronology.queries import event_scope
        from hearth.core import visibility
        from hearth.people.models import HouseholdMembership, PersonAddress

        visibility.register(Event, event_scope)
        from hearth.chronology.queries import recent_events_panel
        from hearth.people.queries.persons import PERSON_PANELS

        PERSON_PANELS.register(recent_events_panel)  # the person page's recent events

        register(PersonAddress, "address", c.address_events, c.all_addresses,
                 link=c.PERSON_PAGE)
        register(HouseholdMembership, "membership", c.membership_events, c.all_memberships,
                 link=c.PERSON_PAGE)
