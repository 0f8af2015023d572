from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "hearth.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.frontdoor.models import Contact, Decision
        from hearth.frontdoor.queries.contacts import contact_scope, decision_scope

        visibility.register(Contact, contact_scope)
        visibility.register(Decision, decision_scope)
        from hearth.documents.queries import Target, register_target
        from hearth.frontdoor.queries.contacts import child_of

        # Documents may be attached to a contact (issue 15).
        register_target(Target("contact", "contact", Contact, child_of, "contacts:contact"))

        from hearth.frontdoor.queries.contacts import contacts_panel
        from hearth.people.queries.persons import PERSON_PANELS

        PERSON_PANELS.register(contacts_panel)  # the person page's contacts
        from hearth.chronology.actions import register
        from hearth.frontdoor import chronology

        register(Contact, chronology.ORIGIN, chronology.contact_events,
                 chronology.all_contacts, link=chronology.LINK)
        from hearth.core.due import SOURCES
        from hearth.frontdoor import due

        SOURCES.register(due.contact_decisions)  # what is due (issue 15): R-FD-4, R-FD-5
        SOURCES.register(due.mash_requests)  # a partner's requests to answer (R-MASH)
