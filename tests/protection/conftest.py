"""The clock, Chris the conference chair, and shortcuts to a Section 47 enquiry and a plan for
the Fletcher children.

``enquiry_for`` and ``plan_for`` write the rows directly so each area's tests can start part
way along the pathway; the pathway itself, end to end through the real actions, is proved in
``test_pathway.py``.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hearth import calendar
from hearth.access.codes import Role
from hearth.protection import models as m
from hearth.protection.codes import ConferenceDecision, ConferenceKind, StrategyDecision
from hearth.protection.rules.pathway import plan_dates
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Tuesday 17 November 2026, 11:00 in London."""
    time_machine.move_to(datetime(2026, 11, 17, 11, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def chair(db):
    """Chris, an independent conference chair in the conference service."""
    return make_user("chris", Role.CONFERENCE_CHAIR, first="Chris", last="Chair")


@pytest.fixture
def enquiry_for(social_worker):
    """A Section 47 enquiry for ``child`` started by a strategy discussion on ``held_on``."""

    def make(child, *, held_on=date(2026, 11, 10), joint=True, by=None):
        by = by or social_worker
        discussion = m.StrategyDiscussion.objects.create(
            person=child, origin="open_case", held_on=held_on,
            information_shared="School saw bruising; police hold a DA callout from October.",
            decision=StrategyDecision.S47_JOINT if joint else StrategyDecision.S47_SINGLE_AGENCY,
            decision_reasons="Reasonable cause to suspect significant harm.", recorded_by=by,
            recorded_at=timezone.now())
        discussion.participants.create(name="Sam Worker", agency="Children's services",
                                       agency_kind="", user=social_worker)
        discussion.participants.create(name="DC Pat Officer", agency="Hampshire Police",
                                       agency_kind="police")
        return m.Section47Enquiry.objects.create(
            strategy=discussion, person=child, joint=joint, started_on=held_on,
            icpc_due=calendar.icpc_due(held_on).date())

    return make


@pytest.fixture
def plan_for(social_worker, enquiry_for):
    """A held ICPC on ``icpc_on`` that put ``child`` on a plan in ``category``."""

    def make(child, *, icpc_on=date(2026, 11, 16), category="NEG", lead=None, by=None):
        by = by or social_worker
        enquiry = enquiry_for(child, held_on=calendar.add_working_days(icpc_on, -10))
        conference = m.Conference.objects.create(
            person=child, kind=ConferenceKind.ICPC, enquiry=enquiry, held_on=icpc_on,
            chair_name="Chris Chair", held=True, decision=ConferenceDecision.PLAN,
            category=category, minutes="Minutes", outline_plan="Outline plan", arranged_by=by,
            arranged_at=timezone.now(), recorded_by=by, recorded_at=timezone.now())
        dates = plan_dates(icpc_on)
        return m.CPPlan.objects.create(
            person=child, conference=conference, start_on=icpc_on, initial_category=category,
            latest_category=category, lead_social_worker=lead or social_worker,
            first_core_group_due=dates.first_core_group_due,
            next_review_due=dates.first_review_due, created_by=by, created_at=timezone.now())

    return make
