"""A lone visit to a family whose warning needs two workers, or to any warned family out of
hours, does not start without the second worker or a manager's recorded agreement (R-SAFE-2,
R-SAFE-3, R-RES-5). Kerry's warning says visits need two workers; Sam tries to check in alone
for a visit to Jack, her son."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Notification
from hearth.core.refusals import Refused as CheckInRefused
from hearth.core.refusals import Refused as PlanRefused
from hearth.jobs.models import Job
from hearth.people import actions as people
from hearth.safety.actions.checkins import do_start_check_in
from hearth.safety.actions.plans import do_agree_plan, do_plan_visit, do_update_plan
from hearth.safety.models import CheckIn
from tests.conftest import make_user
from tests.safety.warning_helpers import LONDON, NOW, all_answered, warn

pytestmark = [pytest.mark.django_db]


def at(hour: int, minute: int = 0, day: int = 17) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _now(time_machine):
    time_machine.move_to(NOW, tick=False)  # Tuesday 17 November 2026, 10:00
    return time_machine


@pytest.fixture
def colleague(north):
    return make_user("cara", Role.SOCIAL_WORKER, team=north, first="Cara", last="Colleague")


@pytest.fixture
def joint_warning(fletchers, team_manager):
    return warn(team_manager, person=fletchers["mum"], joint=True)


def start(worker, fletchers, *, back=None, **extra) -> CheckIn:
    return do_start_check_in(acting_user=worker, where="12 Acacia Road",
                             person=fletchers["jack"], expected_back=back or at(11), **extra)


def _nothing_written(audit_before: int) -> None:
    assert not CheckIn.objects.exists() and not Job.objects.filter(
        kind__startswith="safety.").exists()
    assert AuditEntry.objects.count() == audit_before


def test_R_SAFE_2_a_lone_check_in_to_a_family_needing_two_workers_is_refused(
        fletchers, social_worker, joint_warning):
    audit_before = AuditEntry.objects.count()
    with pytest.raises(CheckInRefused, match="visits to this family need two workers") as refused:
        start(social_worker, fletchers)
    assert refused.value.field == "joint_worker"
    _nothing_written(audit_before)


def test_R_SAFE_2_with_a_second_worker_the_check_in_starts(fletchers, social_worker,
                                                           colleague, joint_warning):
    checkin = start(social_worker, fletchers, joint_worker=colleague)
    assert checkin.joint_worker == colleague
    entry = AuditEntry.objects.get(action="safety.checkin_start")
    assert entry.fields["joint_worker"] == "cara"


def test_R_SAFE_2_the_second_worker_is_someone_else_who_goes_out_on_visits(
        fletchers, social_worker, administrator, joint_warning):
    with pytest.raises(CheckInRefused, match="someone other than you"):
        start(social_worker, fletchers, joint_worker=social_worker)
    with pytest.raises(CheckInRefused, match="goes out on visits"):
        start(social_worker, fletchers, joint_worker=administrator)
    assert not CheckIn.objects.exists()


def test_R_SAFE_3_a_plan_a_manager_agreed_lets_the_lone_check_in_start(
        fletchers, social_worker, team_manager, joint_warning):
    plan = do_plan_visit(fletchers["jack"], acting_user=social_worker, planned_for=at(10, 30),
                         answers=all_answered())
    with pytest.raises(CheckInRefused, match="need two workers"):
        start(social_worker, fletchers, visit_plan=plan)
    do_agree_plan(plan, acting_user=team_manager, expected_version=1,
                  note="Ring me on arrival")
    plan.refresh_from_db()
    assert start(social_worker, fletchers, visit_plan=plan).visit_plan == plan


def test_R_SAFE_2_a_warning_raised_on_the_address_counts_too(fletchers, social_worker,
                                                             team_manager):
    home = people.do_add_address(fletchers["jack"], acting_user=social_worker,
                                 line1="12 Acacia Road", postcode="SO14 2AB",
                                 start_date=date(2020, 1, 1))
    warn(team_manager, address=home.address, joint=True, kind="animals")
    with pytest.raises(CheckInRefused, match="need two workers"):
        start(social_worker, fletchers)


def test_R_SAFE_2_the_check_in_page_refuses_with_an_error_summary_then_starts(
        fletchers, social_worker, colleague, joint_warning, as_user):
    sam = as_user(social_worker)
    jack = fletchers["jack"]
    form = {"where": "12 Acacia Road", "back_date": "17/11/2026", "back_time": "11:00",
            "person": str(jack.pk), "joint_worker": ""}
    page = sam.get(f"/check-ins/new?person={jack.pk}").content.decode()
    assert "Who is going with you?" in page and "Cara Colleague" in page
    refused = sam.post("/check-ins/new", form)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "govuk-error-summary" in html and 'href="#id_joint_worker"' in html
    assert "visits to this family need two workers" in html
    assert not CheckIn.objects.exists()
    started = sam.post("/check-ins/new", {**form, "joint_worker": str(colleague.pk)})
    assert started.status_code == 302
    assert CheckIn.objects.get().joint_worker == colleague


def test_R_RES_5_out_of_hours_a_warned_family_needs_two_workers_and_an_agreed_plan(
        _now, fletchers, social_worker, team_manager, colleague):
    """Kerry's warning (dogs) does not ask for two workers; Sam wants to visit at 07:00 to find
    her partner in (seed 002). That needs Cara with him and a plan Tina has agreed."""
    warn(team_manager, person=fletchers["mum"], kind="animals", joint=False)
    plan = do_plan_visit(fletchers["jack"], acting_user=social_worker,
                         planned_for=at(7, 0, day=18), answers=all_answered())
    assert Notification.objects.filter(
        user=team_manager, subject="Agree an out-of-hours visit on Jack Fletcher").exists()
    _now.move_to(at(7, 0, day=18))
    back = at(8, 30, day=18)
    with pytest.raises(CheckInRefused) as refused:
        start(social_worker, fletchers, back=back, visit_plan=plan)
    assert set(refused.value.problems) == {"joint_worker", ""}
    assert "outside daylight and working hours" in refused.value.problems["joint_worker"]
    assert "a manager has not agreed this visit plan yet" in refused.value.problems[""]
    with pytest.raises(CheckInRefused, match="visit plan agreed by a manager"):
        start(social_worker, fletchers, back=back, visit_plan=plan, joint_worker=colleague)
    _now.move_to(NOW)
    with pytest.raises(PlanRefused, match="Only a manager"):
        do_agree_plan(plan, acting_user=social_worker, expected_version=1)
    do_agree_plan(plan, acting_user=team_manager, expected_version=1)
    plan.refresh_from_db()
    _now.move_to(at(7, 0, day=18))
    with pytest.raises(CheckInRefused, match="needs a second worker"):
        start(social_worker, fletchers, back=back, visit_plan=plan)
    assert start(social_worker, fletchers, back=back, visit_plan=plan,
                 joint_worker=colleague).pk
    # The same lone visit at 10:00 would have needed neither.


def test_R_RES_5_a_daytime_lone_visit_to_a_warned_family_may_run_until_1700(
        _now, fletchers, social_worker, team_manager):
    warn(team_manager, person=fletchers["mum"], kind="animals", joint=False)
    _now.move_to(at(15))
    with pytest.raises(CheckInRefused, match="outside daylight and working hours"):
        start(social_worker, fletchers, back=at(17, 30))
    assert start(social_worker, fletchers, back=at(17)).pk


def test_R_SAFE_3_the_plan_page_says_what_is_missing_and_tina_agrees_an_out_of_hours_plan(
        fletchers, social_worker, team_manager, colleague, as_user):
    warn(team_manager, person=fletchers["mum"], kind="animals", joint=False)
    plan = do_plan_visit(fletchers["jack"], acting_user=social_worker,
                         planned_for=at(19, 0, day=18), answers=all_answered(),
                         joint_worker=colleague)
    sam = as_user(social_worker)
    shown = sam.get(f"/visit-plans/{plan.pk}").content.decode()
    assert "Not ready: two workers and a manager" in shown
    assert "it needs a visit plan agreed by a manager" in shown
    tina = as_user(team_manager)
    assert "Agree to the out-of-hours visit" in tina.get(f"/visit-plans/{plan.pk}").content.decode()
    assert tina.post(f"/visit-plans/{plan.pk}/agree", {"version": 1, "note": ""}).status_code \
        == 302
    assert "Ready" in sam.get(f"/visit-plans/{plan.pk}").content.decode()
    # Moving the visit to the daytime changes what Tina agreed to: her agreement is withdrawn.
    plan.refresh_from_db()
    moved = do_update_plan(plan, acting_user=social_worker, expected_version=plan.version,
                           planned_for=at(10, 0, day=18), answers=all_answered(),
                           joint_worker=colleague)
    assert moved.manager_agreed_by is None


def test_R_SAFE_2_a_daytime_plan_with_a_joint_worker_needs_no_agreement(
        fletchers, social_worker, team_manager, colleague, joint_warning):
    plan = do_plan_visit(fletchers["jack"], acting_user=social_worker, planned_for=at(11),
                         answers=all_answered(), joint_worker=colleague)
    with pytest.raises(PlanRefused, match="a joint worker is named"):
        do_agree_plan(plan, acting_user=team_manager, expected_version=1)
    assert start(social_worker, fletchers, visit_plan=plan).pk
    # Cara, the plan's joint worker, may check in from it too: Sam is her second worker.
    CheckIn.objects.all().delete()
    assert do_start_check_in(acting_user=colleague, where="12 Acacia Road",
                             person=fletchers["jack"], expected_back=NOW + timedelta(hours=1),
                             visit_plan=plan).pk
