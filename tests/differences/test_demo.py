"""The demo's professional differences (``hearth.demo.differences``): several stages, one
overdue, one resolved and its worker told, one resolved and its worker still to be told."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import Agency, Team
from hearth.casework.models import Involvement
from hearth.demo.differences import seed_differences
from hearth.differences.models import Difference
from hearth.differences.queries import report
from hearth.people import actions as people
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def test_the_demo_has_differences_in_several_stages_one_overdue_one_resolved():
    team = Team.objects.create(name="Family Help", service="family_help")
    police = Agency.objects.create(name="Hearthshire Police", kind="police")
    sam = make_user("demo.socialworker", Role.SOCIAL_WORKER, team=team)
    tina = make_user("demo.teammanager", Role.TEAM_MANAGER, team=team)
    make_user("demo.police", Role.MASH_PARTNER, agency=police)
    make_user("demo.familypractitioner", Role.FAMILY_PRACTITIONER, team=team)
    for n in range(8):
        born = timezone.localdate() - timedelta(days=11 * 365)
        child = people.do_create_person(acting_user=sam, given_name=f"Child{n}",
                                        family_name="Demo", date_of_birth=born)
        Involvement.objects.create(person=child, team=team, worker=sam,
                                   opened_on=timezone.localdate() - timedelta(days=30))
    assert seed_differences() == 5
    found = {d.current_stage.number: d for d in Difference.objects.filter(status="open")}
    assert sorted(found) == [1, 2, 3]
    assert [d.raised_by.username for d in report.rows(tina, report.Filters(overdue=True),
                                                      timezone.now())] == ["demo.police"]
    summary = report.summary(tina, timezone.now())
    assert (summary.open, summary.overdue, summary.resolved, summary.awaiting_worker) == (
        3, 1, 2, 1)
    told = Difference.objects.get(worker_told_on__isnull=False)
    assert told.working_days_to_resolve == 8 and told.worker_told_recorded_by == tina
    assert found[3].current_stage.owner == tina
