"""Every write to involvements: one transaction, one audit row each (practice 1)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth.access.actions import audit
from hearth.access.actions.notifications import notify
from hearth.casework import queries, rules
from hearth.casework.codes import ClosureReason, InvolvementService, SecondaryRole
from hearth.casework.models import Involvement, InvolvementStatus, InvolvementWorker
from hearth.chronology import actions as chronology
from hearth.chronology.codes import Kind
from hearth.chronology.rules import Spec, on_day
from hearth.core.refusals import Refused, Why
from hearth.core.registry import Registry
from hearth.core.versions import check_version

__all__ = ["CLOSURE_CHECKS", "do_add_secondary_worker", "do_allocate", "do_close",
           "do_end_secondary_worker", "do_open_involvement", "do_reallocate"]

#: Checks run before an involvement closes, ``check(involvement) -> str | None``: each returns
#: a reason to refuse (the involvement's state: 409 in the API), or None. Higher apps register
#: from their AppConfig.ready() (engagement: a follow-up task still open).
CLOSURE_CHECKS: Registry = Registry("involvement closure checks")


@transaction.atomic
def do_open_involvement(person, *, team, acting_user, received_at, primary_need: str = "",
                        urgency: str = "", audit_fields: dict | None = None) -> Involvement:
    """Open a child's involvement with ``team``, awaiting allocation (the one way any app opens
    one: a front-door referral, a transfer in). The referral date is the day the contact was
    received; the service defaults to the team's."""
    involvement = Involvement.objects.create(
        person=person, team=team, worker=None, status=InvolvementStatus.AWAITING_ALLOCATION,
        opened_on=timezone.localdate(), referral_date=rules.referral_date(received_at),
        primary_need=primary_need, urgency=urgency,
        service=team.service if team.service in InvolvementService.values else "")
    audit.record("referred", user=acting_user, obj=person,
                 fields={"team": team.name, **(audit_fields or {})})
    return involvement


def _locked(involvement: Involvement, expected_version: int) -> Involvement:
    current = Involvement.objects.select_for_update().get(pk=involvement.pk)
    check_version(current, expected_version)
    return current


def _check_manager(acting_user, involvement: Involvement) -> None:
    if not rules.may_allocate(acting_user.role, acting_user.team_id, involvement.team_id):
        raise Refused("Only the team's manager or a service manager can do this.",
                      why=Why.FORBIDDEN)


def _person_link(involvement: Involvement) -> str:
    return reverse("web:person", kwargs={"person_id": involvement.person_id})


def _chronicle(involvement: Involvement, kind: str, summary: str, acting_user,
               day: date | None = None) -> None:
    """Casework events happen once: they are appended to the child's chronology."""
    today = day is None or day == timezone.localdate()
    when = timezone.now() if today else on_day(day)  # type: ignore[arg-type]
    chronology.append(Spec(involvement.person_id, kind, when, summary,
                           source_person=acting_user.display_name,
                           recorded_by_id=acting_user.pk, time_known=today),
                      origin="involvement", origin_id=str(involvement.pk))


def _check_case_holder(worker, involvement: Involvement) -> None:
    if not rules.can_hold_cases(worker.role, worker.is_active):
        raise Refused(f"{worker.display_name} cannot hold cases: choose an active "
                      "social worker or advanced practitioner.",
                      "worker")
    if worker.team_id != involvement.team_id:
        raise Refused(f"{worker.display_name} is not in {involvement.team.name}.", "worker")


@transaction.atomic
def do_allocate(involvement: Involvement, worker, *, acting_user,
                expected_version: int) -> Involvement:
    """Allocate a child waiting in the team's queue to one of the team's practitioners."""
    current = _locked(involvement, expected_version)
    _check_manager(acting_user, current)
    if current.status != InvolvementStatus.AWAITING_ALLOCATION:
        raise Refused("This child is not waiting for allocation.", why=Why.STATE)
    _check_case_holder(worker, current)
    current.worker = worker
    current.status = InvolvementStatus.OPEN
    current.allocated_on = timezone.localdate()
    current.version += 1
    current.save()
    audit.record("allocate", user=acting_user, obj=current.person,
                 fields={"involvement": current.pk, "worker": worker.username,
                         "team": current.team.name})
    _chronicle(current, Kind.ALLOCATED,
               f"Allocated to {worker.display_name} ({current.team.name}).", acting_user)
    notify([worker], subject=f"{current.person.display_name} has been allocated to you",
           body=f"Allocated by {acting_user.display_name}.", link=_person_link(current),
           people=[current.person_id])
    return current


@transaction.atomic
def do_reallocate(involvement: Involvement, worker, *, acting_user, expected_version: int,
                  reason: str = "") -> Involvement:
    """Move an open involvement to another of the team's practitioners."""
    current = _locked(involvement, expected_version)
    _check_manager(acting_user, current)
    if current.status != InvolvementStatus.OPEN:
        raise Refused("Only an open, allocated involvement can be reallocated.", why=Why.STATE)
    if current.worker_id == worker.pk:
        raise Refused(f"{worker.display_name} already holds this case.", "worker")
    _check_case_holder(worker, current)
    before = current.worker
    current.worker = worker
    current.allocated_on = timezone.localdate()
    current.version += 1
    current.save()
    audit.record("reallocate", user=acting_user, obj=current.person, reason=reason,
                 fields={"involvement": current.pk,
                         "worker": [before.username if before else None, worker.username]})
    _chronicle(current, Kind.REALLOCATED,
               f"Worker changed from {before.display_name if before else 'nobody'} to "
               f"{worker.display_name}." + (f" {reason.strip()}" if reason.strip() else ""),
               acting_user)
    notify([worker], subject=f"{current.person.display_name} has been allocated to you",
           body=f"Reallocated by {acting_user.display_name}.", link=_person_link(current),
           people=[current.person_id])
    if before is not None and before.is_active:
        notify([before], subject=f"{current.person.display_name} has been reallocated",
               body=f"Now held by {worker.display_name}.", link=_person_link(current),
               people=[current.person_id])
    return current


@transaction.atomic
def do_add_secondary_worker(involvement: Involvement, worker, *, acting_user,
                            expected_version: int, role: str,
                            start_date: date | None = None) -> InvolvementWorker:
    """Co-allocate a secondary worker (e.g. Building Bridges) to a live involvement."""
    current = _locked(involvement, expected_version)
    _check_manager(acting_user, current)
    if current.status == InvolvementStatus.CLOSED:
        raise Refused("This involvement is closed.", why=Why.STATE)
    if role not in SecondaryRole.values:
        raise Refused("Choose the secondary worker's role.", "role")
    if not rules.can_be_secondary(worker.role, worker.is_active):
        raise Refused(f"{worker.display_name} cannot be co-allocated: choose an active "
                      "practitioner.",
                      "worker")
    if worker.pk == current.worker_id or current.secondary_workers.filter(
            worker=worker, end_date__isnull=True).exists():
        raise Refused(f"{worker.display_name} already works on this case.", "worker")
    start = start_date or timezone.localdate()
    link = InvolvementWorker.objects.create(involvement=current, worker=worker, role=role,
                                            start_date=start, added_by=acting_user)
    current.version += 1
    current.save(update_fields=["version"])
    audit.record("add_secondary_worker", user=acting_user, obj=current.person,
                 fields={"involvement": current.pk, "worker": worker.username, "role": role,
                         "start_date": start.isoformat()})
    _chronicle(current, Kind.SECONDARY_WORKER,
               f"{worker.display_name} co-allocated as {link.get_role_display()}.",
               acting_user, start)
    notify([worker], subject=f"You have been co-allocated to {current.person.display_name}",
           body=link.get_role_display(), link=_person_link(current),
           people=[current.person_id])
    return link


@transaction.atomic
def do_end_secondary_worker(link: InvolvementWorker, *, acting_user, expected_version: int,
                            end_date: date | None = None) -> InvolvementWorker:
    current = _locked(link.involvement, expected_version)
    _check_manager(acting_user, current)
    row = InvolvementWorker.objects.select_for_update().get(pk=link.pk)
    if row.end_date is not None:
        raise Refused("This secondary worker has already finished.", why=Why.STATE)
    end = end_date or timezone.localdate()
    if end < row.start_date:
        raise Refused("The end date cannot be before the start date.", "end_date")
    row.end_date = end
    row.save(update_fields=["end_date"])
    current.version += 1
    current.save(update_fields=["version"])
    audit.record("end_secondary_worker", user=acting_user, obj=current.person,
                 fields={"involvement": current.pk, "worker": row.worker.username,
                         "end_date": end.isoformat()})
    return row


@transaction.atomic
def do_close(involvement: Involvement, reason_code: str, *, acting_user, expected_version: int,
             closed_on: date | None = None) -> Involvement:
    """Close with a DfE reason-for-closure code (RC1–RC9); secondary workers finish too."""
    if reason_code not in ClosureReason.values:
        raise Refused("Choose a reason for closure (RC1 to RC9).", "reason")
    current = _locked(involvement, expected_version)
    _check_manager(acting_user, current)
    if current.status == InvolvementStatus.CLOSED:
        raise Refused("This involvement is already closed.", why=Why.STATE)
    for check in CLOSURE_CHECKS:  # a closure check refuses for the involvement's state
        refusal = check(current)
        if refusal:
            raise Refused(refusal, why=Why.STATE)
    on = closed_on or timezone.localdate()
    if on < current.opened_on:
        raise Refused("The closure date cannot be before the involvement opened.", "closed_on")
    current.status = InvolvementStatus.CLOSED
    current.closed_on = on
    current.closure_reason = reason_code
    current.closed_by = acting_user
    current.version += 1
    current.save()
    current.secondary_workers.filter(end_date__isnull=True).update(end_date=on)
    audit.record("close", user=acting_user, obj=current.person,
                 fields={"involvement": current.pk, "reason": reason_code,
                         "closed_on": on.isoformat()})
    _chronicle(current, Kind.CASE_CLOSED,
               f"Case closed ({current.team.name}): {current.get_closure_reason_display()}.",
               acting_user, on)
    return current


# --- a record written once for several children of a family (issue 15) --------------------

TWICE = "Choose each child once"
NOT_FAMILY = "Choose only children of this family"


def check_family_parts(parts: Sequence[Mapping[str, Any]], *, acting_user, person, shared,
                       shared_fields: Iterable[str], own_fields: Iterable[str],
                       none_chosen: str) -> bool:
    """Check the children of a record written once for a family (a visit, a case note):
    ``parts`` are ``{"child": person, <own_fields>...}``, ``shared`` the rest. A field that is
    neither is a programming error; no child, a child twice, or one not of ``person``'s family
    as ``acting_user`` sees it is refused (``children``). True when there are several."""
    own = set(own_fields)
    unknown = set(shared) - set(shared_fields)
    unknown |= {f for part in parts for f in part if f != "child" and f not in own}
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    if not parts:
        raise Refused(none_chosen, "children")
    ids = [part["child"].pk for part in parts]
    if len(set(ids)) != len(ids):
        raise Refused(TWICE, "children")
    if not set(ids) <= {child.pk for child in queries.family_children(acting_user, person)}:
        raise Refused(NOT_FAMILY, "children")
    return len(parts) > 1


def refused_for_child(refusal: Refused, index: int, child, *, own_fields: Iterable[str],
                      many: bool) -> Refused:
    """One child's refused record as the refusal of the whole: a child's own part names
    ``children.<index>.<field>``; anything else names the child when there are several."""
    own = set(own_fields)
    problems = {}
    for field, message in refusal.problems.items():
        if field in own:
            problems[f"children.{index}.{field}"] = message
        else:
            problems[field] = f"{child.display_name}: {message}" if many else message
    return Refused(problems, why=refusal.why)
