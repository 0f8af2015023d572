"""What children looked after add to a child's chronology (R-CHR-2): becoming looked after,
each change of legal status, each placement move and ceasing to be looked after (R-CLA-1,
R-CLA-7) — never a placement's address (it may be hidden, and the chronology is read more
widely) — and each review held, with the child's participation and the IRO (R-CLA-3).
Registered from LookedAfterConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, on_day, shorten
from hearth.looked_after.codes import ReasonNewEpisode

LEGAL = {ReasonNewEpisode.L, ReasonNewEpisode.B, ReasonNewEpisode.U}
MOVES = {ReasonNewEpisode.P, ReasonNewEpisode.T, ReasonNewEpisode.B, ReasonNewEpisode.U}


def _placement(p) -> str:
    named = f" ({p.provider_name})" if p.provider_name and not p.address_hidden else ""
    return f"{p.get_placement_type_display()}{named}"


def period_events(period) -> list[Spec]:
    episodes = list(period.episodes.all())
    placements = {p.pk: p for p in period.placements.all()}
    child = period.child_id
    specs: list[Spec] = []
    for episode in episodes:
        where = placements[episode.placement_id]
        when = on_day(episode.started_on)
        who = episode.recorded_by_id
        if episode.reason_new == ReasonNewEpisode.S:
            specs.append(Spec(child, Kind.ENTERED_CARE, when,
                              f"Became looked after: {episode.get_legal_status_display()} "
                              f"({episode.legal_status}); placed in {_placement(where)}.",
                              time_known=False, recorded_by_id=who))
            continue
        if episode.reason_new in LEGAL:
            specs.append(Spec(child, Kind.LEGAL_STATUS_CHANGED, when,
                              f"Legal status now {episode.get_legal_status_display()} "
                              f"({episode.legal_status}).", time_known=False,
                              recorded_by_id=who))
        if episode.reason_new in MOVES:
            left = next((p for p in placements.values()
                         if p.ended_on == episode.started_on and p.pk != where.pk), None)
            why = (f" Reason for the change: {left.get_reason_changed_display().lower()}."
                   if left is not None and left.reason_changed else "")
            carer = " Same carers." if episode.reason_new in (ReasonNewEpisode.T,
                                                             ReasonNewEpisode.U) else ""
            specs.append(Spec(child, Kind.PLACEMENT_MOVE, when,
                              f"Moved to a new placement: {_placement(where)}.{carer}{why}",
                              time_known=False, recorded_by_id=who))
    if period.ended_on is not None:
        specs.append(Spec(child, Kind.CEASED_CARE, on_day(period.ended_on),
                          f"Ceased to be looked after: {period.get_reason_ceased_display()} "
                          f"({period.reason_ceased}).", time_known=False))
    return specs


def all_periods():
    from hearth.looked_after.models import CarePeriod

    return CarePeriod.objects.prefetch_related("episodes", "placements")


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
