"""The daily e-mail digest of what is due is a setting, off by default (issue 15): off, the
job sends nothing and is not even scheduled; on, Sam gets counts and a link, never a child's
name, and the job comes back tomorrow morning."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings as live_settings
from django.core import mail
from django.utils import timezone

from hearth import calendar
from hearth.jobs.actions import RECURRING, run_due, schedule
from hearth.jobs.models import Job, JobStatus
from hearth.tasks.jobs import DIGEST
from tests.tasks.conftest import in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def sams_work(social_worker, team_manager, fletchers):
    from hearth.tasks.actions import do_set_task
    from hearth.tasks.models import Task

    for what, days in (("Ring Jack's school", 0), ("Book Amy's health check", 3)):
        do_set_task(acting_user=team_manager, assigned_to=social_worker,
                    person=fletchers["jack"], what=what, due_on=in_days(days))
    late = do_set_task(acting_user=team_manager, assigned_to=social_worker,
                       person=fletchers["amy"], what="Write Amy's plan", due_on=in_days(1))
    Task.objects.filter(pk=late.pk).update(due_on=in_days(-2))  # it was set before today
    mail.outbox.clear()


def test_off_by_default_nothing_is_sent_or_scheduled(sams_work):
    assert live_settings.HEARTH_TASK_DIGEST is False
    assert DIGEST not in RECURRING
    schedule(DIGEST)
    run_due()
    assert mail.outbox == []
    assert not Job.objects.filter(kind=DIGEST, status=JobStatus.DUE).exists()


def test_on_sam_gets_counts_and_a_link_and_no_names(settings, sams_work, social_worker,
                                                    team_manager):
    settings.HEARTH_TASK_DIGEST = True
    settings.HEARTH_SITE_URL = "https://hearth.northam.example"
    schedule(DIGEST)
    run_due()
    sams = [m for m in mail.outbox if m.to == [social_worker.email]]
    assert len(sams) == 1
    [email] = sams
    assert email.subject == "Hearth: 1 overdue, 1 due today"
    assert "1 overdue, 1 due today, 1 due this week" in email.body
    assert "https://hearth.northam.example/" in email.body
    # Tina's own digest (Sam's supervision is hers to arrange) names no one either.
    assert [m.to for m in mail.outbox if m.to != [social_worker.email]] == [[team_manager.email]]
    for sent in mail.outbox:
        for secret in ("Jack", "Amy", "Fletcher", "school", "plan", "Sam"):
            assert secret not in sent.subject + sent.body
    [next_one] = Job.objects.filter(kind=DIGEST, status=JobStatus.DUE)
    local = timezone.localtime(next_one.run_at, calendar.LONDON)
    assert (local.date(), local.hour) == (timezone.localdate() + timedelta(days=1), 7)
