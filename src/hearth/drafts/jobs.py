"""The drafts app's background work in ``hearth worker``: every hour, forget drafts older
than ``HEARTH_DRAFT_DAYS`` and forms kept over a timeout for more than an hour."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hearth.jobs.actions import handler, recurring, schedule

PURGE_DRAFTS = "drafts.purge"


@handler(PURGE_DRAFTS)
def purge_drafts(payload: dict) -> None:
    from hearth.drafts.actions import purge
    from hearth.jobs.models import Job, JobStatus

    purge()
    if not Job.objects.filter(kind=PURGE_DRAFTS, status=JobStatus.DUE).exists():
        schedule(PURGE_DRAFTS, run_at=timezone.now() + timedelta(hours=1))


recurring(PURGE_DRAFTS)
