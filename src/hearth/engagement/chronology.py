"""What an engagement event says in the chronology: every one is non-cooperation (R-RES-1),
dated, with the agency that met it as its source. Registered from ``AppConfig.ready``."""

from __future__ import annotations

from hearth.chronology.rules import Link, Spec, shorten
from hearth.engagement.codes import CHRONOLOGY_KIND, Behaviour, EventKind
from hearth.engagement.models import EngagementEvent

ORIGIN = "engagement"
LINK = Link("engagement:event", "engagement_event_id")
BEHAVIOUR_LABELS = dict(Behaviour.choices)


def who(event) -> str:
    if event.by_person_id:
        return event.by_person.display_name
    return event.by_whom


def summary(event) -> str:
    parts = [event.get_kind_display()]
    if event.kind == EventKind.CANCELLED_VISIT and event.cancelled_by:
        parts[0] += f" by {event.get_cancelled_by_display().lower()}"
    if event.kind == EventKind.NO_ANSWER and event.believed_in is not None:
        parts[0] += (": someone was believed to be in" if event.believed_in
                     else ": nobody was believed to be in")
    if event.kind == EventKind.HOSTILITY and event.form:
        parts[0] += f" ({event.get_form_display().lower()})"
    name = who(event)
    if name:
        parts[0] += f", {name}"
    text = parts[0] + "."
    if event.behaviours:
        labels = ", ".join(BEHAVIOUR_LABELS.get(b, b).lower() for b in event.behaviours)
        text += f" Behaviour: {labels}."
    if event.account:
        text += f" {shorten(event.account, 250)}"
    return text


#: An event recorded from a visit that already says the same thing in the chronology (a no
#: answer at a no-access visit, a cancellation of a visit cancelled by the family) is not
#: written again, so the twelve-month figures count it once.
SAID_BY_THE_VISIT = {(EventKind.NO_ANSWER, "no_access"),
                     (EventKind.CANCELLED_VISIT, "cancelled_by_family")}


def build(event) -> list[Spec]:
    if event.visit_id and (event.kind, event.visit.outcome) in SAID_BY_THE_VISIT:
        return []
    recorder = event.recorded_by
    return [Spec(event.person_id, CHRONOLOGY_KIND[event.kind], event.occurred_at,
                 shorten(summary(event)), source_agency=event.agency,
                 source_person=recorder.get_full_name() or recorder.get_username(),
                 recorded_by_id=event.recorded_by_id)]


def all_events():
    return EngagementEvent.objects.select_related("recorded_by", "by_person", "visit")
