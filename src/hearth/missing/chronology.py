"""What a missing episode says in the child's chronology (R-CHR-2, R-CLA-6): went missing,
returned (and where they were found), and the return interview. Registered from
MissingConfig.ready()."""

from __future__ import annotations

from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, shorten
from hearth.missing.codes import SHORT

ORIGIN = "missing"
LINK = Link("missing:episode", "episode_id")


def episode_events(episode) -> list[Spec]:
    child = episode.child_id
    how = SHORT.get(episode.kind, "missing")
    specs = [Spec(child, Kind.WENT_MISSING, episode.started_at,
                  f"Went {how}; reported by {shorten(episode.reported_by, 120)}.",
                  recorded_by_id=episode.recorded_by_id)]
    if episode.ended_at is not None:
        found = f" Found: {shorten(episode.where_found, 150)}." if episode.where_found else ""
        specs.append(Spec(child, Kind.MISSING_RETURNED, episode.ended_at,
                          f"Returned after being {how}.{found}",
                          recorded_by_id=episode.recorded_by_id))
    if episode.interview_offered_at is not None:
        if episode.interview_held_at is not None:
            specs.append(Spec(child, Kind.RETURN_INTERVIEW, episode.interview_held_at,
                              f"Return interview held by {shorten(episode.interview_by, 100)}"
                              f": {shorten(episode.interview_learned, 200) or 'no notes'}"))
        else:
            words = ("accepted, not yet held" if episode.interview_accepted
                     else "declined by the child")
            specs.append(Spec(child, Kind.RETURN_INTERVIEW, episode.interview_offered_at,
                              f"Return interview offered: {words}."))
    return specs


def all_episodes():
    from hearth.missing.models import MissingEpisode

    return MissingEpisode.objects.all()
