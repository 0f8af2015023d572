"""Every write to an assessment: one transaction, one audit row each (practice 1)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from hearth import calendar
from hearth.access.actions import audit
from hearth.assessments import rules
from hearth.assessments.codes import (
    EDITABLE,
    FACTOR_LABELS,
    AssessmentStatus,
    Outcome,
    SourceKind,
    SourceMethod,
)
from hearth.assessments.models import Assessment, AssessmentSource, UnassessedArea
from hearth.chronology import actions as chronology
from hearth.core.refusals import Refused, Why
from hearth.core.versions import check_version

UPDATE_FIELDS = ("summary", "analysis", "outcome", "factors")


def referral_date_of(involvement) -> date:
    """The date the 45 working days run from: the referral, else the involvement's opening."""
    return getattr(involvement, "referral_date", None) or involvement.opened_on


def _locked(assessment: Assessment, expected_version: int | None = None) -> Assessment:
    current = Assessment.objects.select_for_update().get(pk=assessment.pk)
    check_version(current, expected_version)
    return current


def _editable(current: Assessment) -> None:
    if current.status not in EDITABLE:
        raise Refused(f"This assessment is {current.get_status_display().lower()}; it can no "
                      "longer be changed.", why=Why.STATE)


def _bump(current: Assessment, fields: list[str]) -> None:
    current.version += 1
    current.save(update_fields=[*fields, "version"])


@transaction.atomic
def do_start_assessment(involvement, *, acting_user,
                        referral_date: date | None = None) -> Assessment:
    """Start a Child and Family Assessment, due 45 working days after the referral date."""
    if Assessment.objects.filter(involvement=involvement).exclude(
            status=AssessmentStatus.AUTHORISED).exists():
        raise Refused("An assessment of this child is already under way for this "
                      "involvement.", why=Why.STATE)
    referral = referral_date or referral_date_of(involvement)
    assessment = Assessment.objects.create(
        involvement=involvement, child_id=involvement.person_id, referral_date=referral,
        due=calendar.assessment_due(referral), started_by=acting_user,
        started_at=timezone.now())
    audit.record("assessment.start", user=acting_user, obj=assessment,
                 fields={"involvement": involvement.pk, "child": involvement.person_id,
                         "referral_date": referral.isoformat(),
                         "due": assessment.due.isoformat()})
    chronology.sync(assessment)
    return assessment


@transaction.atomic
def do_update(assessment: Assessment, *, acting_user, expected_version: int,
              **changes: Any) -> Assessment:
    """Change summary, analysis, outcome or factors if nobody saved since
    ``expected_version`` (no lost updates)."""
    current = _locked(assessment, expected_version)
    _editable(current)
    changed: dict[str, list[Any]] = {}
    for field, value in changes.items():
        if field not in UPDATE_FIELDS:
            raise ValueError(f"unknown field {field}")
        if field == "outcome" and value and value not in Outcome.values:
            raise Refused(f"“{value}” is not an outcome.", "outcome")
        if field == "factors":
            unknown = [code for code in value if code not in FACTOR_LABELS]
            if unknown:
                raise Refused(f"Unknown assessment factor code: {', '.join(unknown)}.",
                              "factors")
            value = sorted(set(value), key=list(FACTOR_LABELS).index)
        before = getattr(current, field)
        if before != value:
            changed[field] = [before, value]
            setattr(current, field, value)
    if not changed:
        return current
    _bump(current, list(changed))
    audit.record("assessment.update", user=acting_user, obj=current, fields=changed)
    return current


@transaction.atomic
def do_record_source(assessment: Assessment, *, acting_user, kind: str, who: str,
                     contributed_on: date, how: str, note: str = "") -> AssessmentSource:
    """R-REC-7: record that a source contributed, who it was, when and how."""
    current = _locked(assessment)
    _editable(current)
    if kind not in SourceKind.values:
        raise Refused("Choose which kind of source this was.", "kind")
    if how not in SourceMethod.values:
        raise Refused("Choose how the source contributed.", "how")
    if not who.strip():
        raise Refused("Enter who contributed.", "who")
    source = AssessmentSource.objects.create(
        assessment=current, kind=kind, who=who.strip(), contributed_on=contributed_on, how=how,
        note=note, recorded_by=acting_user, recorded_at=timezone.now())
    _bump(current, [])
    audit.record("assessment.source", user=acting_user, obj=current,
                 fields={"kind": kind, "who": source.who,
                         "contributed_on": contributed_on.isoformat(), "how": how})
    return source


@transaction.atomic
def do_record_unassessed_area(assessment: Assessment, *, acting_user, area: str,
                              reason: str) -> UnassessedArea:
    """R-REC-5: an area that could not be assessed, and why (the reason is required)."""
    current = _locked(assessment)
    _editable(current)
    if not area.strip():
        raise Refused("Enter the area that could not be assessed.", "area")
    if not reason.strip():
        raise Refused("Enter why this area could not be assessed.", "reason")
    unassessed = UnassessedArea.objects.create(
        assessment=current, area=area.strip(), reason=reason.strip(), recorded_by=acting_user,
        recorded_at=timezone.now())
    _bump(current, [])
    audit.record("assessment.unassessed_area", user=acting_user, obj=current,
                 fields={"area": unassessed.area, "reason": unassessed.reason})
    return unassessed


@transaction.atomic
def do_submit(assessment: Assessment, *, acting_user, expected_version: int) -> Assessment:
    """Send the assessment to a manager; it needs a summary and an outcome."""
    current = _locked(assessment, expected_version)
    _editable(current)
    missing = rules.missing_for_submission(current.summary, current.outcome)
    if missing:
        raise Refused(
            f"Add the {' and the '.join(missing)} before submitting the assessment.",
            missing[0])
    current.status = AssessmentStatus.SUBMITTED
    current.submitted_by, current.submitted_at = acting_user, timezone.now()
    _bump(current, ["status", "submitted_by", "submitted_at"])
    audit.record("assessment.submit", user=acting_user, obj=current,
                 fields={"outcome": current.outcome})
    return current


def _check_manager(current: Assessment, acting_user, doing: str) -> None:
    if current.status != AssessmentStatus.SUBMITTED:
        raise Refused(f"Only a submitted assessment can be {doing}; this one is "
                      f"{current.get_status_display().lower()}.", why=Why.STATE)
    authors = {current.started_by_id, current.submitted_by_id}
    if not all(rules.may_authorise(a, acting_user.pk, acting_user.role) for a in authors):
        if acting_user.pk in authors:
            raise Refused(f"You wrote this assessment, so it cannot be {doing} by you. "
                          "Another manager must do it.", why=Why.FORBIDDEN)
        raise Refused(f"Only a team or service manager can have an assessment {doing}.",
                      why=Why.FORBIDDEN)


@transaction.atomic
def do_authorise(assessment: Assessment, *, acting_user, expected_version: int,
                 comment: str = "") -> Assessment:
    """A manager, never the author, authorises a submitted assessment."""
    current = _locked(assessment, expected_version)
    _check_manager(current, acting_user, "authorised")
    current.status = AssessmentStatus.AUTHORISED
    current.authorised_by, current.authorised_at = acting_user, timezone.now()
    current.manager_comment = comment.strip()
    _bump(current, ["status", "authorised_by", "authorised_at", "manager_comment"])
    audit.record("assessment.authorise", user=acting_user, obj=current,
                 fields={"comment": current.manager_comment})
    chronology.sync(current)
    return current


@transaction.atomic
def do_return(assessment: Assessment, *, acting_user, expected_version: int,
              comment: str) -> Assessment:
    """A manager returns a submitted assessment to the worker, saying why (required)."""
    if not comment.strip():
        raise Refused("Say what needs to change before returning the assessment.",
                      "comment")
    current = _locked(assessment, expected_version)
    _check_manager(current, acting_user, "returned")
    current.status = AssessmentStatus.RETURNED
    current.returned_by, current.returned_at = acting_user, timezone.now()
    current.manager_comment = comment.strip()
    _bump(current, ["status", "returned_by", "returned_at", "manager_comment"])
    audit.record("assessment.return", user=acting_user, obj=current,
                 fields={"comment": current.manager_comment})
    return current


def record_view(assessment: Assessment, *, user, what: str = "view_assessment") -> None:
    """Reading an assessment is reading the child's record: it is audited (practice 6)."""
    audit.record_read(what, user=user, obj=assessment, fields={"child": assessment.child_id})
