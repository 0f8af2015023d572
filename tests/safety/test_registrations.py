"""What safety registers from its AppConfig (issue 12): who may open a warning, a visit plan
and a check-in (``core.visibility``), and the registry through which supervision, above
safety, gives the visit action plan agreed in supervision (R-SAFE-3)."""

from __future__ import annotations

import pytest

from hearth.core import visibility
from hearth.safety.actions.checkins import do_start_check_in
from hearth.safety.actions.plans import do_plan_visit
from hearth.safety.models import CheckIn, VisitPlan, WorkerWarning
from hearth.safety.queries.plans import VISIT_ACTION_PLANS, visit_action_plan
from hearth.supervision.queries import latest_visit_action_plan
from tests.safety.warning_helpers import NOW, all_answered, warn

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)


def test_R_SAFE_1_a_warning_is_visible_with_its_person_or_to_its_author(
        fletchers, social_worker, team_manager, outsider):
    warning = warn(team_manager, person=fletchers["mum"])
    assert list(WorkerWarning.objects.visible_to(social_worker)) == [warning]
    assert list(WorkerWarning.objects.visible_to(team_manager)) == [warning]
    assert not WorkerWarning.objects.visible_to(outsider).exists()
    assert not WorkerWarning.objects.visible_to(None).exists()
    mine = warn(outsider, person=fletchers["jack"])
    assert list(WorkerWarning.objects.visible_to(outsider)) == [mine]


def test_R_SAFE_2_a_visit_plan_is_visible_exactly_when_its_person_is(
        fletchers, social_worker, outsider):
    plan = do_plan_visit(fletchers["jack"], acting_user=social_worker,
                         planned_for=NOW.replace(day=24), answers=all_answered())
    assert list(VisitPlan.objects.visible_to(social_worker)) == [plan]
    assert not VisitPlan.objects.visible_to(outsider).exists()
    assert visibility.scope(VisitPlan, None) is None


def test_R_SAFE_4_a_check_in_is_its_workers_or_a_monitoring_managers(
        fletchers, social_worker, team_manager, outsider):
    checkin = do_start_check_in(acting_user=social_worker, where="12 Acacia Road",
                                expected_back=NOW.replace(hour=NOW.hour + 1))
    assert list(CheckIn.objects.visible_to(social_worker)) == [checkin]
    assert list(CheckIn.objects.visible_to(team_manager)) == [checkin]
    assert not CheckIn.objects.visible_to(outsider).exists()


def test_R_SAFE_3_supervision_registers_its_visit_action_plan():
    assert latest_visit_action_plan in list(VISIT_ACTION_PLANS)
    assert visit_action_plan([]) is None
