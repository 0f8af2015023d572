"""The access app's background work: forgetting expired idempotency keys (issue 13 item 11),
so that the answers kept for retries, which may name people, are gone within the hour after
their 24 hours even when no new key arrives to purge them."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hearth.jobs.actions import handler, recurring, schedule

PURGE_KEYS = "idempotency.purge"


@handler(PURGE_KEYS)
def purge_idempotency_keys(payload: dict) -> None:
    """Delete the expired keys, then come back in an hour."""
    from hearth.access.actions.idempotency import purge
    from hearth.jobs.models import Job, JobStatus

    purge()
    if not Job.objects.filter(kind=PURGE_KEYS, status=JobStatus.DUE).exists():
        schedule(PURGE_KEYS, run_at=timezone.now() + timedelta(hours=1))


recurring(PURGE_KEYS)
