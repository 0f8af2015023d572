"""What assessments add to a child's chronology (R-CHR-1): an assessment started, and
authorised with its outcome. Registered from the app's AppConfig.ready()."""

from __future__ import annotations

from hearth import calendar
from hearth.assessments.models import Assessment
from hearth.chronology.codes import Kind
from hearth.chronology.rules import Link, Spec, name_of, shorten

ORIGIN = "assessment"
LINK = Link("assessments:detail", "assessment_id")


def assessment_events(assessment) -> list[Spec]:
    specs = [Spec(assessment.child_id, Kind.ASSESSMENT_STARTED, assessment.started_at,
                  f"Child and family assessment started; due "
                  f"{assessment.due.astimezone(calendar.LONDON):%-d %B %Y}.",
                  source_person=name_of(assessment.started_by),
                  recorded_by_id=assessment.started_by_id)]
    if assessment.authorised_at:
        outcome = assessment.get_outcome_display() if assessment.outcome else "not recorded"
        specs.append(Spec(assessment.child_id, Kind.ASSESSMENT_COMPLETED,
                          assessment.authorised_at,
                          f"Assessment authorised. Outcome: {outcome}. "
                          f"{shorten(assessment.summary, 250)}",
                          source_person=name_of(assessment.authorised_by),
                          recorded_by_id=assessment.authorised_by_id))
    return specs


def all_assessments():
    return Assessment.objects.select_related("started_by", "authorised_by")
