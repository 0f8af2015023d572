"""What professional differences add to the list of what is due (R-PD-1..3): the stage's lead
sees it due two working days after it started (overdue after); the child's allocated worker
sees the open difference until told what was agreed; whoever is to tell them sees that; a
manager sees the stages their team leads. One query however many differences."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hearth import calendar
from hearth.core import due
from hearth.differences import actions
from hearth.differences.due import differences
from tests.differences.conftest import outcome

pytestmark = pytest.mark.django_db


def stage_due() -> date:
    """R-PD-1: the day a stage started today is due (two working days on)."""
    return calendar.pd_stage_due(timezone.localdate()).astimezone(calendar.LONDON).date()


def items(user, scope=due.MINE):
    return [(i.kind, i.what, i.due_on, i.for_user_id) for i in due.due_for(
        user, scope=scope, sources=[differences])]


def test_r_pd_1_the_stage_lead_sees_their_stage_due_in_two_working_days(
        hanas_difference, health_visitor, time_machine):
    assert items(health_visitor) == [
        ("difference_stage", "Professional difference, stage 1: record its outcome",
         stage_due(), health_visitor.pk)]
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=1, **outcome(False))
    assert items(health_visitor)[0][1] == ("Professional difference, stage 1: escalate it to "
                                           "stage 2")
    time_machine.move_to(timezone.now() + timedelta(days=3), tick=False)  # Friday
    [item] = due.due_for(health_visitor, sources=[differences])
    assert item.when(timezone.localdate()) == due.OVERDUE
    actions.do_escalate_difference(d, acting_user=health_visitor, expected_version=d.version)
    assert items(health_visitor)[0][1:3] == (
        "Professional difference, stage 2: record its outcome", stage_due())


def test_r_pd_3_sam_sees_the_open_difference_until_he_is_told(
        hanas_difference, health_visitor, social_worker, team_manager):
    assert items(social_worker) == [
        ("difference_open", "Professional difference open — stage 1: discussion with a line "
                            "manager or safeguarding lead", stage_due(), social_worker.pk)]
    d = actions.do_record_stage_outcome(hanas_difference, acting_user=health_visitor,
                                        expected_version=1, **outcome(True))
    d = actions.do_resolve_difference(d, acting_user=health_visitor, expected_version=d.version,
                                      agreed="The plan continues", teller=team_manager)
    today = timezone.localdate()
    assert items(social_worker) == [
        ("difference_open", "Professional difference resolved: Tina Manager is to tell you "
                            "what was agreed", today, social_worker.pk)]
    assert items(team_manager) == [
        ("difference_tell", "Tell Sam Worker what was agreed about a professional difference",
         today, team_manager.pk)]
    assert items(health_visitor) == []
    actions.do_record_worker_told(d, acting_user=team_manager, expected_version=d.version,
                                  told_on=today)
    assert items(social_worker) == [] and items(team_manager) == []


def test_tina_sees_the_stages_her_team_leads(raise_about, social_worker, team_manager,
                                             service_manager, outsider):
    raise_about(social_worker)
    expected = [("difference_stage", "Professional difference, stage 1: record its outcome",
                 stage_due(), social_worker.pk)]
    assert items(team_manager, due.TEAM) == expected
    assert items(service_manager, due.TEAM) == expected
    assert items(outsider, due.TEAM) == [] and items(social_worker, due.TEAM) == []


def test_the_header_on_jacks_pages_asks_only_about_jack(hanas_difference, social_worker,
                                                       fletchers):
    assert due.next_due(social_worker, fletchers["jack"].pk).kind == "difference_open"
    assert due.next_due(social_worker, fletchers["amy"].pk) is None


def test_one_query_however_many_differences(raise_about, social_worker, health_visitor,
                                            fletchers):
    raise_about(health_visitor)

    def count() -> int:
        with CaptureQueriesContext(connection) as captured:
            differences(social_worker, scope=due.MINE)
        return len(captured)

    one = count()
    for _ in range(5):
        raise_about(health_visitor)
        raise_about(social_worker, child=fletchers["amy"])
    assert count() == one <= 2
    assert len(differences(social_worker, scope=due.MINE)) == 11
