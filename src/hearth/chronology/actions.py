"""Hand entries in the chronology: one transaction, one audit row on the person each."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.chronology import rules
from hearth.chronology.codes import LANE_OF, MANUAL
from hearth.chronology.models import Event, EventCorrection
from hearth.chronology.sources import on_day
from hearth.people.actions import StaleEdit

ENTRY_FIELDS = ("kind", "occurred_on", "summary", "source_agency", "source_person", "impact")


class EntryRefused(Exception):
    """The entry may not be saved as it is; ``field`` names the input at fault."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


def _check(values: dict[str, Any]) -> None:
    problems = rules.entry_problems(kind=values["kind"], occurred_on=values["occurred_on"],
                                    summary=values["summary"],
                                    source_agency=values["source_agency"],
                                    today=timezone.localdate())
    if problems:
        field, message = next(iter(problems.items()))
        raise EntryRefused(message, field=field)


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
    _check(values)
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
    if current.version != expected_version:
        raise StaleEdit(current.version)
    if current.origin != MANUAL:
        raise EntryRefused("This event comes from another record: correct that record and "
                           "the chronology follows.")
    unknown = set(changes) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    if not (reason or "").strip():
        raise EntryRefused("Enter why you are correcting this entry", field="reason")
    before = _snapshot(current)
    values = _clean({**before, "occurred_on": date.fromisoformat(before["occurred_on"]),
                     **changes})
    _check(values)
    current.kind = values["kind"]
    current.lane = LANE_OF[values["kind"]]
    current.occurred_at = on_day(values["occurred_on"])
    for field in ("summary", "source_agency", "source_person", "impact"):
        setattr(current, field, values[field])
    after = _snapshot(current)
    if after == before:
        raise EntryRefused("Nothing was changed.")
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
    from hearth.chronology import events

    events.sync(record)
