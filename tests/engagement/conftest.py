"""Engagement stories happen on Tuesday 17 November 2026, 11:00 in London."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

LONDON = ZoneInfo("Europe/London")
TODAY = datetime(2026, 11, 17, 11, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(TODAY, tick=False)


@pytest.fixture
def bea(north, fletchers):
    """Bea, a family practitioner co-allocated to Jack: a colleague who works with the family."""
    from hearth.access.codes import Role
    from hearth.casework.models import InvolvementWorker
    from tests.conftest import make_user

    bea = make_user("bea", Role.FAMILY_PRACTITIONER, team=north, first="Bea", last="Bridges")
    InvolvementWorker.objects.create(involvement=fletchers["jack"].involvements.get(),
                                     worker=bea, role="co_worker",
                                     start_date=date(2026, 11, 2))
    return bea


@pytest.fixture
def shared_with_police(fletchers, social_worker, police):
    """Kerry's record was shared with Hampshire Police (Pat's agency) through the MASH."""
    from hearth.people.actions import do_share_with_agency

    return do_share_with_agency(fletchers["mum"], acting_user=social_worker, agency=police,
                                reason="MASH enquiry")
