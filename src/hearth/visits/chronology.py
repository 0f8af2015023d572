"""What visits add to a child's chronology (R-CHR-1): each visit with its outcome (no access
and cancellations in the non-cooperation lane), and an adult not known to us seen at it.
Registered from the app's AppConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, name_of, shorten
from hearth.visits.models import Visit

ORIGIN = "visit"
LINK = Link("visits:detail", "visit_id")

VISIT_KIND = {"completed": Kind.VISIT, "cut_short": Kind.VISIT_CUT_SHORT,
              "no_access": Kind.NO_ACCESS, "cancelled_by_family": Kind.VISIT_CANCELLED}


def visit_events(visit) -> list[Spec]:
    seen = ("child seen alone" if visit.child_seen_alone
            else "child seen" if visit.child_seen else "child not seen")
    summary = (f"{visit.get_kind_display()} visit at {visit.place}: "
               f"{visit.get_outcome_display().lower()}, {seen}.")
    if visit.who_present:
        summary += f" Present: {shorten(visit.who_present, 150)}"
    who = name_of(visit.recorded_by)
    specs = [Spec(visit.child_id, VISIT_KIND[visit.outcome], visit.starts_at, summary,
                  source_person=who, recorded_by_id=visit.recorded_by_id)]
    if visit.unknown_adult_seen:
        specs.append(Spec(visit.child_id, Kind.UNKNOWN_ADULT, visit.starts_at,
                          f"An adult not known to us was at the visit: "
                          f"{shorten(visit.unknown_adult_details, 250)}",
                          source_person=who, recorded_by_id=visit.recorded_by_id))
    return specs


def all_visits():
    return Visit.objects.select_related("recorded_by")
