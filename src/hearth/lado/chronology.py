"""What a LADO matter adds to a child's chronology (R-CHR-2, R-LADO-3): a marker only — "A LADO
matter concerns this child — contact <the LADO>" — on each linked child's chronology, dated the
day the LADO was told. No allegation, no person, no outcome; nothing on the chronology of the
person the allegation is about. Its events link to no page (the matter answers 404 outside the
LADO service). Kind "LADO matter", in the chronology's "Other" lane."""

from __future__ import annotations

from django.utils import timezone

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, on_day
from hearth.lado.models import MatterChild
from hearth.lado.queries.markers import marker_text

SOURCE = "LADO service"


def child_events(child) -> list[Spec]:
    if child.person_id is None:
        return []
    matter = child.matter
    return [Spec(child.person_id, Kind.LADO_MATTER,
                 on_day(timezone.localtime(matter.notified_at).date()), marker_text(matter),
                 source_agency=SOURCE, time_known=False, recorded_by_id=child.added_by_id)]


def all_children():
    return MatterChild.objects.filter(person__isnull=False).select_related(
        "matter__lado_officer")
