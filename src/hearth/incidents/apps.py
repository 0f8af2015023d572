from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "hearth.incidents"
    label = "incidents"
    verbose_name = "Incidents, risk-reduction plans and practitioners' meetings"

    def ready(self) -> None:
        from hearth.chronology.actions import register
        from hearth.core import visibility
        from hearth.incidents import chronology
        from hearth.incidents.models import Incident, PractitionersMeeting, RiskReductionPlan
        from hearth.incidents.queries import incident_scope, person_scope

        visibility.register(Incident, incident_scope)
        visibility.register(RiskReductionPlan, person_scope)
        visibility.register(PractitionersMeeting, person_scope)

        register(Incident, chronology.ORIGIN, chronology.incident_events,
                 chronology.all_incidents, link=chronology.LINK)
