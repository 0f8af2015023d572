"""Professional differences stories (R-PD-1..3): Hana, a health visitor (a MASH partner of the
NHS health agency, with whom Jack's record is shared), disagrees with the plan for Jack that
Sam, his social worker, made; Tina is Sam's manager, Sue the service manager.

The clock stands at Tuesday 17 November 2026, 11:00 in London: stage 1 of a difference raised
now is due by the end of Thursday 19 November (two working days)."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.codes import Role
from hearth.access.models import Agency
from hearth.people.models import AgencyShare
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2026, 11, 17, 11, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


@pytest.fixture
def health(db) -> Agency:
    return Agency.objects.create(name="Northam NHS Health", kind="health")


@pytest.fixture
def health_visitor(health, fletchers, social_worker):
    """Hana, a health visitor in the MASH (health agency); Jack's record is shared with her
    agency (a MASH information request)."""
    AgencyShare.objects.create(person=fletchers["jack"], agency=health, shared_by=social_worker,
                               reason="MASH information request")
    return make_user("hana", Role.MASH_PARTNER, agency=health, first="Hana", last="Visitor")


@pytest.fixture
def service_manager(db):
    return make_user("sue", Role.SERVICE_MANAGER, first="Sue", last="Senior")


PLAN = {"decision": "Jack's child in need plan ends: no further visits",
        "decision_by": "Sam Worker, social worker", "decision_agency": "social_care",
        "why": "Jack has lost weight at each of my last three visits and misses clinic "
               "appointments: he still needs the plan",
        "raised_before": "cin_meeting", "raised_before_note": "The CIN review on 10 November"}


@pytest.fixture
def raise_about(fletchers):
    """Raise a difference about Jack (or ``child``) as ``user`` with the plan's words."""
    from hearth.differences.actions import do_raise_difference

    def make(user, child=None, **changes):
        return do_raise_difference(child or fletchers["jack"], acting_user=user,
                                   **{**PLAN, **changes})

    return make


@pytest.fixture
def hanas_difference(raise_about, health_visitor):
    return raise_about(health_visitor)


def outcome(resolved: bool, **changes) -> dict:
    """A stage's outcome as the actions take it."""
    from django.utils import timezone

    return {"held_on": timezone.localdate(), "who": "Hana Visitor, health visitor",
            "with_whom": "Sam Worker, social worker",
            "discussed": "Jack's weight and the missed clinic appointments",
            "resolved": resolved, **changes}


def api(client, user, method, url, body=None, **headers):
    from hearth.access.actions.users import do_create_token

    return client.generic(method, url, json.dumps(body or {}), content_type="application/json",
                          headers={"Authorization": f"Bearer {do_create_token(user)}",
                                   **headers})
