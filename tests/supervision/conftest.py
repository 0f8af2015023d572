"""Supervision stories: Tina supervises Sam about the Fletchers; Bea runs a Building Bridges
team whose workers are supervised every five weeks; Stella manages Family Safeguarding South,
another team."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import Team
from hearth.engagement.models import EngagementEvent
from hearth.supervision import actions
from hearth.supervision.codes import SELF_CHECK_QUESTIONS
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")
TODAY = date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _now(time_machine):
    """Friday 20 November 2026, noon in London."""
    time_machine.move_to(datetime(2026, 11, 20, 12, 0, tzinfo=LONDON), tick=False)


@pytest.fixture
def other_manager(south):
    return make_user("stella", Role.TEAM_MANAGER, team=south, first="Stella", last="South")


@pytest.fixture
def bridges(db):
    return Team.objects.create(name="Building Bridges East", service="building_bridges")


@pytest.fixture
def bea(bridges):
    return make_user("bea", Role.TEAM_MANAGER, team=bridges, first="Bea", last="Bridges")


@pytest.fixture
def bill(bridges):
    return make_user("bill", Role.FAMILY_PRACTITIONER, team=bridges, first="Bill",
                     last="Practitioner")


@pytest.fixture
def beth(bridges):
    return make_user("beth", Role.FAMILY_PRACTITIONER, team=bridges, first="Beth",
                     last="Practitioner")


def hostility(person, recorded_by) -> EngagementEvent:
    """Kerry shouted and threatened Sam at the door (made directly: seed data for a story)."""
    return EngagementEvent.objects.create(
        person=person, kind="hostility", occurred_at=timezone.now(),
        agency="Children's services", form="violence_threatened",
        behaviours=["shouting", "intimidating_language"], by_whom="Kerry Fletcher",
        account="Kerry shouted that she would hurt me if I came back.",
        recorded_by=recorded_by, recorded_at=timezone.now())


ALL_NO = {key: {"answer": "no", "note": ""} for key, _question in SELF_CHECK_QUESTIONS}


def held(manager, worker, day: date, cases=(), **extra):
    return actions.do_record_session(acting_user=manager, worker=worker, status="held",
                                     session_date=day, cases=list(cases), **extra)


def planned(manager, worker, day: date, cases=(), **extra):
    return actions.do_record_session(acting_user=manager, worker=worker, status="planned",
                                     session_date=day, cases=list(cases), **extra)
