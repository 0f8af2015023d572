"""What an incident says in the chronology of the person it involved (R-CHR-2, R-SAFE-5)."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, shorten
from hearth.incidents.codes import PoliceComplaint
from hearth.incidents.models import Incident

ORIGIN = "incident"
LINK = Link("incidents:detail", "incident_id")


def incident_events(incident) -> list[Spec]:
    if not incident.person_id:
        return []
    worker = incident.worker.display_name
    summary = (f"{incident.get_kind_display()} against {worker} ({incident.where}): "
               f"{shorten(incident.what_happened, 250)}")
    if incident.injured:
        summary += " The worker was injured."
    if incident.police_complaint == PoliceComplaint.YES:
        summary += " A complaint was made to the police."
    return [Spec(incident.person_id, Kind.INCIDENT, incident.occurred_at, summary,
                 source_person=worker, recorded_by_id=incident.reported_by_id)]


def all_incidents():
    return Incident.objects.filter(person__isnull=False).select_related("worker")
