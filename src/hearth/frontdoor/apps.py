from django.apps import AppConfig


class FrontdoorConfig(AppConfig):
    name = "hearth.frontdoor"
    label = "frontdoor"
    verbose_name = "Front door"

    def ready(self) -> None:
        from hearth.core import visibility
        from hearth.frontdoor.models import Contact
        from hearth.frontdoor.queries import contact_scope

        visibility.register(Contact, contact_scope)
        from hearth.chronology.actions import register
        from hearth.frontdoor import chronology

        register(Contact, chronology.ORIGIN, chronology.contact_events,
                 chronology.all_contacts, link=chronology.LINK)
