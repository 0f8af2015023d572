"""The ids the looked-after pages and API name, for the route matrix
(tests/access/test_routes.py): Jack Fletcher became looked after 60 days ago and moved placement
20 days ago (periods of care); his IRO held a review (reviews, plans, visits, health)."""

from __future__ import annotations


# --- Reviews, plans, statutory visits, health (R-CLA-2..5) ------------------------------------
def _review_args(*, fletchers, social_worker) -> dict:
    """Jack looked after (a period of care made here unless one is open already), with a
    review held by his IRO."""
    from datetime import timedelta

    from django.utils import timezone

    from hearth.access.codes import Role
    from hearth.looked_after.models import CarePeriod, Review
    from tests.conftest import make_user
    from tests.looked_after.care import put_in_care

    jack = fletchers["jack"]
    today = timezone.localdate()
    iro = make_user("route-iro", Role.IRO)
    period = (CarePeriod.objects.filter(child=jack, ended_on__isnull=True).first()
              or put_in_care(jack, by=social_worker, started_on=today - timedelta(days=10)))
    review = Review.objects.create(period=period, child=jack, held_on=today, participation="PN1",
                                   decisions="Stay", iro_view="Good", recorded_by=iro,
                                   recorded_at=timezone.now())
    return {"review_id": review.pk}


# --- Periods of care, episodes and placements (R-CLA-1) ----------------------------------------
def route_args(*, fletchers, social_worker, police, args) -> dict:
    from tests.looked_after.periods_helpers import move, start

    period = start(fletchers["jack"], social_worker)
    episode = move(period, social_worker)
    found = {"period_id": period.pk, "episode_id": episode.pk,
             "placement_id": episode.placement_id}
    return {**found, **_review_args(fletchers=fletchers, social_worker=social_worker)}
