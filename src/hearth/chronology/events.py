"""Writing the chronology. Modules call ``sync(record)`` inside their own action's transaction,
so an event can never exist without its record, nor a significant record without its event;
casework calls ``append`` for what only happens once (an allocation, a closure)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from hearth.chronology.codes import MANUAL
from hearth.chronology.models import Event, month_start
from hearth.chronology.sources import Spec, builders, querysets

#: Origins whose events are appended once and never rebuilt from their record.
APPENDED = {"involvement", MANUAL}
BATCH = 1000


def _rows(origin: str, origin_id: str, specs: Iterable[Spec], now: datetime) -> list[Event]:
    return [Event(person_id=s.person_id, occurred_at=s.occurred_at, time_known=s.time_known,
                  month=month_start(s.occurred_at),
                  kind=s.kind, lane=s.lane, summary=s.summary, source_agency=s.source_agency,
                  source_person=s.source_person, origin=origin, origin_id=origin_id,
                  recorded_by_id=s.recorded_by_id, recorded_at=now) for s in specs]


def sync(record) -> list[Event]:
    """Make the chronology say what ``record`` now says: its old events go, its current ones
    are written. Call inside the action's transaction."""
    origin, build = builders()[type(record)]
    origin_id = str(record.pk)
    Event.objects.filter(origin=origin, origin_id=origin_id).delete()
    return Event.objects.bulk_create(_rows(origin, origin_id, build(record), timezone.now()))


def forget(record) -> None:
    """The record is gone (or no longer significant): so are its events."""
    origin, _ = builders()[type(record)]
    Event.objects.filter(origin=origin, origin_id=str(record.pk)).delete()


def append(spec: Spec, *, origin: str, origin_id: str) -> Event:
    """An event that happens once (an allocation, a change of worker, a closure)."""
    return Event.objects.bulk_create(_rows(origin, origin_id, [spec], timezone.now()))[0]


@transaction.atomic
def rebuild(person_ids: Iterable | None = None) -> int:
    """Re-derive every module's events from the records themselves (``hearth chronology
    rebuild``); hand entries and appended casework events are kept. Returns the number of
    events written."""
    ids = None if person_ids is None else set(person_ids)
    stale = Event.objects.exclude(origin__in=APPENDED)
    if ids is not None:
        stale = stale.filter(person_id__in=ids)
    stale.delete()
    now = timezone.now()
    written = 0
    pending: list[Event] = []
    for origin, queryset, build in querysets():
        for record in queryset.iterator(chunk_size=BATCH):
            specs = [s for s in build(record) if ids is None or s.person_id in ids]
            pending.extend(_rows(origin, str(record.pk), specs, now))
            if len(pending) >= BATCH:
                written += len(Event.objects.bulk_create(pending))
                pending = []
    written += len(Event.objects.bulk_create(pending))
    return written
