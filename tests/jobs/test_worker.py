"""Background jobs: claimed from the database, retried with back-off, never lost."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from hearth.jobs.actions import HANDLERS, claim, handler, run_due, schedule
from hearth.jobs.models import Job, JobStatus


@pytest.mark.django_db
def test_due_jobs_run_and_later_ones_wait():
    now = schedule("notify.email", {"subject": "s", "body": "b", "to": ["tina@example.org"]})
    later = schedule("notify.email", {"subject": "s", "body": "b", "to": ["x@example.org"]},
                     run_at=timezone.now() + timedelta(hours=1))
    assert run_due() == 1
    now.refresh_from_db()
    later.refresh_from_db()
    assert now.status == JobStatus.DONE and later.status == JobStatus.DUE
    assert mail.outbox[0].to == ["tina@example.org"]


@pytest.mark.django_db
def test_a_failing_job_is_retried_then_marked_failed():
    calls = []

    @handler("test.boom")
    def boom(payload):
        calls.append(1)
        raise ValueError("mail server down")

    try:
        job = schedule("test.boom")
        job.max_attempts = 2
        job.save()
        run_due()
        job.refresh_from_db()
        assert job.status == JobStatus.DUE and "mail server down" in job.last_error
        assert job.run_at > timezone.now()
        Job.objects.filter(pk=job.pk).update(run_at=timezone.now())
        run_due()
        job.refresh_from_db()
        assert job.status == JobStatus.FAILED and len(calls) == 2
    finally:
        HANDLERS.pop("test.boom", None)


@pytest.mark.django_db
def test_a_claimed_job_is_not_claimed_twice():
    schedule("sessions.clear")
    first = claim(name="worker-a")
    assert first is not None and first.claimed_by == "worker-a"
    assert claim(name="worker-b") is None


@pytest.mark.django_db
def test_a_job_abandoned_by_a_dead_worker_is_picked_up_again():
    job = schedule("sessions.clear")
    claim(name="worker-a")
    Job.objects.filter(pk=job.pk).update(claimed_at=timezone.now() - timedelta(minutes=30))
    again = claim(name="worker-b")
    assert again is not None and again.pk == job.pk and again.attempts == 2


def test_unknown_job_kinds_are_refused():
    with pytest.raises(ValueError):
        schedule("no.such.kind")


@pytest.mark.django_db
def test_hearth_worker_once_runs_what_is_due(capsys):
    schedule("sessions.clear")
    call_command("worker", "--once")
    # It, and the purges the worker sets up: idempotency keys (issue 13 item 11), old drafts
    # (issue 15).
    assert "ran 3 job(s)" in capsys.readouterr().out
    # sessions.clear reschedules itself an hour later
    assert Job.objects.filter(kind="sessions.clear", status=JobStatus.DUE).count() == 1


@pytest.mark.django_db
def test_break_glass_emails_the_manager_through_the_worker(django_capture_on_commit_callbacks,
                                                           social_worker, team_manager):
    from datetime import date

    from hearth.people import actions

    child = actions.do_create_person(acting_user=social_worker, given_name="Rosa",
                                     family_name="Quill", date_of_birth=date(2015, 3, 3),
                                     restricted=True)
    with django_capture_on_commit_callbacks(execute=True):
        actions.do_break_glass(child, acting_user=social_worker,
                               reason="Out-of-hours call about Rosa from the hospital")
    run_due()
    assert mail.outbox[0].to == [team_manager.email]
    assert "Rosa" not in mail.outbox[0].body and "Quill" not in mail.outbox[0].body


@pytest.mark.django_db
def test_a_new_worker_sets_up_the_recurring_clean_ups(capsys):
    """Expired sessions, expired idempotency keys (issue 13 item 11) and old drafts and forms
    kept over a timeout (issue 15), hourly."""
    call_command("worker", "--once")
    assert "ran 3 job(s)" in capsys.readouterr().out
    for kind in ("sessions.clear", "idempotency.purge", "drafts.purge"):
        assert Job.objects.filter(kind=kind, status=JobStatus.DONE).count() == 1
        assert Job.objects.filter(kind=kind, status=JobStatus.DUE).count() == 1


@pytest.mark.django_db
def test_hearth_worker_once_also_sequences_the_audit_log_issue_14(social_worker):
    from hearth.access.actions.audit import record_read

    entry = record_read("view", user=social_worker, object_type="x", object_id="1")
    call_command("worker", "--once")
    entry.refresh_from_db()
    assert entry.seq == 1


@pytest.mark.django_db(transaction=True)
def test_the_workers_sequencer_links_new_entries_within_seconds_issue_14(social_worker):
    """The worker's periodic thread runs the sequencer every second, beside the jobs."""
    import threading
    import time

    from hearth.access.actions.audit import record_read
    from hearth.access.models import AuditEntry
    from hearth.jobs.actions import PERIODIC, periodic_thread

    assert PERIODIC["audit.sequence"][0] == 1.0
    entry = record_read("view", user=social_worker, object_type="x", object_id="1")
    stop = threading.Event()
    thread = periodic_thread(stop)
    try:
        give_up = time.monotonic() + 60  # patience on a busy machine, not a timing check
        while AuditEntry.objects.get(pk=entry.pk).seq is None and time.monotonic() < give_up:
            time.sleep(0.1)
    finally:
        stop.set()
        thread.join(30)
    assert AuditEntry.objects.get(pk=entry.pk).seq == 1 and not thread.is_alive()
