"""The demo has children on CIN plans (issue 17): with meetings, one with a statutory CIN
visit, and one whose visit is overdue; made by the real actions."""

from __future__ import annotations

from datetime import date

from hearth.access.codes import Role
from hearth.cin.models import CINMeeting, CINPlan
from hearth.core.due import due_for
from hearth.visits.models import Visit
from tests.cin.conftest import TODAY
from tests.conftest import add_child, make_user


def test_the_demo_has_children_on_cin_plans_one_visit_overdue(fletchers, north):
    from hearth.demo.cin import seed_cin

    sam = make_user("demo.socialworker", Role.SOCIAL_WORKER, team=north)
    make_user("demo.teammanager", Role.TEAM_MANAGER, team=north)
    for n in range(3):
        add_child(fletchers["mum"], f"Child{n}", date(2014 + n, 3, 1), by=sam, team=north)
    assert seed_cin() == 3
    assert CINPlan.objects.filter(end_on__isnull=True).count() == 3
    assert CINMeeting.objects.count() == 2
    assert Visit.objects.filter(purpose="cin").count() == 1
    overdue = [i for i in due_for(sam) if i.kind == "cin_visit" and i.days_overdue(TODAY) > 0]
    assert len(overdue) == 1
