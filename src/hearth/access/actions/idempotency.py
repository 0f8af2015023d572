"""Keep API writes made with an ``Idempotency-Key`` (``core.idempotency``; issue 13 item 11).

``claim`` inserts the key's row before the request runs, in a transaction of its own, so that
every web process sees it at once; the unique constraint lets only one insert win. The loser
reads the winner's row: a different request with the same key is refused (422), one still
running is told to wait (409), one answered gets the kept answer. ``keep`` stores the answer;
``release`` frees the key when the answer is not one to keep. Keys expire after 24 hours and
are purged as new ones are claimed.

These rows are not records about anyone and are not audited; a replayed answer is audited as
a read (``api_replay``), never as a second write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.models import IdempotencyKey
from hearth.core.idempotency import (
    HEADER,
    IN_FLIGHT_LEASE,
    LIFETIME,
    kept_headers,
    replay,
)
from hearth.core.refusals import Refused, Why


@dataclass
class Claim:
    """The outcome of ``claim``: ``run`` (the row this request now holds), or ``answer``
    (a replay, or the refusal to give)."""

    run: IdempotencyKey | None = None
    answer: HttpResponse | Refused | None = None


def claim(*, user, method: str, path: str, key: str, fingerprint: str,
          now: datetime | None = None) -> Claim:
    now = now or timezone.now()
    purge(now)
    for _ in range(3):  # the row may be released or expire between the insert and the read
        try:
            with transaction.atomic():
                return Claim(run=IdempotencyKey.objects.create(
                    user=user, method=method, path=path, key=key, fingerprint=fingerprint,
                    started_at=now, expires_at=now + LIFETIME))
        except IntegrityError:
            pass
        with transaction.atomic():
            row = (IdempotencyKey.objects.select_for_update()
                   .filter(user=user, method=method, path=path, key=key).first())
            if row is None:
                continue
            if row.fingerprint != fingerprint:
                return Claim(answer=Refused(
                    "This key was used for a different request (another body or query). Send "
                    "a new key for a new request.", HEADER))
            if row.status is not None:
                return Claim(answer=_replayed(row, user))
            if row.started_at > now - IN_FLIGHT_LEASE:
                return Claim(answer=Refused(
                    "The first request with this key is still being answered. Try again in "
                    "a moment: you will get its answer.", HEADER, why=Why.STATE))
            # The first request's process died without an answer: this one runs instead.
            row.started_at = now
            row.save(update_fields=["started_at"])
            return Claim(run=row)
    return Claim(answer=Refused("The key is being used by several requests at once. Try "
                                "again in a moment.", HEADER, why=Why.STATE))


def _replayed(row: IdempotencyKey, user) -> HttpResponse:
    audit.record_read("api_replay", user=user, obj=row,
                      fields={"method": row.method, "path": row.path, "status": row.status})
    return replay(row.status or 200, row.headers, row.body)


def keep(row: IdempotencyKey, response: HttpResponse) -> None:
    """The answer to the request that holds ``row``, kept for its retries."""
    with transaction.atomic():
        IdempotencyKey.objects.filter(pk=row.pk, started_at=row.started_at).update(
            status=response.status_code, headers=kept_headers(response),
            body=bytes(response.content))


def release(row: IdempotencyKey) -> None:
    """Free the key: its request's answer is not one to keep (``core.idempotency.is_kept``)."""
    with transaction.atomic():
        IdempotencyKey.objects.filter(pk=row.pk, started_at=row.started_at,
                                      status__isnull=True).delete()


def purge(now: datetime | None = None) -> int:
    """Forget the keys older than 24 hours; returns how many."""
    with transaction.atomic():
        deleted, _ = IdempotencyKey.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted
