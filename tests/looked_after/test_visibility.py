"""Who sees a looked-after child's placement (issue 17): whoever sees the child sees the
period; a hidden placement address only Jack's own worker (Sam), her manager (Tina) and the
IRO (Ira) see; not another worker of Sam's team, not the worker of Jack's mother (the birth
family's other record), never a partner (Pat)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from hearth.access.actions.users import do_create_token
from hearth.access.codes import Role
from hearth.casework.models import Involvement
from hearth.core.status import statuses_for
from hearth.looked_after.queries.periods import sees_hidden_address
from tests.conftest import make_user
from tests.looked_after.periods_helpers import foster, start

pytestmark = pytest.mark.django_db


def api_address(user, child) -> str | None:
    token = do_create_token(user, scope="read")
    answer = Client().get(f"/api/v1/looked-after/children/{child.pk}",
                          headers={"Authorization": f"Bearer {token}"})
    if answer.status_code != 200:
        return f"status {answer.status_code}"
    return json.loads(answer.content)["periods"][0]["placements"][0]["address"]


def test_a_hidden_placement_address_is_seen_only_by_the_childs_own_workers_and_the_iro(
        social_worker, team_manager, police_partner, south, north, fletchers):
    jack = fletchers["jack"]
    period = start(jack, social_worker, placement=foster(address_hidden=True))
    iro = make_user("ira", Role.IRO, first="Ira", last="Reviewer")
    period.iro = iro
    period.save(update_fields=["iro"])
    colleague = make_user("nell", Role.SOCIAL_WORKER, team=north, first="Nell", last="North")
    mums_worker = make_user("bea", Role.SOCIAL_WORKER, team=south, first="Bea", last="South")
    Involvement.objects.create(person=fletchers["mum"], team=south, worker=mums_worker,
                               opened_on=date(2026, 10, 1))
    for user in (social_worker, team_manager, iro):
        assert sees_hidden_address(user, jack.pk, period), user
        assert api_address(user, jack) == "4 Elm Road\nSouthsea"
    for user in (colleague, mums_worker):
        assert not sees_hidden_address(user, jack.pk, period), user
        assert api_address(user, jack) is None  # sees Jack, not where he lives
        glance = statuses_for(jack, user).statuses[0]
        assert glance.label == "Looked after" and "address hidden" in glance.detail
        assert "Elm Road" not in glance.detail and "PO4" not in glance.detail
    assert not sees_hidden_address(police_partner, jack.pk, period)
    assert api_address(police_partner, jack) == "status 403"
    assert "Elm Road" in statuses_for(jack, social_worker).statuses[0].detail
