"""What every FGC action shares: locking the FGC at the version the change was made from, who
may take a step, the audit rows (one on each child's record, as a person's record is
audited), the chronology kept in step, and telling people."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why
from hearth.core.versions import check_version
from hearth.fgc.models import FGC
from hearth.fgc.rules import referrals as rules

WHAT = "Family Group Conference"


def text(value: Any) -> str:
    return str(value or "").strip()


def locked(fgc: FGC, expected_version: int | None) -> FGC:
    """The FGC as it is now, locked for this transaction; a change made from an older version
    is ``StaleEdit`` (nothing written)."""
    current = FGC.objects.select_for_update(of=("self",)).get(pk=fgc.pk)
    check_version(current, expected_version, WHAT)
    return current


def check_step(fgc: FGC, step: str) -> None:
    problem = rules.step_problem(step, fgc.status)
    if problem:
        raise Refused(problem, why=Why.STATE)


def check_coordinator(fgc: FGC, user) -> None:
    """Only the FGC's own coordinator records its preparation, conference, plan and review."""
    if fgc.coordinator_id != user.pk:
        who = (f"{fgc.coordinator.display_name}, its coordinator" if fgc.coordinator_id
               else "its coordinator, once one is allocated")
        raise Refused(f"Only {who}, can record this for this Family Group Conference.",
                      why=Why.FORBIDDEN)


def saved(fgc: FGC, fields: list[str]) -> FGC:
    """Save ``fields`` with the version moved on, and bring the chronology into step."""
    fgc.version += 1
    fgc.save(update_fields=[*fields, "version"])
    chronology.sync(fgc)
    return fgc


PERSON = "people.person"


def audit_children(action: str, fgc: FGC, user, **fields: Any) -> None:
    """One audit row on each child's record (their access log lists it)."""
    for child in fgc.children.all():
        audit.record(action, user=user, object_type=PERSON, object_id=str(child.person_id),
                     fields={"fgc": fgc.pk, **fields})


def record_view(fgc: FGC, *, user, what: str = "view_fgc") -> None:
    """Reading an FGC is reading its children's records: audited on each."""
    for child in fgc.children.all():
        audit.record_read(what, user=user, object_type=PERSON, object_id=str(child.person_id),
                          fields={"fgc": fgc.pk})


def link(fgc: FGC) -> str:
    return reverse("fgc:fgc", args=[fgc.pk])


def tell(users, fgc: FGC, headline: str, body: str) -> None:
    """A notification (its e-mail keeps only the words before " on ": never a child)."""
    people = [c.person_id for c in fgc.children.all()]
    first = fgc.children.all()[0].person if people else None
    about = f" on {first.display_name}'s family" if first is not None else ""
    notify(list(users), subject=f"{headline}{about}", body=body, link=link(fgc), people=people)
