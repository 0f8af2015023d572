"""The access app's background work in ``hearth worker``:

- forgetting expired idempotency keys (issue 13 item 11), so that the answers kept for retries,
  which may name people, are gone within the hour after their 24 hours even when no new key
  arrives to purge them;
- the audit log's sequencer (issue 14): every second it links the entries written since into
  the log and publishes a signed head. Every worker runs it; one at a time holds the
  sequencer's lock, so several never sequence twice and, if one dies, another carries on at its
  next tick."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from hearth.access.actions.audit import sequence
from hearth.jobs.actions import every, handler, recurring, schedule

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


@every("audit.sequence", seconds=1.0)
def sequence_audit_log() -> None:
    sequence()
