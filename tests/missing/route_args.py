"""The ids the missing pages name, for the route matrix (tests/access/test_routes.py): Jack
went missing an hour ago and is back."""

from __future__ import annotations


def route_args(*, fletchers, social_worker, police, args) -> dict:
    from datetime import timedelta

    from django.utils import timezone

    from hearth.missing.actions import do_record_episode

    now = timezone.now()
    episode = do_record_episode(fletchers["jack"], acting_user=social_worker, kind="M",
                                started_at=now - timedelta(hours=3), reported_by="Kerry",
                                ended_at=now - timedelta(hours=1), where_found="At a friend's")
    return {"episode_id": episode.pk}
