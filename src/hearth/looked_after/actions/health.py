"""Writes of health and education checks (R-CLA-5): one transaction, one audit row; nothing
written when refused (an SDQ score outside 0-40, or neither a score nor the reason)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from hearth.access.actions import audit
from hearth.core.refusals import refuse_if
from hearth.looked_after.codes import CheckKind
from hearth.looked_after.models import CarePeriod, EducationPlan, HealthCheck
from hearth.looked_after.rules import health as rules


def _date_problems(field: str, day: date | None, period: CarePeriod, label: str) -> dict:
    if day is None:
        return {field: f"Enter the date of the {label}"}
    if day > timezone.localdate():
        return {field: f"The date of the {label} must be today or in the past"}
    if day < period.started_on:
        return {field: f"The date of the {label} must be on or after the day the child became "
                       f"looked after ({period.started_on:%-d %B %Y})"}
    return {}


@transaction.atomic
def do_record_health_check(period: CarePeriod, *, acting_user, kind: str,
                           done_on: date | None, up_to_date: bool | None = None,
                           sdq_score: int | None = None, sdq_reason: str = "",
                           notes: str = "") -> HealthCheck:
    """A health assessment, dental check, immunisations (up to date or not), or an SDQ (a
    score 0-40, or SDQ_REASON when there is none)."""
    problems: dict[str, str] = {}
    if kind not in CheckKind.values:
        problems["kind"] = "Select what was done from the list"
    else:
        problems.update(_date_problems("done_on", done_on, period,
                                       CheckKind(kind).label.lower()))
    if kind == CheckKind.SDQ:
        problems.update(rules.sdq_problems(sdq_score, sdq_reason or ""))
    elif sdq_score is not None or sdq_reason:
        problems["sdq_score"] = "An SDQ score or reason goes only with an SDQ"
    if kind == CheckKind.IMMUNISATIONS and up_to_date is None:
        problems["up_to_date"] = "Select whether the child's immunisations are up to date"
    refuse_if(problems)
    assert done_on is not None
    check = HealthCheck.objects.create(
        period=period, child=period.child, kind=kind, done_on=done_on,
        up_to_date=up_to_date if kind == CheckKind.IMMUNISATIONS else None,
        sdq_score=sdq_score, sdq_reason=sdq_reason or "", notes=(notes or "").strip(),
        recorded_by=acting_user, recorded_at=timezone.now())
    audit.record("recorded_a_health_check", user=acting_user, obj=period.child,
                 fields={"check": check.pk, "kind": kind})
    return check


@transaction.atomic
def do_record_education_plan(period: CarePeriod, *, acting_user, held_on: date | None,
                             school: str = "", notes: str = "") -> EducationPlan:
    """A personal education plan meeting (each term for a child of school age)."""
    refuse_if(_date_problems("held_on", held_on, period, "personal education plan meeting"))
    assert held_on is not None
    pep = EducationPlan.objects.create(period=period, child=period.child, held_on=held_on,
                                       school=(school or "").strip(),
                                       notes=(notes or "").strip(),
                                       recorded_by=acting_user, recorded_at=timezone.now())
    audit.record("recorded_a_personal_education_plan", user=acting_user, obj=period.child,
                 fields={"education_plan": pep.pk})
    return pep
