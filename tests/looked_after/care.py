"""Reviews, plans, visits and health stories (issue 17, R-CLA-2..5): Jack Fletcher, allocated
to Sam in Family Help North, became looked after ten days ago (a period of care, its first
placement — foster care with Mrs Patel — and its episode, created here directly); Ivy is an
Independent Reviewing Officer, whom Tina (Sam's team manager) allocates. The fixtures are
offered by ``conftest.py``; the helpers are imported from here."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.looked_after.models import CarePeriod, Episode, Placement
from tests.conftest import make_user

DAYS_IN_CARE = 10


def days_ago(n: int):
    return timezone.localdate() - timedelta(days=n)


def put_in_care(child, *, by, started_on, long_term: bool = False, iro=None) -> CarePeriod:
    """A period of care begun on ``started_on`` with its first placement and episode."""
    now = timezone.now()
    period = CarePeriod.objects.create(child=child, started_on=started_on, category_of_need="N1",
                                       entered_from="other", iro=iro, recorded_by=by,
                                       recorded_at=now)
    placement = Placement.objects.create(period=period, child=child, started_on=started_on,
                                         placement_type="U4", carer_name="Mrs Patel",
                                         long_term=long_term)
    Episode.objects.create(period=period, child=child, placement=placement,
                           started_on=started_on, reason_new="S", legal_status="V2",
                           recorded_by=by, recorded_at=now)
    return period


@pytest.fixture
def iro(db):
    return make_user("ivy", Role.IRO, first="Ivy", last="Reviewer")


@pytest.fixture
def jack_in_care(fletchers, social_worker, iro) -> CarePeriod:
    return put_in_care(fletchers["jack"], by=social_worker, started_on=days_ago(DAYS_IN_CARE),
                       iro=iro)


def call(client, user, method, url, body=None, **headers):
    token = do_create_token(user, scope="write")
    return client.generic(method, url, json.dumps(body if body is not None else {}),
                          content_type="application/json",
                          headers={"Authorization": f"Bearer {token}", **headers})
