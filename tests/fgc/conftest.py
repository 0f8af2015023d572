"""FGC stories: Sam refers Jack and Amy's family (the Fletchers) for a Family Group
Conference; Cora, an FGC coordinator, takes it from the queue; Mo manages the FGC service and
allocates referrals to coordinators."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import Team
from tests.conftest import make_user

QUESTIONS = ["How can the family help Jack get to school every day?",
             "Who could look after Jack and Amy when Kerry is unwell?",
             "How will everyone know the plan is working?"]


def in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def fgc_team(db) -> Team:
    return Team.objects.create(name="Family Group Conferences", service="fgc")


@pytest.fixture
def coordinator(fgc_team):
    return make_user("cora", Role.FGC_COORDINATOR, team=fgc_team, first="Cora",
                     last="Coordinator")


@pytest.fixture
def other_coordinator(fgc_team):
    return make_user("cole", Role.FGC_COORDINATOR, team=fgc_team, first="Cole",
                     last="Coordinator")


@pytest.fixture
def fgc_manager(fgc_team):
    return make_user("mo", Role.TEAM_MANAGER, team=fgc_team, first="Mo", last="Manager")


def referral(**overrides) -> dict:
    """What Sam's referral says, unless a test says otherwise."""
    return {"reason": "school_attendance",
            "background": "Jack misses school most Mondays; Kerry is unwell at times. The "
                          "grandparents are close and want to help.",
            "questions": list(QUESTIONS), "process_explained": True, "family_agreed": True,
            "explained_on": in_days(-2), **overrides}


def refer(social_worker, fletchers, **overrides):
    from hearth.fgc.actions.referrals import do_refer

    children = overrides.pop("children", [fletchers["jack"], fletchers["amy"]])
    return do_refer(acting_user=social_worker, children=children, **referral(**overrides))


@pytest.fixture
def sams_referral(social_worker, fletchers):
    return refer(social_worker, fletchers)


def arranged(fgc, coordinator, *, days: int = -1):
    """Cora takes the FGC, visits, and arranges the conference ``days`` from today (the
    children: Jack attends part, Amy does not)."""
    from hearth.fgc.actions import preparation, referrals

    fgc = referrals.do_take(fgc, acting_user=coordinator, expected_version=fgc.version)
    preparation.do_record_visit(fgc, acting_user=coordinator, visited_on=timezone.localdate(),
                                who_seen="Jack, then Kerry", notes="Kerry wants her parents there")
    preparation.do_add_network_member(fgc, acting_user=coordinator, name="Pat Fletcher",
                                      relationship="Grandmother", kind="family",
                                      reached_by="phone")
    fgc.refresh_from_db()
    jack, amy = list(fgc.children.order_by("pk"))
    from datetime import datetime, time

    from hearth.calendar import LONDON
    when = datetime.combine(in_days(days), time(10, 0), tzinfo=LONDON)
    return preparation.do_arrange(
        fgc, acting_user=coordinator, expected_version=fgc.version, venue="Northam Family Hub",
        conference_at=max(when, fgc.referred_at),
        participation={jack.pk: {"attendance": "part", "attends_for": "The start and the plan",
                                 "supported_by": "His teacher, Ms Bell"},
                       amy.pk: {"attendance": "none",
                                "wishes_and_feelings": "Amy wants to see Nan every week"}})


def held(fgc, coordinator):
    from hearth.fgc.actions.conferences import do_record_conference

    fgc.refresh_from_db()
    return do_record_conference(
        fgc, acting_user=coordinator, expected_version=fgc.version,
        held_on=timezone.localdate(),
        stages={"information_shared": "Sam shared the worries about school.",
                "private_family_time": "The family had an hour on their own.",
                "plan_shared": "The family shared their plan; Sam asked about Mondays."})


def planned(fgc, coordinator):
    from hearth.fgc.actions.conferences import do_record_plan
    from hearth.fgc.rules.conferences import PlanLine

    fgc.refresh_from_db()
    return do_record_plan(fgc, acting_user=coordinator, expected_version=fgc.version,
                          lines=[PlanLine("Nan", "Take Jack to school on Mondays", in_days(7)),
                                 PlanLine("Kerry", "Ring the school if Jack is ill",
                                          in_days(14))],
                          review_on=in_days(42))
