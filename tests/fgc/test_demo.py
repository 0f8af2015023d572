"""The demo has a Family Group Conference in every state (issue 16): referred (two siblings
together), allocated, preparing, held with the plan agreed, reviewed, and declined; made by
the real actions, so each is audited and in the children's chronologies."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.codes import Role
from hearth.chronology.models import Event
from hearth.fgc.models import FGC
from tests.conftest import add_child, make_user

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_fgc_in_every_state(fletchers, north):
    from hearth.demo.fgc import seed_fgc

    sam = make_user("demo.socialworker", Role.SOCIAL_WORKER, team=north, first="Demo",
                    last="Social worker")
    make_user("demo.fgc", Role.FGC_COORDINATOR, first="Demo", last="FGC coordinator")
    for n in range(7):
        add_child(fletchers["mum"], f"Child{n}", date(2014 + n, 3, 1), by=sam, team=north)
    assert seed_fgc() == 6
    assert set(FGC.objects.values_list("status", flat=True)) == {
        "referred", "allocated", "preparing", "plan_agreed", "reviewed", "declined"}
    assert FGC.objects.get(status="referred").children.count() == 2
    assert FGC.objects.get(status="reviewed").review_on is not None
    assert FGC.objects.filter(coordinator__username="demo.fgc",
                              coordinator__team__service="fgc").count() == 4
    assert Event.objects.filter(origin="fgc").count() >= 7
