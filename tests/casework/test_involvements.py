"""Involvements: allocation, reallocation, co-allocation and closure with DfE codes."""

from __future__ import annotations

from datetime import date

import pytest

from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Notification
from hearth.casework import actions, rules
from hearth.casework.codes import ClosureReason
from hearth.casework.models import Involvement, InvolvementStatus
from hearth.core.refusals import Refused, StaleEdit
from tests.conftest import make_user


@pytest.fixture
def waiting(fletchers, north):
    """A new referral for the Fletchers' baby brother, waiting in Family Help North's queue."""
    from hearth.people import actions as people

    sam = fletchers["jack"].created_by
    leo = people.do_create_person(acting_user=sam, given_name="Leo", family_name="Fletcher",
                                  date_of_birth=date(2025, 3, 1), sex="M")
    people.do_add_relationship(fletchers["mum"], leo, acting_user=sam, kind="mother")
    return Involvement.objects.create(person=leo, team=north, worker=None,
                                      status=InvolvementStatus.AWAITING_ALLOCATION,
                                      opened_on=date(2026, 11, 2), primary_need="N1",
                                      referral_date=date(2026, 11, 2))


def test_tina_allocates_leo_to_sam_who_is_told(waiting, team_manager, social_worker):
    inv = actions.do_allocate(waiting, social_worker, acting_user=team_manager,
                              expected_version=1)
    assert inv.status == InvolvementStatus.OPEN
    assert inv.worker == social_worker and inv.version == 2 and inv.allocated_on
    assert Notification.objects.filter(user=social_worker,
                                       subject__contains="Leo Fletcher").exists()
    assert AuditEntry.objects.filter(action="allocate", username="tina").exists()


def test_a_stale_allocation_changes_nothing(waiting, team_manager, social_worker, north):
    bea = make_user("bea", Role.SOCIAL_WORKER, team=north, first="Bea", last="Worker")
    actions.do_allocate(waiting, social_worker, acting_user=team_manager, expected_version=1)
    with pytest.raises(StaleEdit):
        actions.do_allocate(waiting, bea, acting_user=team_manager, expected_version=1)
    waiting.refresh_from_db()
    assert waiting.worker == social_worker
    assert not Notification.objects.filter(user=bea).exists()


def test_only_an_active_practitioner_of_the_team_can_be_allocated(
        waiting, team_manager, outsider, north):
    with pytest.raises(Refused, match="not in Family Help North"):
        actions.do_allocate(waiting, outsider, acting_user=team_manager, expected_version=1)
    gone = make_user("gone", Role.SOCIAL_WORKER, team=north)
    gone.is_active = False
    gone.save()
    with pytest.raises(Refused, match="cannot hold cases"):
        actions.do_allocate(waiting, gone, acting_user=team_manager, expected_version=1)
    with pytest.raises(Refused, match="cannot hold cases"):
        actions.do_allocate(waiting, team_manager, acting_user=team_manager,
                            expected_version=1)
    waiting.refresh_from_db()
    assert waiting.status == InvolvementStatus.AWAITING_ALLOCATION and waiting.version == 1


def test_only_the_teams_manager_allocates(waiting, social_worker, outsider, south):
    other_tm = make_user("tom", Role.TEAM_MANAGER, team=south)
    for user in (social_worker, other_tm):
        with pytest.raises(Refused):
            actions.do_allocate(waiting, social_worker, acting_user=user, expected_version=1)


def test_reallocation_tells_both_workers(fletchers, team_manager, social_worker, north):
    bea = make_user("bea", Role.SOCIAL_WORKER, team=north, first="Bea", last="Worker")
    jack = fletchers["jack"].involvements.get()
    actions.do_reallocate(jack, bea, acting_user=team_manager, expected_version=1,
                          reason="Sam's caseload is full")
    jack.refresh_from_db()
    assert jack.worker == bea and jack.version == 2
    assert Notification.objects.filter(user=bea).exists()
    assert Notification.objects.filter(user=social_worker, subject__contains="reallocated")


def test_building_bridges_practitioner_co_allocated_and_finished_at_closure(
        fletchers, team_manager):
    """R-SVC-1: Building Bridges is a co-allocated secondary worker."""
    bb = make_user("bev", Role.FAMILY_PRACTITIONER, first="Bev", last="Bridges")
    jack = fletchers["jack"].involvements.get()
    link = actions.do_add_secondary_worker(jack, bb, acting_user=team_manager,
                                           expected_version=1, role="building_bridges",
                                           start_date=date(2026, 10, 5))
    assert link.get_role_display() == "Building Bridges practitioner"
    with pytest.raises(Refused, match="already works"):
        actions.do_add_secondary_worker(jack, bb, acting_user=team_manager,
                                        expected_version=2, role="building_bridges")
    actions.do_close(jack, "RC7", acting_user=team_manager, expected_version=2,
                     closed_on=date(2026, 11, 20))
    link.refresh_from_db()
    assert link.end_date == date(2026, 11, 20)


def test_close_with_an_rc_code(fletchers, team_manager):
    jack = fletchers["jack"].involvements.get()
    closed = actions.do_close(jack, "RC8", acting_user=team_manager, expected_version=1)
    assert closed.status == InvolvementStatus.CLOSED and closed.closure_reason == "RC8"
    assert closed.closed_by == team_manager and closed.closed_on
    assert closed.get_closure_reason_display() == ClosureReason.RC8.label
    assert AuditEntry.objects.filter(action="close").exists()


@pytest.mark.parametrize("code", ["RC0", "RC10", "", "closed"])
def test_an_unknown_closure_code_is_refused_and_nothing_changes(fletchers, team_manager, code):
    jack = fletchers["jack"].involvements.get()
    with pytest.raises(Refused, match="RC1 to RC9"):
        actions.do_close(jack, code, acting_user=team_manager, expected_version=1)
    jack.refresh_from_db()
    assert jack.status == InvolvementStatus.OPEN and jack.version == 1 and not jack.closure_reason


def test_a_stale_closure_is_refused(fletchers, team_manager):
    jack = fletchers["jack"].involvements.get()
    with pytest.raises(StaleEdit):
        actions.do_close(jack, "RC7", acting_user=team_manager, expected_version=7)
    jack.refresh_from_db()
    assert jack.status == InvolvementStatus.OPEN


def test_closure_checks_hook_can_refuse(fletchers, team_manager, monkeypatch):
    monkeypatch.setattr(actions, "CLOSURE_CHECKS", [lambda inv: "A follow-up task is open."])
    jack = fletchers["jack"].involvements.get()
    with pytest.raises(Refused, match="follow-up task"):
        actions.do_close(jack, "RC7", acting_user=team_manager, expected_version=1)
    jack.refresh_from_db()
    assert jack.status == InvolvementStatus.OPEN


def test_age_and_days_waiting_rules():
    assert rules.age_on(date(2016, 9, 14), date(2026, 9, 13)) == 9
    assert rules.age_on(date(2016, 9, 14), date(2026, 9, 14)) == 10
    assert rules.age_on(None, date(2026, 1, 1)) is None
    assert rules.days_between(date(2026, 11, 2), date(2026, 11, 17)) == 15
