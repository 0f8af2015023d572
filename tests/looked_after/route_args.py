"""The ids the looked_after pages and API name, for the route matrix
(tests/access/test_routes.py). Each area of the app adds its own section, merged below."""

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


def route_args(*, fletchers, social_worker, police, args) -> dict:
    return {**_review_args(fletchers=fletchers, social_worker=social_worker)}
