"""More named people for the front door:

- Fran (front_door, from tests/conftest.py) takes calls in the Children's Resource Service;
- Carla manages the CRS team; Sol is the on-call senior (service) manager;
- Eddie is an advanced practitioner on the Emergency Duty Team;
- Pat is the police partner in the MASH (tests/conftest.py), Hana the health partner;
- Lou is the LADO.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from hearth.access.codes import Role
from hearth.access.models import Agency, Team
from hearth.core.refusals import Refused, Why
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")


@contextmanager
def raises_refused(why: Why, match: str | None = None) -> Iterator[pytest.ExceptionInfo]:
    """The action refuses (``Refused``), for this reason, and nothing is written."""
    with pytest.raises(Refused, match=match) as caught:
        yield caught
    assert caught.value.why == why, caught.value


@pytest.fixture
def crs_manager(front_door):
    return make_user("carla", Role.TEAM_MANAGER, team=front_door.team, first="Carla",
                     last="Manager")


@pytest.fixture
def on_call_manager(db):
    return make_user("sol", Role.SERVICE_MANAGER, first="Sol", last="Senior")


@pytest.fixture
def sol_on_call_tonight(on_call_manager):
    """Sol is on the on-call rota (``hearth oncall``) from 17:00 on Tuesday 17 November 2026 to
    09:00 the next morning."""
    from hearth.safety.actions.oncall import do_add_on_call

    do_add_on_call(acting_user=None, user=on_call_manager, starts_at=at(2026, 11, 17, 17, 0),
                   ends_at=at(2026, 11, 18, 9, 0))
    return on_call_manager


@pytest.fixture
def edt_worker(db):
    edt = Team.objects.create(name="Emergency Duty Team", service="edt")
    return make_user("eddie", Role.ADVANCED_PRACTITIONER, team=edt, first="Eddie", last="Night")


@pytest.fixture
def health(db):
    return Agency.objects.create(name="Solent NHS Trust", kind="health")


@pytest.fixture
def health_partner(health):
    return make_user("hana", Role.MASH_PARTNER, agency=health, first="Hana", last="Nurse")


@pytest.fixture
def lado_officer(db):
    return make_user("lou", Role.LADO, first="Lou", last="Lado")


def at(*args) -> datetime:
    return datetime(*args, tzinfo=LONDON)


@pytest.fixture
def call(fletchers):
    """What a teacher told Fran on Tuesday 17 November 2026 at 10:30."""
    return {
        "received_at": at(2026, 11, 17, 10, 30), "channel": "phone",
        "caller_kind": "professional", "caller_name": "Ms Amira Shah",
        "caller_agency": "Northam Primary School", "caller_role": "Designated safeguarding lead",
        "caller_contact": "023 8000 0000", "caller_email": "a.shah@northam.example.org",
        "caller_relationship": "Jack's teacher", "referral_source": "2A",
        "worries": "Jack arrived hungry three days running and has a bruise on his arm.",
        "strengths": "Mum usually collects him and is warm with him.",
        "caller_actions": "Gave Jack breakfast; spoke to mum at the gate.",
        "child_words": "'Mum's boyfriend shouts a lot.'",
        "questions_asked": "Any injuries explained? Who lives at home?",
        "advice_given": "Record what Jack says in his words; do not question him further.",
        "urgency": "today", "family_aware": True, "family_told_sharing": True,
        "not_told_reason": "",
    }
