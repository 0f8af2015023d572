from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "hearth.incidents"
    label = "incidents"
    verbose_name = "Incidents, risk-reduction plans and practitioners' meetings"

    def ready(self) -> None:
        from hearth.chronology.sources import register
        from hearth.incidents.chronology import all_incidents, incident_events
        from hearth.incidents.models import Incident

        register(Incident, "incident", incident_events, all_incidents)
