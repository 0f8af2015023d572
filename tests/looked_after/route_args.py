"""The ids the looked-after pages and API name, for the route matrix
(tests/access/test_routes.py).

# --- Periods of care, episodes and placements (helper 2) ---------------------------------
Jack Fletcher became looked after 60 days ago and moved placement 20 days ago.
# --- Reviews, IRO, visits, plans and health (helper 3): add below, in a section of your own."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from tests.looked_after.periods_helpers import move, start

    period = start(fletchers["jack"], social_worker)
    episode = move(period, social_worker)
    found = {"period_id": period.pk, "episode_id": episode.pk,
             "placement_id": episode.placement_id}
    # --- helper 3's ids go here ---
    return found
