"""The daily e-mail digest of what is due (issue 15), a setting that is off by default
(``HEARTH_TASK_DIGEST``). When on, ``hearth worker`` runs it once a day: each user with work
due gets one e-mail of counts and a link, never a child's name (``rules.digest_text``)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from hearth import calendar
from hearth.jobs.actions import handler, recurring, schedule

DIGEST = "tasks.digest"

__all__ = ["DIGEST", "digest", "recurring", "send_digests"]


def send_digests() -> int:
    """One e-mail job per user with something overdue, due today or this week; returns how
    many. Nothing when the setting is off."""
    from hearth.access.models import User
    from hearth.core import due
    from hearth.tasks import rules

    if not settings.HEARTH_TASK_DIGEST:
        return 0
    today = timezone.localdate()
    link = settings.HEARTH_SITE_URL.rstrip("/") + "/" if settings.HEARTH_SITE_URL else ""
    sent = 0
    for user in (User.objects.filter(is_active=True).exclude(email="")
                 .select_related("team").order_by("pk")):
        if not user.has_hearth_permission("work.view"):
            continue
        counts = {due.OVERDUE: 0, due.TODAY: 0, due.THIS_WEEK: 0, due.LATER: 0}
        for entry in due.due_for(user, scope=due.MINE):
            counts[entry.when(today)] += 1
        if not (counts[due.OVERDUE] or counts[due.TODAY] or counts[due.THIS_WEEK]):
            continue
        subject, body = rules.digest_text(overdue=counts[due.OVERDUE],
                                          today=counts[due.TODAY],
                                          this_week=counts[due.THIS_WEEK], link=link)
        schedule("notify.email", {"subject": subject, "body": body, "to": [user.email]})
        sent += 1
    return sent


def next_run(now: datetime) -> datetime:
    """Tomorrow at ``HEARTH_TASK_DIGEST_HOUR`` (London)."""
    day = timezone.localtime(now, calendar.LONDON).date() + timedelta(days=1)
    return datetime.combine(day, time(settings.HEARTH_TASK_DIGEST_HOUR), calendar.LONDON)


@handler(DIGEST)
def digest(payload: dict) -> None:
    from hearth.jobs.models import Job, JobStatus

    send_digests()
    if settings.HEARTH_TASK_DIGEST and not Job.objects.filter(
            kind=DIGEST, status=JobStatus.DUE).exists():
        schedule(DIGEST, run_at=next_run(timezone.now()))
