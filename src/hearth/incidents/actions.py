"""Every write to incidents, worker risk-reduction plans and practitioners' meetings: one
transaction, one audit row each (R-SAFE-5, R-SAFE-6)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.access.actions.notifications import notify_managers
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why, refuse_if
from hearth.core.versions import check_version
from hearth.incidents import rules
from hearth.incidents.models import Incident, PractitionersMeeting, RiskReductionPlan
from hearth.incidents.queries import warning_candidates
from hearth.safety.actions.warnings import do_add_warning

POST_INCIDENT_FIELDS = ("debrief_on", "debrief_by", "support_offered", "investigation",
                        "investigation_notes", "police_complaint", "police_reference")


def subject_of(incident: Incident):
    """Audit rows sit on the person the incident is about, else its address, else itself."""
    return incident.person or incident.address or incident


def _locked(incident: Incident, expected_version: int) -> Incident:
    current = Incident.objects.select_for_update().get(pk=incident.pk)
    check_version(current, expected_version, "incident")
    return current


def _iso(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    return getattr(value, "pk", value)


@transaction.atomic
def do_report_incident(*, acting_user, kind: str, occurred_at: datetime | None, where: str,
                       what_happened: str, injured: bool = False, person=None, address=None,
                       worker=None) -> Incident:
    """Report an incident against a worker (``worker``: the reporter unless they report it for
    a colleague). The worker's managers are told at once, in Hearth and by e-mail, and the
    time they were told is kept; the incident goes to the person's chronology."""
    now = timezone.now()
    where, what_happened = (where or "").strip(), (what_happened or "").strip()
    problems = rules.report_problems(kind=kind, occurred_at=occurred_at, where=where,
                                     what_happened=what_happened, now=now)
    refuse_if(problems)
    assert occurred_at is not None
    worker = worker or acting_user
    incident = Incident.objects.create(
        reported_by=acting_user, worker=worker, person=person, address=address, kind=kind,
        occurred_at=occurred_at, where=where, what_happened=what_happened,
        injured=bool(injured), reported_at=now)
    about = f" with {person.display_name}" if person is not None else ""
    told = notify_managers(
        worker,
        subject=f"Incident reported: {incident.get_kind_display().lower()} against "
                f"{worker.display_name}",
        body=(f"{acting_user.display_name} reported a {incident.get_kind_display().lower()} "
              f"against {worker.display_name}{about} at {where}, "
              f"{timezone.localtime(occurred_at, calendar.LONDON):%-d %B %Y at %H:%M}."
              f"{' The worker was injured.' if incident.injured else ''} Talk to them now, "
              f"then record the debrief and the support offered."),
        link=reverse("incidents:detail", kwargs={"incident_id": incident.pk}),
        people=[person.pk] if person is not None else [])
    if told:
        incident.manager_told_at = timezone.now()
        incident.save(update_fields=["manager_told_at"])
    audit.record("incident.report", user=acting_user, obj=subject_of(incident),
                 fields={"incident": incident.pk, "kind": kind, "worker": worker.pk,
                         "occurred_at": occurred_at.isoformat(), "injured": incident.injured,
                         "address": address.pk if address is not None else None,
                         "managers_told": sorted(n.user_id for n in told)})
    if person is not None:
        chronology.sync(incident)
    return incident


@transaction.atomic
def do_record_post_incident(incident: Incident, *, acting_user, expected_version: int,
                            **changes: Any) -> Incident:
    """The manager records the debrief, support offered, investigation and the decision about a
    complaint to the police (R-SAFE-5). ``StaleEdit`` if someone saved it meanwhile."""
    unknown = set(changes) - set(POST_INCIDENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    current = _locked(incident, expected_version)
    if current.closed_at is not None:
        raise Refused("This incident is closed: nothing can be changed", why=Why.STATE)
    changed: dict[str, list[Any]] = {}
    for field, raw in changes.items():
        value = raw.strip() if isinstance(raw, str) else raw
        before = getattr(current, field)
        if before != value:
            changed[field] = [_iso(before), _iso(value)]
            setattr(current, field, value)
    problems = rules.post_incident_problems(
        occurred_on=timezone.localtime(current.occurred_at, calendar.LONDON).date(),
        today=timezone.localdate(), debrief_on=current.debrief_on,
        debrief_by_id=current.debrief_by_id, investigation=current.investigation,
        police_complaint=current.police_complaint, police_reference=current.police_reference)
    refuse_if(problems)
    if not changed:
        return current
    current.version += 1
    current.save(update_fields=[*changed, "version"])
    audit.record("incident.post_incident", user=acting_user, obj=subject_of(current),
                 fields={"incident": current.pk, **changed})
    if current.person_id:
        chronology.sync(current)
    return current


@transaction.atomic
def do_close_incident(incident: Incident, *, acting_user, expected_version: int) -> Incident:
    """Close the incident: refused until the debrief and the police decision are recorded."""
    current = _locked(incident, expected_version)
    if current.closed_at is not None:
        raise Refused("This incident is already closed", why=Why.STATE)
    problems = rules.closing_problems(debrief_on=current.debrief_on,
                                      debrief_by_id=current.debrief_by_id,
                                      police_complaint=current.police_complaint)
    refuse_if(problems)
    current.closed_at = timezone.now()
    current.closed_by = acting_user
    current.version += 1
    current.save(update_fields=["closed_at", "closed_by", "version"])
    audit.record("incident.close", user=acting_user, obj=subject_of(current),
                 fields={"incident": current.pk,
                         "investigation": current.investigation,
                         "police_complaint": current.police_complaint})
    return current


@transaction.atomic
def do_warning_from_incident(incident: Incident, *, acting_user, expected_version: int,
                             on: str = "person", **warning: Any):
    """Raise the worker-safety warning this incident calls for, through the safety app's own
    action, and link it to the incident. ``on`` ("person" or "address") says which, when the
    incident names both."""
    current = _locked(incident, expected_version)
    if current.warning_id is not None:
        raise Refused("This incident is already linked to a warning", why=Why.STATE)
    person, address = current.person, current.address
    if person is None and address is None:
        raise Refused("The incident names no person or address to put a warning on",
                      why=Why.STATE)
    if person is not None and address is not None:
        if on not in ("person", "address"):
            raise Refused("Select whether the warning is about the person or the address",
                          "on")
        person, address = (person, None) if on == "person" else (None, address)
    created = do_add_warning(acting_user=acting_user, person=person, address=address,
                             **warning)
    current.warning = created
    current.warning_linked_by = acting_user
    current.warning_linked_at = timezone.now()
    current.version += 1
    current.save(update_fields=["warning", "warning_linked_by", "warning_linked_at",
                                "version"])
    audit.record("incident.warning_create", user=acting_user, obj=subject_of(current),
                 fields={"incident": current.pk, "warning": created.pk})
    return created


@transaction.atomic
def do_link_warning(incident: Incident, *, acting_user, expected_version: int, warning,
                    note: str) -> Incident:
    """Link a live warning already on the person or address, with what this incident adds."""
    current = _locked(incident, expected_version)
    if current.warning_id is not None:
        raise Refused("This incident is already linked to a warning", why=Why.STATE)
    if warning is None or not warning_candidates(current).filter(pk=warning.pk).exists():
        raise Refused("Select one of the warnings about this person or address", "warning")
    note = (note or "").strip()
    if not note:
        raise Refused("Enter what this incident adds to the warning", "note")
    current.warning = warning
    current.warning_note = note
    current.warning_linked_by = acting_user
    current.warning_linked_at = timezone.now()
    current.version += 1
    current.save(update_fields=["warning", "warning_note", "warning_linked_by",
                                "warning_linked_at", "version"])
    audit.record("incident.warning_link", user=acting_user, obj=warning.person or warning.address,
                 fields={"incident": current.pk, "warning": warning.pk, "note": note})
    return current


@transaction.atomic
def do_record_plan(person, *, acting_user, worker=None, plan: str, shared_with_family: str,
                   review_on: date | None, agree: bool = False) -> RiskReductionPlan:
    """A worker's risk-reduction plan for working with ``person``'s family, with what will be
    shared with the family (R-SAFE-6). A manager recording a colleague's plan may agree it at
    once; otherwise a manager agrees it afterwards."""
    today = timezone.localdate()
    plan, shared_with_family = (plan or "").strip(), (shared_with_family or "").strip()
    problems = rules.plan_problems(plan=plan, shared_with_family=shared_with_family,
                                   review_on=review_on, today=today)
    refuse_if(problems)
    assert review_on is not None
    worker = worker or acting_user
    agreed = agree and _may_agree(acting_user, worker)
    record = RiskReductionPlan.objects.create(
        worker=worker, person=person, plan=plan, shared_with_family=shared_with_family,
        review_on=review_on, agreed_by=acting_user if agreed else None,
        agreed_on=today if agreed else None, recorded_by=acting_user,
        recorded_at=timezone.now())
    audit.record("incident.plan_record", user=acting_user, obj=person,
                 fields={"plan": record.pk, "worker": worker.pk, "agreed": agreed,
                         "review_on": review_on.isoformat()})
    return record


def _may_agree(user, worker) -> bool:
    return user.has_hearth_permission("incidents.manage") and user.pk != worker.pk


@transaction.atomic
def do_agree_plan(plan: RiskReductionPlan, *, acting_user,
                  expected_version: int) -> RiskReductionPlan:
    """A manager agrees a worker's risk-reduction plan (not their own)."""
    current = RiskReductionPlan.objects.select_for_update().get(pk=plan.pk)
    check_version(current, expected_version, "plan")
    if current.agreed_by_id is not None:
        raise Refused("This plan has already been agreed", why=Why.STATE)
    if not _may_agree(acting_user, current.worker):
        raise Refused("A plan must be agreed by the worker's manager, not the worker",
                      why=Why.FORBIDDEN)
    current.agreed_by = acting_user
    current.agreed_on = timezone.localdate()
    current.version += 1
    current.save(update_fields=["agreed_by", "agreed_on", "version"])
    audit.record("incident.plan_agree", user=acting_user, obj=current.person,
                 fields={"plan": current.pk, "worker": current.worker_id})
    return current


@transaction.atomic
def do_record_meeting(person, *, acting_user, held_on: date | None, attendees: str,
                      discussion: str, plan: str,
                      shared_with_family: str) -> PractitionersMeeting:
    """A practitioners' meeting about a hostile family, always with the explicit plan of what
    will be shared with the family (R-SAFE-6; seed 004 §4.3)."""
    values = {"attendees": (attendees or "").strip(), "discussion": (discussion or "").strip(),
              "plan": (plan or "").strip(),
              "shared_with_family": (shared_with_family or "").strip()}
    problems = rules.meeting_problems(held_on=held_on, today=timezone.localdate(), **values)
    refuse_if(problems)
    assert held_on is not None
    meeting = PractitionersMeeting.objects.create(
        person=person, held_on=held_on, recorded_by=acting_user, recorded_at=timezone.now(),
        **values)
    audit.record("incident.meeting_record", user=acting_user, obj=person,
                 fields={"meeting": meeting.pk, "held_on": _iso(held_on)})
    return meeting


def record_view(obj, *, user, what: str) -> None:
    """Reading an incident, a plan or a meeting is reading the person's record: audited."""
    audit.record_read(what, user=user, obj=obj)
