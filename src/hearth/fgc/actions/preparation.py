"""The coordinator's preparation (R-FGC-1, R-FGC-3): visits to the child and family, the
network the family invites, and the arrangements — the venue and date, and each child's part
in the conference. Only the FGC's coordinator records them, between allocation and the
conference; the first of them moves the FGC from allocated to preparing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth.core.refusals import refuse_if
from hearth.fgc.actions.common import (
    audit_children,
    check_coordinator,
    check_step,
    locked,
    saved,
    text,
)
from hearth.fgc.codes import Attendance, Status
from hearth.fgc.models import FGC, FGCChild, NetworkMember, PreparationVisit
from hearth.fgc.rules import preparation as rules


def _preparing(current: FGC, acting_user) -> FGC:
    check_coordinator(current, acting_user)
    check_step(current, "prepare")
    return current


def _moved_on(current: FGC, fields: list[str]) -> FGC:
    if current.status == Status.ALLOCATED:
        current.status = Status.PREPARING
        fields = [*fields, "status"]
    return saved(current, fields)


@transaction.atomic
def do_record_visit(fgc: FGC, *, acting_user, visited_on: date | None, who_seen: str,
                    notes: str) -> PreparationVisit:
    """A preparation visit: when, who was seen (the child alone or with a safe adult, the
    family), what was talked about."""
    current = _preparing(locked(fgc, None), acting_user)
    refuse_if(rules.visit_problems(
        visited_on=visited_on, who_seen=who_seen or "", notes=notes or "",
        referred_on=timezone.localdate(current.referred_at), today=timezone.localdate()))
    assert visited_on is not None
    visit = PreparationVisit.objects.create(
        fgc=current, visited_on=visited_on, who_seen=text(who_seen), notes=text(notes),
        recorded_by=acting_user, recorded_at=timezone.now())
    _moved_on(current, [])
    audit_children("fgc.visit", current, acting_user, visit=visit.pk,
                   visited_on=visited_on.isoformat())
    return visit


@transaction.atomic
def do_add_network_member(fgc: FGC, *, acting_user, name: str, relationship: str, kind: str,
                          reached_by: str) -> NetworkMember:
    """Someone the family chooses to invite (R-FGC-1: the family chooses who attends)."""
    current = _preparing(locked(fgc, None), acting_user)
    refuse_if(rules.network_problems(name=name or "", relationship=relationship or "",
                                     kind=kind, reached_by=reached_by))
    member = NetworkMember.objects.create(
        fgc=current, name=text(name), relationship=text(relationship), kind=kind,
        reached_by=reached_by, added_by=acting_user, added_at=timezone.now())
    _moved_on(current, [])
    audit_children("fgc.network", current, acting_user, member=member.pk, kind=kind,
                   reached_by=reached_by)
    return member


def key(child: FGCChild) -> str:
    """The prefix of a child's fields on the arrangements form and in the rules."""
    return f"child_{child.pk}"


@transaction.atomic
def do_arrange(fgc: FGC, *, acting_user, expected_version: int | None, venue: str,
               conference_at: datetime | None,
               participation: Mapping[int, Mapping[str, Any]]) -> FGC:
    """The venue and date, and each child's part (R-FGC-3): ``participation`` by the FGC
    child's id: attendance, attends_for, supported_by, wishes_and_feelings. Every child of
    the FGC is answered for."""
    current = _preparing(locked(fgc, expected_version), acting_user)
    children = list(current.children.select_related("person").order_by("pk"))
    rows = []
    for child in children:
        given = participation.get(child.pk) or {}
        rows.append(rules.Participation(
            key=key(child), name=child.person.given_name or child.person.display_name,
            attendance=text(given.get("attendance")), attends_for=text(given.get("attends_for")),
            supported_by=text(given.get("supported_by")),
            wishes_and_feelings=text(given.get("wishes_and_feelings"))))
    problems = rules.arrangement_problems(venue=venue or "", conference_at=conference_at,
                                          referred_at=current.referred_at)
    problems.update(rules.participation_problems(rows))
    refuse_if(problems)
    for child, row in zip(children, rows, strict=True):
        child.attendance = row.attendance
        child.attends_for = row.attends_for if row.attendance == Attendance.PART else ""
        child.supported_by = row.supported_by if row.attendance != Attendance.NONE else ""
        child.wishes_and_feelings = row.wishes_and_feelings
    FGCChild.objects.bulk_update(children, ["attendance", "attends_for", "supported_by",
                                            "wishes_and_feelings"])
    current.venue = text(venue)
    current.conference_at = conference_at
    _moved_on(current, ["venue", "conference_at"])
    assert conference_at is not None
    audit_children("fgc.arranged", current, acting_user, venue=current.venue,
                   conference_at=conference_at.isoformat(),
                   attendance={str(c.person_id): c.attendance for c in children})
    return current
