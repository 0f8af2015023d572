"""The demo has children looked after in every legal status, several with placement moves
(issue 17), made by the real actions (audited, in the chronology)."""

from __future__ import annotations

import pytest

from hearth.access.codes import Role
from hearth.chronology.models import Event
from hearth.looked_after.codes import LegalStatus
from hearth.looked_after.models import Episode, Placement
from tests.conftest import add_child, make_user
from tests.looked_after.periods_helpers import ago

pytestmark = pytest.mark.django_db


def test_the_demo_has_children_in_every_legal_status_and_moves(fletchers, north):
    from hearth.demo.looked_after import PLAN, seed_looked_after

    sam = make_user("demo.socialworker", Role.SOCIAL_WORKER, team=north)
    for n in range(len(PLAN)):
        add_child(fletchers["mum"], f"Child{n}", ago(3650), by=sam, team=north)
    assert seed_looked_after() == len(PLAN)
    assert set(Episode.objects.filter(ended_on__isnull=True)
               .values_list("legal_status", flat=True)) == set(LegalStatus.values)
    assert Placement.objects.exclude(reason_changed="").count() >= 5
    assert Event.objects.filter(kind="placement_move").count() >= 5
