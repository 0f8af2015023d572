"""What children looked after add to a child's chronology (R-CHR-2). Reviews (R-CLA-3): each
review held, with the child's participation and the IRO, of kind "Looked-after review" in the
casework lane. Registered from LookedAfterConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, on_day, shorten


def review_events(review) -> list[Spec]:
    summary = (f"Looked-after review held by {review.recorded_by.display_name} (IRO): "
               f"{review.get_participation_display().lower()}. "
               f"Decisions: {shorten(review.decisions, 250)}")
    if review.difference_id:
        summary = shorten(summary, 330) + " The IRO raised a professional difference."
    return [Spec(review.child_id, Kind.CLA_REVIEW, on_day(review.held_on), summary,
                 time_known=False, recorded_by_id=review.recorded_by_id)]


def all_reviews():
    from hearth.looked_after.models import Review

    return Review.objects.select_related("recorded_by")
