from django.apps import AppConfig


class IncidentsConfig(AppConfig):
    name = "hearth.incidents"
    label = "incidents"
    verbose_name = "Incidents, risk-reduction plans and practitioners' meetings"
