"""Every write to a visit: one transaction, one audit row on the child each (practice 1)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why
from hearth.core.registry import Registry
from hearth.core.versions import check_version
from hearth.visits import rules
from hearth.visits.codes import Engagement, VisitKind, VisitPurpose
from hearth.visits.models import Visit, VisitAmendment

#: The fields a worker records (and may later correct).
VISIT_FIELDS = ("kind", "starts_at", "place", "who_present", "child_seen", "child_seen_alone",
                "bedroom_seen", "home_conditions", "parent_child_interaction", "what_was_said",
                "outcome", "unknown_adult_seen", "unknown_adult_details", "purpose",
                "not_seen_alone_reason")
TEXT_FIELDS = ("place", "who_present", "home_conditions", "parent_child_interaction",
               "what_was_said", "unknown_adult_details", "not_seen_alone_reason")

__all__ = ["AFTER_VISIT", "NEW_VISIT_CHECKS", "VISIT_CHECKS", "do_amend_visit",
           "do_record_visit"]


#: Checks run before a visit is recorded or corrected, ``check(values, child, acting_user)``:
#: each returns a reason to refuse (or None), an input refusal of the visit as a whole. Worker
#: safety registers one that refuses a completed visit while the worker's check-in for it is
#: still open.
VISIT_CHECKS = Registry("visit checks")

#: Checks run only when a visit is first recorded (never on a correction), with the same
#: arguments as ``VISIT_CHECKS``: worker safety registers the one that refuses a lone visit to a
#: family whose warning needs two workers or a manager's agreement (R-SAFE-2, R-SAFE-3).
NEW_VISIT_CHECKS = Registry("new visit checks")

#: Called with (visit, acting_user) after a visit is recorded or corrected, in the same
#: transaction: engagement registers its avoidance check here (R-RES-3).
AFTER_VISIT = Registry("after a visit")


def _check(values: dict[str, Any], now: datetime, born=None) -> None:
    if values["kind"] not in VisitKind.values:
        raise Refused("Select whether the visit was planned or unannounced.", "kind")
    if values["outcome"] not in Engagement.values:
        raise Refused("Select how the visit went.", "outcome")
    if values["purpose"] not in VisitPurpose.values:
        raise Refused("Select what the visit was for.", "purpose")
    starts_at = values["starts_at"]
    if not isinstance(starts_at, datetime) or starts_at.tzinfo is None:
        raise Refused("Enter the date and time of the visit.", "starts_at")
    if not values["place"]:
        raise Refused("Enter where the visit took place.", "place")
    if values.get("unknown_adult_seen") and not values.get("unknown_adult_details"):
        raise Refused("Describe the adult who was there and who they seemed to be.",
                      "unknown_adult_details")
    problems = rules.visit_problems(starts_at=starts_at, outcome=values["outcome"],
                                    child_seen=values["child_seen"],
                                    child_seen_alone=values["child_seen_alone"], now=now,
                                    born=born, purpose=values["purpose"],
                                    not_seen_alone_reason=values["not_seen_alone_reason"])
    if problems:
        field, message = next(iter(problems.items()))
        raise Refused(message, field)


def _run_checks(checks: Registry, values: dict[str, Any], child, acting_user) -> None:
    refusal = checks.first_refusal(values, child, acting_user)
    if refusal:
        raise Refused(refusal)


def _clean(field: str, value: Any) -> Any:
    if field in TEXT_FIELDS:
        return (value or "").strip()
    if field in ("child_seen", "child_seen_alone", "bedroom_seen", "unknown_adult_seen"):
        return bool(value)
    return value


def _audit_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


@transaction.atomic
def do_record_visit(child, *, acting_user, kind: str, starts_at: datetime, place: str,
                    child_seen: bool, outcome: str, involvement=None, who_present: str = "",
                    child_seen_alone: bool = False, bedroom_seen: bool = False,
                    home_conditions: str = "", parent_child_interaction: str = "",
                    what_was_said: str = "", unknown_adult_seen: bool = False,
                    unknown_adult_details: str = "", joint_worker=None,
                    group: UUID | None = None, purpose: str = VisitPurpose.OTHER,
                    not_seen_alone_reason: str = "") -> Visit:
    """Record a visit to ``child``. Refused (nothing written) for a completed visit in the
    future, or a child seen alone who was not seen (R-REC-6). ``joint_worker``: the colleague
    who went too (R-SAFE-2), never the recorder themselves. ``group``: the visits to a
    family's children recorded together (``do_record_family_visit``)."""
    given = {"kind": kind, "starts_at": starts_at, "place": place, "who_present": who_present,
             "child_seen": child_seen, "child_seen_alone": child_seen_alone,
             "bedroom_seen": bedroom_seen, "home_conditions": home_conditions,
             "parent_child_interaction": parent_child_interaction,
             "what_was_said": what_was_said, "outcome": outcome,
             "unknown_adult_seen": unknown_adult_seen,
             "unknown_adult_details": unknown_adult_details, "purpose": purpose,
             "not_seen_alone_reason": not_seen_alone_reason}
    values = {field: _clean(field, value) for field, value in given.items()}
    now = timezone.now()
    _check(values, now, child.date_of_birth)
    if involvement is not None and involvement.person_id != child.pk:
        raise Refused("That involvement is not this child's.")
    if joint_worker is not None and (not joint_worker.is_active
                                     or joint_worker.pk == getattr(acting_user, "pk", None)):
        raise Refused("Choose a colleague other than yourself who went with you.",
                      "joint_worker")
    _run_checks(VISIT_CHECKS, values, child, acting_user)
    _run_checks(NEW_VISIT_CHECKS, {**values, "joint_worker": joint_worker}, child, acting_user)
    visit = Visit.objects.create(child=child, involvement=involvement, recorded_by=acting_user,
                                 recorded_at=now, joint_worker=joint_worker, group=group,
                                 **values)
    fields = {"visit": visit.pk, "kind": kind, "starts_at": starts_at.isoformat(),
              "joint_worker": getattr(joint_worker, "pk", None),
              "outcome": outcome, "purpose": purpose, "child_seen": values["child_seen"],
              "child_seen_alone": values["child_seen_alone"]}
    if group is not None:
        fields["group"] = str(group)
    audit.record("visit.record", user=acting_user, obj=child, fields=fields)
    chronology.sync(visit)
    AFTER_VISIT.call_all(visit, acting_user)
    return visit


@transaction.atomic
def do_amend_visit(visit: Visit, *, acting_user, expected_version: int, reason: str,
                   **changes: Any) -> list[VisitAmendment]:
    """Correct a visit visibly (R-REC-4): a visit is final once recorded, so every change is
    an amendment with who, when, why, before and after, shown on the visit. Only its recorder
    or their team manager corrects it (anyone else: ``Refused``, ``Why.FORBIDDEN``), with a
    reason; if anyone saved it since ``expected_version``, ``StaleEdit`` and nothing is
    written. Who recorded it and when do
    not change (R-REC-2). Returns the amendments, none when nothing was changed."""
    current = (Visit.objects.select_for_update().select_related("recorded_by")
               .get(pk=visit.pk))
    check_version(current, expected_version)
    unknown = set(changes) - set(VISIT_FIELDS)
    if unknown:
        raise ValueError(f"unknown field(s) {', '.join(sorted(unknown))}")
    if not rules.may_correct(recorder_id=current.recorded_by_id,
                             recorder_team_id=current.recorded_by.team_id,
                             user_id=acting_user.pk, user_role=acting_user.role,
                             user_team_id=acting_user.team_id):
        raise Refused(rules.NOT_YOURS, why=Why.FORBIDDEN)
    changed: dict[str, tuple[Any, Any]] = {}
    for field in VISIT_FIELDS:
        if field in changes:
            value = _clean(field, changes[field])
            if getattr(current, field) != value:
                changed[field] = (getattr(current, field), value)
    if not changed:
        return []
    if not (reason or "").strip():
        raise Refused(rules.REASON_MISSING, "reason")
    for field, (_before, value) in changed.items():
        setattr(current, field, value)
    values = {field: getattr(current, field) for field in VISIT_FIELDS}
    _check(values, timezone.now(), current.child.date_of_birth)
    _run_checks(VISIT_CHECKS, values, current.child, acting_user)
    now = timezone.now()
    amendments = VisitAmendment.objects.bulk_create([
        VisitAmendment(visit=current, field=field, before=rules.shown(field, before),
                       after=rules.shown(field, value), reason=reason.strip(),
                       amended_by=acting_user, amended_at=now)
        for field, (before, value) in changed.items()])
    current.version += 1
    current.save(update_fields=[*changed, "version"])
    audit.record("visit.amend", user=acting_user, obj=current.child,
                 fields={"visit": current.pk, "reason": reason.strip(),
                         **{field: [_audit_value(before), _audit_value(value)]
                            for field, (before, value) in changed.items()}})
    chronology.sync(current)
    AFTER_VISIT.call_all(current, acting_user)
    return amendments


def record_view(child, *, user, what: str = "view_visits") -> None:
    """Reading a child's visits is reading the child's record: it is audited (practice 6)."""
    audit.record_read(what, user=user, obj=child)
