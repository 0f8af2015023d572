"""Lone working (R-SAFE-4): Sam checks in before a lone visit to the Fletchers and out when safe;
if Sam does not check out in time, `hearth worker` alerts Tina (Sam's manager), then the
on-call senior manager. The rules are plain functions; the alerts are jobs in the database."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine as tm
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from hearth.access.codes import Role
from hearth.access.models import AuditEntry, Notification, Team
from hearth.core.refusals import Refused as CheckInRefused
from hearth.core.refusals import Refused as VisitRefused
from hearth.core.refusals import StaleEdit
from hearth.jobs.actions import run_due
from hearth.jobs.models import Job, JobStatus
from hearth.safety.actions import checkins
from hearth.safety.actions.checkins import (
    do_alert_managers,
    do_check_out,
    do_extend_check_in,
    do_start_check_in,
)
from hearth.safety.actions.oncall import do_add_on_call
from hearth.safety.codes import CheckInStatus
from hearth.safety.models import CheckIn
from hearth.safety.rules import alert_due, escalation_due, expected_back_problem, state
from hearth.visits.actions import do_record_visit
from tests.clock import hearth_on_test_clock
from tests.conftest import make_user

LONDON = ZoneInfo("Europe/London")
REPO_ROOT = Path(__file__).resolve().parents[2]
GRACE = timedelta(minutes=15)
ESCALATE = timedelta(minutes=30)


def at(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, 17, hour, minute, tzinfo=LONDON)


# --- The rules, without a database or a clock ---------------------------------------------------

def test_expected_back_must_be_in_the_future_and_within_twelve_hours_r_safe_4():
    limit = timedelta(hours=12)
    assert expected_back_problem(at(11), now=at(10), limit=limit) is None
    assert "in the future" in expected_back_problem(at(9, 59), now=at(10), limit=limit)
    assert "in the future" in expected_back_problem(at(10), now=at(10), limit=limit)
    assert "within 12 hours" in expected_back_problem(at(22, 1), now=at(10), limit=limit)
    assert expected_back_problem(at(22), now=at(10), limit=limit) is None
    assert "Enter" in expected_back_problem(None, now=at(10), limit=limit)


def test_a_worker_is_out_then_late_then_overdue_after_the_grace_period_r_safe_4():
    assert state(now=at(10, 59), expected_back=at(11), grace=GRACE) == "out"
    assert state(now=at(11), expected_back=at(11), grace=GRACE) == "late"
    assert state(now=at(11, 14), expected_back=at(11), grace=GRACE) == "late"
    assert state(now=at(11, 15), expected_back=at(11), grace=GRACE) == "overdue"


def test_the_manager_is_alerted_once_per_expected_time_after_the_grace_period_r_safe_4():
    due = dict(expected_back=at(11), checked_out=False, grace=GRACE)
    assert not alert_due(now=at(11, 14), alerted_at=None, **due)
    assert alert_due(now=at(11, 15), alerted_at=None, **due)
    assert not alert_due(now=at(11, 40), alerted_at=at(11, 15), **due)  # already alerted
    assert not alert_due(now=at(11, 40), alerted_at=None,
                         **{**due, "checked_out": True})  # back safely
    # Alerted at 11:15 for 11:00, then Sam extended to 12:00: a new alert is due at 12:15.
    later = {**due, "expected_back": at(12)}
    assert not alert_due(now=at(12, 14), alerted_at=at(11, 15), **later)
    assert alert_due(now=at(12, 15), alerted_at=at(11, 15), **later)


def test_escalation_follows_the_alert_after_the_further_period_r_safe_4():
    due = dict(expected_back=at(11), checked_out=False, escalate_after=ESCALATE)
    assert not escalation_due(now=at(12), alerted_at=None, escalated_at=None, **due)
    assert not escalation_due(now=at(11, 44), alerted_at=at(11, 15), escalated_at=None, **due)
    assert escalation_due(now=at(11, 45), alerted_at=at(11, 15), escalated_at=None, **due)
    assert not escalation_due(now=at(12), alerted_at=at(11, 15), escalated_at=at(11, 45),
                              **due)
    assert not escalation_due(now=at(12), alerted_at=at(11, 15), escalated_at=None,
                              **{**due, "checked_out": True})
    # An alert for an earlier expected time does not escalate a later one.
    assert not escalation_due(now=at(13), alerted_at=at(11, 15), escalated_at=None,
                              **{**due, "expected_back": at(12)})


# --- The jobs, with a moved clock ---------------------------------------------------------------

@pytest.fixture
def ten_am(time_machine):
    time_machine.move_to(at(10), tick=False)
    return time_machine


@pytest.fixture
def service_managers(db):
    sue = make_user("sue", Role.SERVICE_MANAGER, first="Sue", last="Senior")
    steve = make_user("steve", Role.SERVICE_MANAGER, first="Steve", last="Service")
    return sue, steve


def start(worker, fletchers, *, back=None, **extra) -> CheckIn:
    return do_start_check_in(acting_user=worker, where="12 Acacia Road, Southampton",
                             person=fletchers["jack"], expected_back=back or at(11), **extra)


def told(user, text: str) -> list[Notification]:
    return list(Notification.objects.filter(user=user, subject__contains=text))


@pytest.mark.django_db
def test_an_overdue_check_in_alerts_the_manager_then_escalates_to_on_call_r_safe_4(
        ten_am, social_worker, team_manager, fletchers, service_managers):
    sue, steve = service_managers
    do_add_on_call(acting_user=None, user=sue, starts_at=at(8), ends_at=at(18))
    checkin = start(social_worker, fletchers)
    assert Job.objects.get(kind=checkins.ALERT_JOB).run_at == at(11, 15)

    ten_am.move_to(at(11, 14))
    run_due()
    assert not told(team_manager, "has not checked out")

    ten_am.move_to(at(11, 15))
    run_due()
    checkin.refresh_from_db()
    assert checkin.manager_alerted_at == at(11, 15) and checkin.escalated_at is None
    [alert] = told(team_manager, "Sam Worker has not checked out of a lone visit")
    assert alert.link == f"/check-ins/{checkin.pk}/alert"
    assert not told(sue, "Escalation") and not told(social_worker, "")

    ten_am.move_to(at(11, 44))
    run_due()
    assert not told(sue, "Escalation")
    ten_am.move_to(at(11, 45))
    run_due()
    checkin.refresh_from_db()
    assert checkin.escalated_at == at(11, 45)
    [escalation] = told(sue, "Escalation: Sam Worker is overdue from a lone visit")
    assert escalation.link == alert.link
    assert not told(steve, "Escalation")  # Sue is on call; Steve is not told
    ten_am.move_to(at(13))
    run_due()
    assert len(told(team_manager, "has not checked out")) == 1 and len(told(sue, "")) == 1
    assert set(AuditEntry.objects.filter(action__startswith="safety.checkin").values_list(
        "action", flat=True)) == {"safety.checkin_start", "safety.checkin_alert",
                                  "safety.checkin_escalate"}


@pytest.mark.django_db
def test_with_nobody_on_call_every_service_manager_is_told_r_safe_4(
        ten_am, social_worker, team_manager, fletchers, service_managers):
    start(social_worker, fletchers)
    ten_am.move_to(at(11, 15))
    run_due()
    ten_am.move_to(at(11, 45))
    run_due()
    assert all(told(manager, "Escalation") for manager in service_managers)
    assert not told(team_manager, "Escalation")


@pytest.mark.django_db
def test_an_alert_job_run_twice_or_by_two_workers_alerts_once_r_safe_4(
        ten_am, social_worker, team_manager, fletchers):
    checkin = start(social_worker, fletchers)
    ten_am.move_to(at(11, 20))
    assert do_alert_managers(checkin.pk) is True
    assert do_alert_managers(checkin.pk) is False
    run_due()  # the queued alert finds it already done
    assert len(told(team_manager, "has not checked out")) == 1
    assert Job.objects.filter(kind=checkins.ESCALATE_JOB).count() == 1


@pytest.mark.django_db
def test_extending_the_time_makes_the_earlier_alert_do_nothing_r_safe_4(
        ten_am, social_worker, team_manager, fletchers):
    checkin = start(social_worker, fletchers)
    ten_am.move_to(at(10, 50))
    checkin = do_extend_check_in(checkin, acting_user=social_worker,
                                 expected_version=checkin.version, expected_back=at(12))
    assert checkin.expected_back == at(12) and checkin.version == 2
    assert sorted(Job.objects.filter(kind=checkins.ALERT_JOB).values_list(
        "run_at", flat=True)) == [at(11, 15), at(12, 15)]

    ten_am.move_to(at(11, 30))
    assert run_due() == 1  # the 11:15 alert: Sam is not due back yet
    assert not told(team_manager, "has not checked out")
    ten_am.move_to(at(12, 15))
    run_due()
    assert told(team_manager, "has not checked out")


@pytest.mark.django_db
def test_an_extension_after_the_alert_tells_the_manager_and_can_alert_again_r_safe_4(
        ten_am, social_worker, team_manager, fletchers):
    checkin = start(social_worker, fletchers)
    ten_am.move_to(at(11, 20))
    run_due()
    checkin = do_extend_check_in(CheckIn.objects.get(pk=checkin.pk), acting_user=social_worker,
                                 expected_version=1, expected_back=at(12))
    assert told(team_manager, "Sam Worker is safe and now expects to be back at 12:00")
    ten_am.move_to(at(12, 15))
    run_due()
    assert len(told(team_manager, "has not checked out")) == 2


@pytest.mark.django_db
def test_checking_out_in_time_means_nobody_is_alerted_r_safe_4(
        ten_am, social_worker, team_manager, fletchers, service_managers):
    checkin = start(social_worker, fletchers)
    ten_am.move_to(at(10, 55))
    checkin = do_check_out(checkin, acting_user=social_worker)
    assert checkin.status == CheckInStatus.BACK and checkin.checked_out_by == social_worker
    ten_am.move_to(at(13))
    run_due()
    assert not Notification.objects.exists()
    assert Job.objects.get(kind=checkins.ALERT_JOB).status == JobStatus.DONE


@pytest.mark.django_db
def test_checking_out_after_the_alert_stands_the_manager_down_r_safe_4(
        ten_am, social_worker, team_manager, fletchers):
    checkin = start(social_worker, fletchers)
    ten_am.move_to(at(11, 20))
    run_due()
    do_check_out(checkin, acting_user=social_worker)
    assert told(team_manager, "Sam Worker has checked out of a lone visit safely")
    ten_am.move_to(at(12))
    run_due()
    assert not Notification.objects.filter(subject__startswith="Escalation").exists()


@pytest.mark.django_db
def test_someone_elses_check_out_is_refused_and_nothing_changes_r_safe_4(
        ten_am, social_worker, outsider, fletchers):
    checkin = start(social_worker, fletchers)
    audit_rows = AuditEntry.objects.count()
    with pytest.raises(CheckInRefused, match="only check out of your own lone visits"):
        do_check_out(checkin, acting_user=outsider, expected_version=1, reason="Saw Sam")
    with pytest.raises(CheckInRefused, match="your own lone visits"):
        do_extend_check_in(checkin, acting_user=outsider, expected_version=1,
                           expected_back=at(12))
    checkin.refresh_from_db()
    assert checkin.status == CheckInStatus.OUT and checkin.version == 1
    assert AuditEntry.objects.count() == audit_rows


@pytest.mark.django_db
def test_a_manager_closes_a_check_in_only_with_a_reason_and_an_up_to_date_page_r_safe_4(
        ten_am, social_worker, team_manager, fletchers):
    checkin = start(social_worker, fletchers)
    with pytest.raises(CheckInRefused, match="Enter why you are closing") as refused:
        do_check_out(checkin, acting_user=team_manager, expected_version=1, reason="  ")
    assert refused.value.field == "reason"
    with pytest.raises(StaleEdit):
        do_check_out(checkin, acting_user=team_manager, expected_version=0, reason="Phoned")
    checkin = do_check_out(checkin, acting_user=team_manager, expected_version=1,
                           reason="Sam phoned me at 10:40 from the car: safe")
    assert checkin.checked_out_by == team_manager and "phoned" in checkin.close_reason
    assert told(social_worker, "Tina Manager closed your lone-visit check-in")
    entry = AuditEntry.objects.get(action="safety.checkin_close")
    assert entry.fields["reason"].startswith("Sam phoned") and entry.username == "tina"


@pytest.mark.django_db
def test_bad_check_ins_are_refused_and_nothing_is_written_r_safe_4(
        ten_am, social_worker, outsider, fletchers):
    for back, message in ((at(9), "in the future"), (at(23), "within 12 hours")):
        with pytest.raises(CheckInRefused, match=message):
            start(social_worker, fletchers, back=back)
    with pytest.raises(CheckInRefused, match="could not find that person"):
        start(outsider, fletchers)  # Olly may not see Jack
    with pytest.raises(CheckInRefused, match="Enter where"):
        do_start_check_in(acting_user=social_worker, where=" ", expected_back=at(11))
    assert not CheckIn.objects.exists() and not Job.objects.exists()
    start(social_worker, fletchers)
    with pytest.raises(CheckInRefused, match="already out on a lone visit"):
        start(social_worker, fletchers, back=at(12))
    assert CheckIn.objects.count() == 1


@pytest.mark.django_db
def test_a_lone_edt_worker_overdue_alerts_the_on_call_senior_manager_first_r_edt_2_r_safe_4(
        time_machine, fletchers, service_managers):
    """R-EDT-2, R-SAFE-4: Ed, on the Emergency Duty Team, goes out alone at 22:00. His line
    manager Erin is off duty: when he misses his check-out, Sue, the on-call senior manager, is
    alerted first (not Erin); when he is still out, the procedure escalates to the other
    service managers and Erin; when he checks out, everyone told is stood down."""
    sue, steve = service_managers
    time_machine.move_to(at(22), tick=False)
    edt = Team.objects.create(name="Emergency Duty Team", service="edt")
    ed = make_user("ed", Role.ADVANCED_PRACTITIONER, team=edt, first="Ed", last="Duty")
    erin = make_user("erin", Role.TEAM_MANAGER, team=edt, first="Erin", last="Lead")
    do_add_on_call(acting_user=None, user=sue, starts_at=at(17), ends_at=at(17) +
                   timedelta(hours=16))
    checkin = do_start_check_in(acting_user=ed, where="Southampton General Hospital",
                                person=fletchers["amy"], expected_back=at(23, 30))
    time_machine.move_to(at(23, 45))
    run_due()
    checkin.refresh_from_db()
    assert checkin.manager_alerted_at == at(23, 45)
    [alert] = told(sue, "Ed Duty has not checked out of a lone visit")
    assert "line manager is off duty" in alert.body
    assert not told(erin, "") and not told(steve, "")
    assert AuditEntry.objects.get(action="safety.checkin_alert").fields["told"] == ["sue"]

    time_machine.move_to(at(23, 45) + ESCALATE)
    run_due()
    [escalation] = told(steve, "Escalation: Ed Duty is overdue from a lone visit")
    assert "The on-call senior manager was alerted at 23:45" in escalation.body
    assert told(erin, "Escalation: Ed Duty") and not told(sue, "Escalation")

    do_check_out(CheckIn.objects.get(pk=checkin.pk), acting_user=ed)
    for manager in (sue, steve, erin):
        assert told(manager, "Ed Duty has checked out of a lone visit safely")


@pytest.mark.django_db
def test_in_office_hours_the_line_manager_is_still_alerted_first_r_edt_2_r_safe_4(
        ten_am, fletchers, service_managers):
    """The same EDT worker out at 10:00 on a Tuesday: his line manager is on duty."""
    edt = Team.objects.create(name="Emergency Duty Team", service="edt")
    ed = make_user("ed", Role.ADVANCED_PRACTITIONER, team=edt, first="Ed", last="Duty")
    erin = make_user("erin", Role.TEAM_MANAGER, team=edt, first="Erin", last="Lead")
    do_start_check_in(acting_user=ed, where="Southampton General Hospital",
                      person=fletchers["amy"], expected_back=at(11))
    ten_am.move_to(at(11, 15))
    run_due()
    assert told(erin, "Ed Duty has not checked out")
    assert not any(told(manager, "") for manager in service_managers)


def test_the_line_manager_is_off_duty_in_edt_hours_r_edt_2():
    """R-EDT-1 hours: 17:00 to 09:00 on weekdays, all day at weekends and bank holidays."""
    assert not checkins.line_manager_off_duty(at(9))
    assert not checkins.line_manager_off_duty(at(16, 59))
    assert checkins.line_manager_off_duty(at(17))
    assert checkins.line_manager_off_duty(at(8, 59))
    assert checkins.line_manager_off_duty(datetime(2026, 11, 21, 12, 0, tzinfo=LONDON))  # Sat
    assert checkins.line_manager_off_duty(datetime(2026, 12, 25, 12, 0, tzinfo=LONDON))


@pytest.mark.django_db
def test_a_visit_cannot_be_completed_while_the_lone_visit_is_open_r_safe_4(
        ten_am, social_worker, fletchers):
    checkin = start(social_worker, fletchers)
    ten_am.move_to(at(10, 45))
    visit = {"kind": "planned", "starts_at": at(10, 5), "place": "Home", "child_seen": True}
    for child in (fletchers["jack"], fletchers["mum"]):
        with pytest.raises(VisitRefused, match="Check out of your lone visit first"):
            do_record_visit(child, acting_user=social_worker, outcome="completed", **visit)
    # Amy is Jack's sister, not linked to him directly: only Jack, and his mother, count.
    assert do_record_visit(fletchers["jack"], acting_user=social_worker, outcome="no_access",
                           **visit).pk
    do_check_out(checkin, acting_user=social_worker)
    assert do_record_visit(fletchers["jack"], acting_user=social_worker, outcome="completed",
                           **visit).pk


@pytest.mark.django_db
def test_correcting_last_weeks_visit_while_out_is_allowed_r_safe_4(
        ten_am, social_worker, fletchers):
    start(social_worker, fletchers)
    visit = do_record_visit(fletchers["jack"], acting_user=social_worker, kind="planned",
                            starts_at=at(10) - timedelta(days=7), place="Home",
                            child_seen=True, outcome="completed")
    assert visit.pk


# --- The on-call rota ---------------------------------------------------------------------------

@pytest.mark.django_db
def test_hearth_oncall_add_and_list_r_safe_4(ten_am, service_managers, social_worker, capsys):
    call_command("oncall", "add", "sue", "--from", "2026-11-17T08:00", "--to",
                 "2026-11-17T18:00")
    call_command("oncall", "add", "steve", "--from", "2026-11-17T18:00+00:00", "--to",
                 "2026-11-18T08:00+00:00")
    assert "sue is on call from 2026-11-17 08:00 GMT" in capsys.readouterr().out
    call_command("oncall", "list")
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("sue") and out[0].endswith("(on call now)")
    assert out[1].startswith("steve") and "on call now" not in out[1]
    assert checkins.escalation_recipients(social_worker, timezone.now()) == [service_managers[0]]
    for argv, message in ((["add", "nobody", "--from", "2026-11-17T08:00", "--to",
                            "2026-11-17T09:00"], "No user called 'nobody'"),
                          (["add", "sam", "--from", "2026-11-17T08:00", "--to",
                            "2026-11-17T09:00"], "not an active team or service manager"),
                          (["add", "sue", "--from", "tomorrow", "--to", "2026-11-17T09:00"],
                           "--from must be an ISO date"),
                          (["add", "sue", "--from", "2026-11-17T10:00", "--to",
                            "2026-11-17T09:00"], "must be after its start")):
        with pytest.raises(CommandError, match=message):
            call_command("oncall", *argv)


@pytest.mark.django_db
def test_hearth_oncall_list_says_who_is_told_when_nobody_is_on_call(capsys):
    call_command("oncall", "list")
    assert "escalate to every service manager" in capsys.readouterr().out


# --- A separate `hearth worker` process ---------------------------------------------------------

def _database_url() -> str:
    """The test database, as a URL another process can open."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    return f"postgresql://{auth}@{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_a_separate_hearth_worker_process_alerts_the_manager_r_safe_4(social_worker,
                                                                     team_manager, fletchers):
    """Nobody has a page open: the check-in is overdue by the clock, and `hearth worker --once`,
    another process reading the same database (on the test's clock), alerts Tina; or, when the
    clock is out of hours and Tina is off duty, Sue the senior manager (R-EDT-2)."""
    sue = make_user("sue", Role.SERVICE_MANAGER, first="Sue", last="Senior")
    first = sue if checkins.line_manager_off_duty(timezone.now()) else team_manager
    two_hours_ago = timezone.now() - timedelta(hours=2)
    with tm.travel(two_hours_ago, tick=False):  # Sam went out two hours ago, due back in one
        checkin = start(social_worker, fletchers, back=two_hours_ago + timedelta(hours=1))
    env = {**os.environ, "HEARTH_DATABASE_URL": _database_url(),
           "DJANGO_SETTINGS_MODULE": "hearth.settings"}
    result = subprocess.run(hearth_on_test_clock("worker", "--once"), cwd=REPO_ROOT, env=env,
                            capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr
    checkin.refresh_from_db()
    assert checkin.manager_alerted_at is not None and checkin.escalated_at is None
    assert told(first, "Sam Worker has not checked out of a lone visit")
    assert Job.objects.get(kind=checkins.ALERT_JOB).status == JobStatus.DONE
    assert Job.objects.get(kind=checkins.ESCALATE_JOB).status == JobStatus.DUE
    # The worker's e-mail to Tina (or Sue) went too, saying only that there is something to read.
    mail = Job.objects.get(kind="notify.email")
    assert mail.status == JobStatus.DONE and mail.payload["to"] == [first.email]
    assert "Acacia" not in mail.payload["subject"] + mail.payload["body"]


def test_the_grace_and_escalation_periods_come_from_settings(settings):
    settings.CHECKIN_GRACE_MINUTES = 5
    settings.CHECKIN_ESCALATE_MINUTES = 10
    assert checkins.grace() == timedelta(minutes=5)
    assert checkins.escalate_after() == timedelta(minutes=10)


def test_the_periods_default_to_fifteen_and_thirty_minutes(settings, monkeypatch):
    for name in ("CHECKIN_GRACE_MINUTES", "CHECKIN_ESCALATE_MINUTES", "CHECKIN_MAX_HOURS"):
        if hasattr(settings, name):
            delattr(settings, name)
        monkeypatch.delenv(f"HEARTH_{name}", raising=False)
    assert checkins.grace() == timedelta(minutes=15)
    assert checkins.escalate_after() == timedelta(minutes=30)
    assert checkins.max_ahead() == timedelta(hours=12)
    monkeypatch.setenv("HEARTH_CHECKIN_GRACE_MINUTES", "20")
    assert checkins.grace() == timedelta(minutes=20)
