"""Child in need stories: Tina authorised Sam's assessment of Jack Fletcher, whose outcome is a
child in need plan; Sam starts the plan, holds CIN meetings, and ends it. The clock is fixed
(Tuesday 17 November 2026, 11:00 in London) so that the dates read like a diary."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 17)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)


def authorised_assessment(child, *, worker, manager, authorised_on: date = TODAY
                          - timedelta(days=7), outcome: str = "cin_plan"):
    """An assessment of ``child`` authorised on ``authorised_on`` with ``outcome`` (written
    directly: the assessment's own steps are proved in tests/assessments)."""
    from hearth import calendar
    from hearth.assessments.models import Assessment

    involvement = child.involvements.get()
    referral = authorised_on - timedelta(days=30)
    at = datetime.combine(authorised_on, datetime.min.time(), LONDON) + timedelta(hours=10)
    return Assessment.objects.create(
        involvement=involvement, child=child, referral_date=referral,
        due=calendar.assessment_due(referral), status="authorised", started_by=worker,
        started_at=at - timedelta(days=20), summary="Kerry is struggling; Jack misses school.",
        outcome=outcome, submitted_by=worker, submitted_at=at - timedelta(days=1),
        authorised_by=manager, authorised_at=at)


ACTIONS = [{"what": "Referral to the school nurse", "owner": "Sam Worker (social worker)",
            "due_on": TODAY + timedelta(days=14)},
           {"what": "Take Jack to school every day", "owner": "Kerry Fletcher",
            "due_on": TODAY + timedelta(days=28)}]


def start_plan(assessment, by, **overrides):
    from hearth.cin.actions.plans import do_start_plan

    values = {"start_on": TODAY - timedelta(days=3),
              "needs": "Jack needs to be in school and Kerry needs support with her health.",
              "actions": [dict(a) for a in ACTIONS], **overrides}
    return do_start_plan(assessment, acting_user=by, **values)


@pytest.fixture
def assessment(fletchers, social_worker, team_manager):
    return authorised_assessment(fletchers["jack"], worker=social_worker, manager=team_manager)


@pytest.fixture
def plan(assessment, social_worker):
    return start_plan(assessment, social_worker)


