"""Writing the chronology.

Every app that contributes events registers a *source* from its AppConfig.ready()
(``register(Model, origin, build, all_records)``, its builders in the app's own
``chronology.py``), as Django's admin is filled; the chronology imports no app above it.
Apps call ``sync(record)`` inside their own action's transaction, so an event can never
exist without its record, nor a significant record without its event; casework calls
``append`` for what only happens once (an allocation, a closure). Workers add hand entries
(R-CHR-2) and correct them visibly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.chronology import rules
from hearth.chronology.codes import LANE_OF, MANUAL
from hearth.chronology.models import Event, EventCorrection, month_start
from hearth.chronology.rules import Link, Spec, on_day
from hearth.core.refusals import Refused, Why
from hearth.core.versions import check_version

BATCH = 1000
ENTRY_FIELDS = ("kind", "occurred_on", "summary", "source_agency", "source_person", "impact")


# --- the sources apps register ---------------------------------------------------------------

@dataclass(frozen=True)
class Source:
    """A kind of record that contributes events: ``build(record)`` returns them;
    ``all_records()`` every such record, fetched with what ``build`` reads (rebuilds)."""

    model: type
    origin: str
    build: Callable[[Any], list[Spec]]
    all_records: Callable[[], Any]


_sources: dict[type, Source] = {}
_links: dict[str, Link] = {MANUAL: Link("chronology:entry", "entry_id")}


def register(model: type, origin: str, build: Callable[[Any], list[Spec]],
             all_records: Callable[[], Any], *, link: Link | None = None) -> None:
    """An app adds a kind of record to the chronology (call from ``AppConfig.ready``); a
    second registration of the same model is ignored. ``link``: where its events point."""
    _sources.setdefault(model, Source(model, origin, build, all_records))
    if link is not None:
        register_link(origin, link)


def register_link(origin: str, link: Link) -> None:
    """Where events of ``origin`` point, for an app that appends its events (``append``)
    instead of registering a source."""
    _links.setdefault(origin, link)


def sources() -> Iterator[Source]:
    """Every registered source, in the order the apps registered them."""
    return iter(list(_sources.values()))


def link_for(origin: str) -> Link | None:
    return _links.get(origin)


def _source(record) -> Source:
    try:
        return _sources[type(record)]
    except KeyError as exc:
        raise LookupError(f"No chronology source is registered for {type(record).__name__}: "
                          "register it from its app's AppConfig.ready().") from exc


# --- events derived from the records ---------------------------------------------------------

def _rows(origin: str, origin_id: str, specs: Iterable[Spec], now: datetime) -> list[Event]:
    return [Event(person_id=s.person_id, occurred_at=s.occurred_at, time_known=s.time_known,
                  month=month_start(s.occurred_at),
                  kind=s.kind, lane=s.lane, summary=s.summary, source_agency=s.source_agency,
                  source_person=s.source_person, origin=origin, origin_id=origin_id,
                  recorded_by_id=s.recorded_by_id, recorded_at=now) for s in specs]


def sync(record) -> list[Event]:
    """Make the chronology say what ``record`` now says: its old events go, its current ones
    are written. Call inside the action's transaction."""
    source = _source(record)
    origin_id = str(record.pk)
    Event.objects.filter(origin=source.origin, origin_id=origin_id).delete()
    return Event.objects.bulk_create(_rows(source.origin, origin_id, source.build(record),
                                           timezone.now()))


def forget(record) -> None:
    """The record is gone (or no longer significant): so are its events."""
    Event.objects.filter(origin=_source(record).origin, origin_id=str(record.pk)).delete()


def append(spec: Spec, *, origin: str, origin_id: str) -> Event:
    """An event that happens once (an allocation, a change of worker, a closure)."""
    return Event.objects.bulk_create(_rows(origin, origin_id, [spec], timezone.now()))[0]


@transaction.atomic
def rebuild(person_ids: Iterable | None = None) -> int:
    """Re-derive every registered source's events from the records themselves (``hearth
    chronology rebuild``); hand entries and appended events (no source derives them) are
    kept. Returns the number of events written."""
    ids = None if person_ids is None else set(person_ids)
    registered = list(sources())
    stale = Event.objects.filter(origin__in=[s.origin for s in registered])
    if ids is not None:
        stale = stale.filter(person_id__in=ids)
    stale.delete()
    now = timezone.now()
    written = 0
    pending: list[Event] = []
    for source in registered:
        for record in source.all_records().iterator(chunk_size=BATCH):
            specs = [s for s in source.build(record) if ids is None or s.person_id in ids]
            pending.extend(_rows(source.origin, str(record.pk), specs, now))
            if len(pending) >= BATCH:
                written += len(Event.objects.bulk_create(pending))
                pending = []
    written += len(Event.objects.bulk_create(pending))
    return written


# --- hand entries (R-CHR-2) ------------------------------------------------------------------

def _check(values: dict[str, Any], born: date | None) -> None:
    problems = rules.entry_problems(kind=values["kind"], occurred_on=values["occurred_on"],
                                    summary=values["summary"],
                                    source_agency=values["source_agency"],
                                    source_person=values["source_person"],
                                    today=timezone.localdate(), born=born)
    if problems:
        field, message = next(iter(problems.items()))
        raise Refused(message, field)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items()}


def _snapshot(event: Event) -> dict[str, Any]:
    return {"kind": event.kind, "occurred_on": event.occurred_at.astimezone(
        timezone.get_current_timezone()).date().isoformat(), "summary": event.summary,
        "source_agency": event.source_agency, "source_person": event.source_person,
        "impact": event.impact}


@transaction.atomic
def do_add_entry(person, *, acting_user, kind: str, occurred_on: date | None, summary: str,
                 source_agency: str, source_person: str = "", impact: str = "") -> Event:
    """A worker adds a significant event the modules do not record themselves: a school move,
    a legal status change, an injury, hospital treatment, a disclosure (R-CHR-2)."""
    values = _clean({"kind": kind, "occurred_on": occurred_on, "summary": summary,
                     "source_agency": source_agency, "source_person": source_person,
                     "impact": impact})
    _check(values, person.date_of_birth)
    event = Event.objects.create(
        person=person, occurred_at=on_day(values["occurred_on"]), time_known=False,
        kind=kind, lane=LANE_OF[kind], summary=values["summary"],
        source_agency=values["source_agency"], source_person=values["source_person"],
        impact=values["impact"], origin=MANUAL, recorded_by=acting_user,
        recorded_at=timezone.now())
    audit.record("chronology.add", user=acting_user, obj=person,
                 fields={"event": event.pk, **_snapshot(event)})
    return event


@transaction.atomic
def do_correct_entry(event: Event, *, acting_user, expected_version: int, reason: str,
                     **changes: Any) -> Event:
    """Correct a hand entry visibly (who, when, why, before and after); an event written by a
    module is corrected in its own record instead."""
    current = Event.objects.select_for_update().get(pk=event.pk)
    check_version(current, expected_version, "entry")
    if current.origin != MANUAL:
        raise Refused("This event comes from another record: correct that record and "
                      "the chronology follows.", why=Why.STATE)
    unknown = set(changes) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    if not (reason or "").strip():
        raise Refused("Enter why you are correcting this entry", "reason")
    before = _snapshot(current)
    values = _clean({**before, "occurred_on": date.fromisoformat(before["occurred_on"]),
                     **changes})
    _check(values, current.person.date_of_birth)
    current.kind = values["kind"]
    current.lane = LANE_OF[values["kind"]]
    current.occurred_at = on_day(values["occurred_on"])
    for field in ("summary", "source_agency", "source_person", "impact"):
        setattr(current, field, values[field])
    after = _snapshot(current)
    if after == before:
        raise Refused("Nothing was changed.", why=Why.STATE)
    current.version += 1
    current.save()
    EventCorrection.objects.create(event=current, before=before, after=after,
                                   reason=reason.strip(), corrected_by=acting_user,
                                   corrected_at=timezone.now())
    audit.record("chronology.correct", user=acting_user, obj=current.person,
                 fields={"event": current.pk, "before": before, "after": after,
                         "reason": reason.strip()})
    return current


def record_view(person, *, user, what: str = "view_chronology", **fields: Any) -> None:
    """Reading or exporting a chronology is reading the record: it is audited."""
    audit.record_read(what, user=user, obj=person, fields=fields or None)


def follow_people_record(record) -> None:
    """A person's address or household membership was written (``people.actions.
    RECORD_CHANGED``, registered from ChronologyConfig.ready): the chronology says what the
    record now says, inside the same transaction."""
    sync(record)
